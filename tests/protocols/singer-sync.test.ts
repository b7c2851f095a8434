/**
 * `sync --format singer` against the fake: SCHEMA before each stream's records, every record of the fake as
 * RECORD messages, STATE messages ({bookmarks}) after the records they cover, and the state file kept as usual.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { RunningFakeIntercom } from "../../src/fake/mod.ts";
import { DEFAULT_STREAMS } from "../../src/streams/select.ts";
import { validateSinger } from "../sinks/protocol-shapes.ts";
import { type MessagesResult, runCliMessages } from "../helpers/run-cli.ts";
import { tempDir } from "../helpers/temp-dir.ts";
import { fakeKeys, keyOf, startFake } from "./helpers.ts";

type Message = Record<string, any>;

let fake: RunningFakeIntercom;
let dir: string;
let statePath: string;
let first: MessagesResult;

const sync = (...extra: string[]) =>
  runCliMessages(["sync", "--format", "singer", "--base-url", fake.url, "--state", statePath, "--quiet", ...extra], {
    env: { INTERCOM_ACCESS_TOKEN: "test-token" },
  });
const recordsOf = (run: MessagesResult, stream: string) =>
  run.messages.filter((m: Message) => m.type === "RECORD" && m.stream === stream).map((m: Message) => m.record);

beforeAll(async () => {
  fake = await startFake();
  dir = tempDir().dir;
  statePath = join(dir, "state.json");
  first = await sync();
}, 120_000);
afterAll(() => fake.close());

describe("sync --format singer", () => {
  test("exits 0 and every stdout line is a valid Singer message", () => {
    expect({ code: first.exitCode, stderr: first.stderr }).toEqual({ code: 0, stderr: "" });
    const problems = first.messages.flatMap((message, line) => validateSinger(message).map((problem) => `line ${line + 1}: ${problem}`));
    expect(problems).toEqual([]);
  });

  test("a SCHEMA for every stream of the default set (no --streams) comes before that stream's first RECORD", () => {
    const schemaAt = new Map<string, number>();
    first.messages.forEach((m: Message, index) => {
      if (m.type === "SCHEMA") schemaAt.set(m.stream, index);
      if (m.type === "RECORD") expect(schemaAt.has(m.stream)).toBe(true);
    });
    expect([...schemaAt.keys()].sort()).toEqual(DEFAULT_STREAMS.map((stream) => stream.name).sort());
    const contacts = first.messages.find((m: Message) => m.type === "SCHEMA" && m.stream === "contacts") as Message;
    expect(contacts).toMatchObject({ key_properties: ["id"], bookmark_properties: ["updated_at"] });
  });

  test("carries every record of the fake in the default set, each once", () => {
    for (const stream of DEFAULT_STREAMS) {
      const exported = recordsOf(first, stream.name).map((record: Message) => keyOf(stream.name, record));
      expect({ stream: stream.name, keys: exported.sort() }).toEqual({ stream: stream.name, keys: fakeKeys(fake, stream.name) });
    }
  });

  test("STATE holds bookmarks per stream, each cursor only past contacts already sent", () => {
    const all = [...fake.workspace.records("contacts")] as Message[];
    const sent = new Set<string>();
    let checked = 0;
    for (const message of first.messages as Message[]) {
      if (message.type === "RECORD" && message.stream === "contacts") sent.add(keyOf("contacts", message.record));
      if (message.type !== "STATE") continue;
      expect(typeof message.value.bookmarks).toBe("object");
      const cursor = message.value.bookmarks.contacts?.cursor;
      if (cursor === undefined) continue;
      expect(all.filter((record) => record.updated_at < cursor && !sent.has(keyOf("contacts", record))).length).toBe(0);
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
    // The last message is a STATE with every stream's progress.
    const last = first.messages.at(-1) as Message;
    expect(last.type).toBe("STATE");
    expect(Object.keys(last.value.bookmarks).sort()).toEqual(DEFAULT_STREAMS.map((stream) => stream.name).sort());
  });

  test("--state is still written as our state file, matching the last bookmarks", () => {
    const saved = JSON.parse(readFileSync(statePath, "utf8"));
    const last = first.messages.at(-1) as Message;
    expect(saved.streams.contacts.cursor).toBe(last.value.bookmarks.contacts.cursor);
  });

  test("a second run from that state sends no unchanged contact", async () => {
    const second = await sync("--streams", "contacts");
    expect(second.exitCode).toBe(0);
    expect(recordsOf(second, "contacts")).toEqual([]);
    expect(second.messages.filter((m: Message) => m.type === "SCHEMA").map((m: Message) => m.stream)).toEqual(["contacts"]);
    expect(second.messages.at(-1)).toMatchObject({ type: "STATE", value: { bookmarks: { contacts: { outcome: "ok" } } } });
  });

  test("--format singer with --sqlite is refused (exit 2), stdout empty", async () => {
    const run = await sync("--sqlite", join(dir, "x.db"));
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("--format singer");
  });
});
