/**
 * content_receipts: the Content Data Export (POST /export/content/data → job → GET /download/content/data/{job}),
 * one job a run from the cursor less a week; the download taken as a gzipped CSV (as the description documents),
 * a zip of CSV files (as clients in the wild receive) or that zip gzipped; a job another tool holds waited for; a
 * failed job or an expired download enqueued again; opt-in.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { memoryStateStore } from "../../src/engine/state-store.ts";
import { type RunningFake, startFake, syncWith } from "../helpers/harness.ts";

type Row = Record<string, unknown>;
const DAY = 86_400;
const FAST = { exportJobs: { pollFirstMs: 1, pollMaxMs: 2, slotWaitMs: 1 } };
const byReceipt = (rows: Iterable<Row>) => [...rows].sort((a, b) => String(a.receipt_id).localeCompare(String(b.receipt_id)));

describe.each([["gzip"], ["zip"], ["gzipped-zip"]] as const)("a %s download", (format) => {
  let fake: RunningFake;
  beforeAll(async () => {
    fake = await startFake({ sizes: { contacts: 10 } });
    fake.faults.contentExport = { format };
  });
  afterAll(() => fake.close());

  test("every receipt sent so far, typed as the schema says, exactly the fake's", async () => {
    const expected = [...fake.workspace.records("content_receipts")];
    expect(expected.length).toBeGreaterThan(20);
    const { result, sink } = await syncWith(fake, ["content_receipts"], FAST);
    expect(result.outcome).toBe("ok");
    expect(result.mismatches).toEqual([]);
    expect(byReceipt(sink.all("content_receipts"))).toEqual(byReceipt(expected));
    // A zip holds the opens file too: said, not exported.
    const warnings = result.streams[0]!.warnings;
    expect(warnings).toEqual(format === "gzip" ? [] : [expect.stringContaining("opens_20260101_120000.csv")]);
    expect(fake.stats.byRoute["POST /export/content/data"]).toBe(1);
  });
});

describe("incremental runs and the job's troubles", () => {
  let fake: RunningFake;
  beforeAll(async () => {
    fake = await startFake({ sizes: { contacts: 10 } });
  });
  afterAll(() => fake.close());

  test("the next run exports the week before the cursor again and what was sent since", async () => {
    const store = memoryStateStore();
    expect((await syncWith(fake, ["content_receipts"], { ...FAST, store })).result.outcome).toBe("ok");
    const cursor = store.get("content_receipts")!.cursor!;
    fake.workspace.now += 5 * DAY;
    const { result, sink } = await syncWith(fake, ["content_receipts"], { ...FAST, store });
    expect(result.outcome).toBe("ok");
    const from = cursor - 7 * DAY;
    const expected = [...fake.workspace.records("content_receipts")].filter((row) => (row.received_at as number) >= from);
    expect(expected.some((row) => (row.received_at as number) >= cursor)).toBe(true);
    expect(byReceipt(sink.all("content_receipts"))).toEqual(byReceipt(expected));
  });

  test("another tool's job (429) is waited for; a failed job and an expired download are enqueued again", async () => {
    fake.faults.contentExport = { busyEnqueues: 2, failNext: 1, expireNext: 1 };
    const before = fake.stats.byRoute["POST /export/content/data"] ?? 0;
    const { result, sink } = await syncWith(fake, ["content_receipts"], { ...FAST, exportJobs: { ...FAST.exportJobs, failedRetries: 2 } });
    expect(result.outcome).toBe("ok");
    expect(byReceipt(sink.all("content_receipts"))).toEqual(byReceipt(fake.workspace.records("content_receipts")));
    // Two 429s, then the failed job, the expired one and the good one.
    expect((fake.stats.byRoute["POST /export/content/data"] ?? 0) - before).toBe(5);
  });

  test("a job that fails every attempt fails the stream and moves no cursor", async () => {
    const store = memoryStateStore();
    fake.faults.contentExport = { failNext: 3 };
    const { result, sink } = await syncWith(fake, ["content_receipts"], { ...FAST, store });
    expect(result.streams[0]!.outcome).toBe("failed");
    expect(String(result.streams[0]!.error)).toContain("failed 3 times");
    expect(sink.all("content_receipts")).toEqual([]);
    expect(store.get("content_receipts")?.cursor).toBeUndefined();
  });

  test("opt-in: a run of the default streams makes no export job", async () => {
    fake.faults.contentExport = {};
    const before = fake.stats.byRoute["POST /export/content/data"] ?? 0;
    await syncWith(fake, undefined, FAST);
    expect(fake.stats.byRoute["POST /export/content/data"] ?? 0).toBe(before);
  });
});
