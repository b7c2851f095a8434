/** What tells the recorded --output file from another: its tail digest, its last line, a killed run's leftovers. */
import { describe, expect, test } from "bun:test";
import { endsWithOwnLine, isKilledRunTail, type ReadableBytes, TAIL_BYTES, tailDigest } from "../../src/sinks/output-identity.ts";

/** A file in memory whose reads return at most `readSize` bytes at a time, as a real read may. */
function bytesOf(text: string, readSize = 7): ReadableBytes {
  const bytes = new TextEncoder().encode(text);
  return {
    length: bytes.length,
    read: async (position, length) => bytes.slice(position, position + Math.min(length, readSize)),
  };
}

const line = (id: number) => `{"stream":"contacts","data":{"id":"${id}","name":"Ann ${"x".repeat(id % 50)}"}}\n`;
const lines = (count: number) => Array.from({ length: count }, (_, i) => line(i)).join("");

describe("tailDigest", () => {
  test("is the same for the same bytes before the length, whatever follows them", async () => {
    const text = lines(200);
    expect(text.length).toBeGreaterThan(TAIL_BYTES);
    const digest = await tailDigest(bytesOf(text), text.length);
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(await tailDigest(bytesOf(`${text}${line(999)}`, 4096), text.length)).toBe(digest);
  });

  test("differs when a line anywhere before the length was duplicated or its line ends converted", async () => {
    const text = lines(200);
    const digest = await tailDigest(bytesOf(text), text.length);
    const duplicated = text.replace(line(3), `${line(3)}${line(3)}`);
    expect(await tailDigest(bytesOf(duplicated), text.length)).not.toBe(digest);
    expect(await tailDigest(bytesOf(text.replaceAll("\n", "\r\n")), text.length)).not.toBe(digest);
  });

  test("of a length of 0 is the digest of nothing", async () => {
    expect(await tailDigest(bytesOf("anything"), 0)).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });
});

describe("endsWithOwnLine (states without a digest)", () => {
  test("holds where a line intercom-sync wrote ends, and at 0", async () => {
    const text = lines(5);
    expect(await endsWithOwnLine(bytesOf(text), text.length)).toBe(true);
    expect(await endsWithOwnLine(bytesOf(text), line(0).length)).toBe(true);
    expect(await endsWithOwnLine(bytesOf("not ours"), 0)).toBe(true);
  });

  test("reads back as far as a long last line goes", async () => {
    const long = `{"stream":"conversations","data":{"id":"1","body":"${"b".repeat(300_000)}"}}\n`;
    const text = `${lines(2)}${long}`;
    expect(await endsWithOwnLine(bytesOf(text, 1 << 20), text.length)).toBe(true);
    expect(await endsWithOwnLine(bytesOf(long, 1 << 20), long.length)).toBe(true);
    const torn = `${lines(2)}${long.slice(20)}`;
    expect(await endsWithOwnLine(bytesOf(torn, 1 << 20), torn.length)).toBe(false);
  });

  test("fails mid-line, after another program's line, past the end, or after CRLF", async () => {
    const text = lines(5);
    expect(await endsWithOwnLine(bytesOf(text), text.length - 3)).toBe(false);
    const foreign = `${text}hello world\n`;
    expect(await endsWithOwnLine(bytesOf(foreign), foreign.length)).toBe(false);
    expect(await endsWithOwnLine(bytesOf(text), text.length + 1)).toBe(false);
    const crlf = text.replaceAll("\n", "\r\n");
    expect(await endsWithOwnLine(bytesOf(crlf), crlf.length)).toBe(false);
  });
});

describe("isKilledRunTail", () => {
  test("accepts whole intercom-sync lines, then at most one line cut short", async () => {
    const text = lines(3);
    expect(await isKilledRunTail(bytesOf(`${text}${lines(4)}`), text.length)).toBe(true);
    expect(await isKilledRunTail(bytesOf(`${text}${line(7)}{"stream":"contacts","da`), text.length)).toBe(true);
    expect(await isKilledRunTail(bytesOf(`${text}{"str`), text.length)).toBe(true);
    expect(await isKilledRunTail(bytesOf(`${text}{"stream":"tags","deleted":{"id":"1","deleted_at":5}}\n`), text.length)).toBe(true);
  });

  test("refuses another program's lines, whole or cut short", async () => {
    const text = lines(3);
    expect(await isKilledRunTail(bytesOf(`${text}{"note":"by hand"}\n`), text.length)).toBe(false);
    expect(await isKilledRunTail(bytesOf(`${text}${line(4)}plain text\n${line(5)}`), text.length)).toBe(false);
    expect(await isKilledRunTail(bytesOf(`${text}plain`), text.length)).toBe(false);
  });
});
