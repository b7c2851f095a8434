/**
 * The Content Data Export into SQLite, where a download's chunks are staged and appear together with the last:
 * every row arrives whatever the download's size against rowsPerWrite (a size that is an exact multiple of it
 * once left every chunk staged and none written), and a run's count says what was written.
 */
import { afterEach, beforeEach, expect, test } from "bun:test";
import { runSync } from "../../src/engine/run-sync.ts";
import { memoryStateStore } from "../../src/engine/state-store.ts";
import { createSqliteSink } from "../../src/sinks/sqlite.ts";
import { selectStreams } from "../../src/streams/select.ts";
import { clientFor, type RunningFake, startFake } from "../helpers/harness.ts";
import { type TempDir, tempDir } from "../helpers/temp-dir.ts";
import { query } from "../sinks/fixtures.ts";

const FAST = { pollFirstMs: 1, pollMaxMs: 2, slotWaitMs: 1 };
let fake: RunningFake;
let tmp: TempDir;
beforeEach(async () => {
  tmp = tempDir();
  fake = await startFake({ sizes: { contacts: 10 } });
  fake.faults.contentExport = { format: "zip" };
});
afterEach(() => {
  fake.close();
  tmp.remove();
});

test.each([["an exact multiple of", 0], ["one more than a multiple of", 1]] as const)(
  "a download of %s rowsPerWrite rows is written whole",
  async (_, extra) => {
    const receipts = [...fake.workspace.records("content_receipts")].length;
    expect(receipts).toBeGreaterThan(20);
    const rowsPerWrite = receipts - extra;
    const path = tmp.file("out.sqlite");
    const result = await runSync({
      client: clientFor(fake),
      store: memoryStateStore(),
      sink: createSqliteSink(path),
      searchLagMinutes: 0,
      now: () => (fake.workspace.now + 1) * 1000,
      streams: selectStreams(["content_receipts"]),
      exportJobs: { ...FAST, rowsPerWrite },
    });
    expect(result.outcome).toBe("ok");
    const [{ count }] = (await query(path, "SELECT count(*) AS count FROM content_receipts_live")) as [{ count: number }];
    expect(count).toBe(receipts);
    expect(result.streams.find((stream) => stream.name === "content_receipts")?.records).toBe(receipts);
  },
);
