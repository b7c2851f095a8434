/**
 * The rate budget spends the window and then waits for its reset, so 429s stay rare; and a conversation deleted
 * between the search that listed it and the fetch of its parts is skipped and counted, not a failure.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { errorList } from "../../src/fake/respond.ts";
import { type RunningFake, startFake, syncWith } from "../helpers/harness.ts";
import { keyOf } from "../helpers/memory-sink.ts";
import { runCliInProcess } from "../helpers/run-cli-in-process.ts";
import { tempDir } from "../helpers/temp-dir.ts";
import { expectExactRecords, startBrokenFake, TOKEN, type WrappedFake } from "./helpers.ts";

describe("rate-limit pacing", () => {
  let fake: RunningFake;
  beforeAll(async () => {
    // About 170 requests (a fetch per conversation; company segments by listing) against 30 per 1-second window.
    fake = await startFake({
      sizes: { companies: 40, contacts: 20, conversations: 150, tickets: 10, activityLogs: 10, maxParts: 2 },
      rateLimit: { limit: 30, windowMs: 1_000 },
    });
  });
  afterAll(() => fake.close());

  test("a sync that needs several windows gets 429 on fewer than 1 % of its requests", async () => {
    const { result, sink } = await syncWith(fake, ["companies", "company_segments", "conversations", "conversation_parts", "admins", "tags"]);
    expect(result.outcome).toBe("ok");
    expectExactRecords(fake, sink, ["companies", "company_segments", "conversations", "conversation_parts"]);
    // Enough requests to need several windows, so the budget had to wait for resets.
    expect(fake.stats.requests).toBeGreaterThan(4 * 30);
    expect(result.http.rateLimited).toBe(fake.stats.rateLimited);
    expect(fake.stats.rateLimited * 100).toBeLessThan(fake.stats.requests);
  });
});

describe("a conversation deleted between the search and the fetch of its parts (404)", () => {
  let fake: WrappedFake;
  let deletedId = "";
  beforeAll(async () => {
    fake = await startBrokenFake(
      { sizes: { conversations: 12, contacts: 5, companies: 3, maxParts: 3 } },
      (_request, url) =>
        url.pathname === `/conversations/${deletedId}` ? errorList(404, "not_found", "Resource Not Found", "req-deleted") : undefined,
    );
    deletedId = String([...fake.workspace.records("conversations")][3]!.id);
  });
  afterAll(() => fake.close());

  test("is skipped and counted, the run ends ok, and every other conversation's parts are exported", async () => {
    const { result, sink } = await syncWith(fake, ["conversations", "conversation_parts"]);
    expect(result.outcome).toBe("ok");
    const parts = result.streams.find((stream) => stream.name === "conversation_parts")!;
    expect(parts.outcome).toBe("ok");
    expect(parts.skipped).toBe(1);
    expect(result.streams.find((stream) => stream.name === "conversations")!.skipped).toBe(0);
    // The search listed it, so the conversation itself is still exported; only its parts are missing.
    expectExactRecords(fake, sink, ["conversations"]);
    const key = (record: Record<string, unknown>) => keyOf(record, ["conversation_id", "id"]);
    const expected = [...fake.workspace.records("conversation_parts")].filter((part) => part.conversation_id !== deletedId).map(key);
    expect(sink.all("conversation_parts").map(key).sort()).toEqual(expected.sort());
    expect(expected.length).toBeGreaterThan(0);
  });

  test("the CLI's summary counts the skip, and --verbose names the skipped conversation", async () => {
    const dir = tempDir();
    try {
      const run = await runCliInProcess([
        "sync",
        "--base-url",
        fake.url,
        "--token",
        TOKEN,
        "--streams",
        "conversation_parts",
        "--sqlite",
        dir.file("out.db"),
        "--state",
        dir.file("state.json"),
        "--verbose",
      ]);
      expect(run.exitCode).toBe(0);
      expect(run.stderr).toContain("1 skipped");
      expect(run.stderr).toContain(deletedId);
    } finally {
      dir.remove();
    }
  });
});
