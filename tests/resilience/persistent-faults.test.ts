/**
 * Failures that do not go away: the retries run out, the stream fails with a message naming it and what was
 * wrong, the other streams finish, the CLI exits 4, and the failed streams' cursors stay where they were.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { runCliInProcess } from "../helpers/run-cli-in-process.ts";
import { tempDir } from "../helpers/temp-dir.ts";
import { htmlErrorPage, readStateStreams, SMALL_SIZES, startBrokenFake, TOKEN, truncatedAnswer, type WrappedFake } from "./helpers.ts";

describe("a stream whose every answer is an HTML error page or truncated JSON", () => {
  let fake: WrappedFake;
  let broken = false;
  const dir = tempDir();

  beforeAll(async () => {
    fake = await startBrokenFake({ sizes: SMALL_SIZES }, (request, url) => {
      if (!broken) return undefined;
      if (url.pathname === "/tickets/search") return htmlErrorPage(502);
      if (url.pathname === "/contacts/search") return truncatedAnswer(fake, request);
      return undefined;
    });
  });
  afterAll(async () => {
    await fake.close();
    dir.remove();
  });

  test("fails that stream with a clear message, exits 4, and leaves its saved cursor where it was", async () => {
    const common = ["sync", "--base-url", fake.url, "--token", TOKEN, "--sqlite", dir.file("out.db"), "--state", dir.file("state.json")];
    // A first, clean run saves a cursor for every stream; the larger search lag makes it older than the second run's.
    const first = await runCliInProcess([...common, "--search-lag-minutes", "10", "--quiet"]);
    expect(first.stderr).toBe("");
    expect(first.exitCode).toBe(0);
    const before = readStateStreams(dir.file("state.json"));
    for (const stream of ["tickets", "contacts", "segments"]) expect(before[stream]?.cursor).toBeNumber();

    broken = true;
    const second = await runCliInProcess([...common, "--search-lag-minutes", "0", "--quiet"]);
    expect(second.exitCode).toBe(4);
    expect(second.stdout).toBe("");
    const errorLines = second.stderr.split("\n").filter((line) => line.startsWith("error: "));
    const ticketsLine = errorLines.find((line) => line.includes("tickets"));
    const contactsLine = errorLines.find((line) => line.includes("contacts"));
    expect(ticketsLine).toContain("/tickets/search");
    expect(ticketsLine).toContain("502");
    expect(contactsLine).toContain("/contacts/search");
    expect(contactsLine).toContain("not JSON");
    // Only the two broken streams are reported as failed.
    expect(errorLines.length).toBe(2);

    const after = readStateStreams(dir.file("state.json"));
    expect(after.tickets?.cursor).toBe(before.tickets!.cursor!);
    expect(after.contacts?.cursor).toBe(before.contacts!.cursor!);
    expect(after.tickets?.outcome).toBe("failed");
    expect(after.contacts?.outcome).toBe("failed");
    // The streams that worked did advance.
    expect(after.segments?.cursor).toBeGreaterThan(before.segments!.cursor!);
    expect(after.segments?.outcome).toBe("ok");
  });
});
