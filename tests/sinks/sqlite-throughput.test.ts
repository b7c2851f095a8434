import { afterEach, beforeEach, expect, test } from "bun:test";
import { createSqliteSink } from "../../src/sinks/sqlite.ts";
import { contactsStream, query, type TempDir, tempDir } from "./fixtures.ts";

let tmp: TempDir;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.remove());

// Correctness at volume only; timing belongs in bench/bench.ts, not in a test on a shared machine.
test("50,000 records across 100 pages, re-sent once with overlap, land exactly once each", async () => {
  const path = tmp.file("bulk.db");
  const sink = createSqliteSink(path);
  await sink.open([contactsStream]);
  const pageSize = 500;
  const total = 50_000;
  // Pages overlap by 50 records, as a resumed or lookback sync would re-send them.
  for (let start = 0; start < total; start += pageSize) {
    const from = Math.max(0, start - 50);
    const records = Array.from({ length: start + pageSize - from }, (_, i) => ({
      id: `c${from + i}`,
      updated_at: 1_700_000_000 + from + i,
      email: `user${from + i}@example.com`,
      has_hard_bounced: (from + i) % 7 === 0,
      custom_attributes: { n: from + i },
    }));
    await sink.write("contacts", records);
  }
  await sink.close();

  expect(await query(path, "SELECT count(*) AS n, count(DISTINCT id) AS ids FROM contacts")).toEqual([{ n: total, ids: total }]);
  expect(await query(path, "SELECT count(*) AS n FROM contacts WHERE has_hard_bounced = 1")).toEqual([
    { n: Math.ceil(total / 7) },
  ]);
  expect(
    await query(path, "SELECT count(*) AS n FROM contacts WHERE json_extract(data, '$.custom_attributes.n') = updated_at - 1700000000"),
  ).toEqual([{ n: total }]);
  expect(await query(path, "PRAGMA integrity_check")).toEqual([{ integrity_check: "ok" }]);
});
