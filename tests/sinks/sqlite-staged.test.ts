/**
 * `Page.staged`: rows handed over in chunks are set aside (a temporary table, not memory) and appear only in the
 * transaction of the same pass's next batch with progress, after that batch's `replaces`; a pass that never brings
 * progress leaves nothing of them, and another pass's progress does not bring them in.
 */
import { afterEach, beforeEach, expect, test } from "bun:test";
import { createSqliteSink } from "../../src/sinks/sqlite.ts";
import type { StreamInfo } from "../../src/sinks/types.ts";
import { query } from "./fixtures.ts";
import { type TempDir, tempDir } from "../helpers/temp-dir.ts";

const reportStream: StreamInfo = {
  name: "report_x",
  primaryKey: ["_window_start", "_row"],
  cursorField: "_window_start",
  // As report-streams.ts declares it: the window names the rows a re-export replaces.
  parent: { stream: "report_x_windows", copy: { _window_start: "_window_start" } },
  schema: { type: "object", properties: { _window_start: { type: "integer" }, _row: { type: "integer" }, value: { type: "string" } } },
};
const row = (window: number, n: number, value: string) => ({ _window_start: window, _row: n, value });

let tmp: TempDir;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.remove());

async function live(path: string): Promise<string[]> {
  const rows = await query(path, "SELECT _window_start AS w, _row AS n, value FROM report_x WHERE _deleted_at IS NULL ORDER BY w, n");
  return rows.map((r) => `${String(r.w)}/${String(r.n)}:${String(r.value)}`);
}

test("staged chunks replace a window at once with the pass's batch that brings progress", async () => {
  const path = tmp.file("staged.db");
  const sink = createSqliteSink(path, { clock: () => 1_700_000_000_000 });
  await sink.open([reportStream]);
  const progress = () => () => {};
  const replaces = [{ key: { _window_start: 0 }, at: 5 }];
  await sink.commit!({ pass: "w0", pages: [{ stream: "report_x", records: [row(0, 1, "a"), row(0, 2, "b"), row(0, 3, "c")], replaces }], progress });
  // Again, in two chunks and a last one that is shorter: the old rows stay until the last one.
  await sink.commit!({ pass: "w0", pages: [{ stream: "report_x", records: [row(0, 1, "A")], staged: true }] });
  // Another pass's progress (a job recorded) does not bring the window's chunks in.
  await sink.commit!({ pass: "other", pages: [], progress });
  expect(await live(path)).toEqual(["0/1:a", "0/2:b", "0/3:c"]);
  await sink.commit!({ pass: "w0", pages: [{ stream: "report_x", records: [row(0, 2, "B")], staged: true }] });
  // A window whose file then fails: its chunks never appear.
  await sink.commit!({ pass: "w1", pages: [{ stream: "report_x", records: [row(1, 1, "lost")], staged: true }] });
  expect(await live(path)).toEqual(["0/1:a", "0/2:b", "0/3:c"]);
  await sink.commit!({ pass: "w0", pages: [{ stream: "report_x", records: [], replaces }], progress });
  expect(await live(path)).toEqual(["0/1:A", "0/2:B"]);
  await sink.close();
  expect(await live(path)).toEqual(["0/1:A", "0/2:B"]);
});
