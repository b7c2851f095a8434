/**
 * content_receipts: the Content Data Export (POST /export/content/data → job → GET /download/content/data/{job}),
 * one job a run from the cursor less a week; the download taken as a gzipped CSV (as the description documents),
 * a zip of CSV files (as clients in the wild receive) or that zip gzipped; a job another tool holds waited for; a
 * failed job or an expired download enqueued again; opt-in. A download of any size reaches the output a chunk at
 * a time; a job an earlier run recorded is re-used when it exports from the same start and is young enough.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { HeldJob } from "../../src/engine/reports/held-jobs.ts";
import { memoryStateStore } from "../../src/engine/state-store.ts";
import { clientFor, type RunningFake, startFake, syncWith } from "../helpers/harness.ts";
import { memorySink } from "../helpers/memory-sink.ts";

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

describe.each([["gzip"], ["zip"], ["gzipped-zip"]] as const)("a large %s download", (format) => {
  test("reaches the output at most rowsPerWrite rows at a time, whatever its size", async () => {
    const perWrite = 50;
    for (const count of [300, 3_000]) {
      // The fake sends a receipt a day from 30 days before its start: a workspace started long enough ago has them all.
      const fake = await startFake({ now: Math.floor(Date.now() / 1000) - (count + 10) * DAY, sizes: { contacts: 10, contentReceipts: count } });
      try {
        fake.faults.contentExport = { format };
        fake.workspace.now += count * DAY;
        const sink = memorySink();
        const written: number[] = [];
        const write = sink.write.bind(sink);
        sink.write = (stream, records, deleted) => {
          if (stream === "content_receipts") written.push(records.length);
          return write(stream, records, deleted);
        };
        const { result } = await syncWith(fake, ["content_receipts"], { ...FAST, exportJobs: { ...FAST.exportJobs, rowsPerWrite: perWrite }, sink });
        expect(result.outcome).toBe("ok");
        expect(byReceipt(sink.all("content_receipts"))).toEqual(byReceipt(fake.workspace.records("content_receipts")));
        expect(sink.all("content_receipts").length).toBe(count);
        expect(Math.max(...written)).toBeLessThanOrEqual(perWrite);
        expect(written.length).toBe(Math.ceil(count / perWrite));
      } finally {
        fake.close();
      }
    }
  }, 60_000);
});

describe("a job an earlier run recorded", () => {
  let fake: RunningFake;
  beforeAll(async () => {
    fake = await startFake({ sizes: { contacts: 10 } });
  });
  afterAll(() => fake.close());

  const enqueues = () => fake.stats.byRoute["POST /export/content/data"] ?? 0;
  /** A job made as a killed run would have made it: enqueued, its export of [start, end) not written. */
  async function madeJob(start: number, end: number, finish: boolean): Promise<string> {
    const client = clientFor(fake);
    const { job_identifier: jobId } = await client.request<{ job_identifier: string }>({
      method: "POST",
      path: "/export/content/data",
      body: { created_at_after: start, created_at_before: end - 1 },
    });
    // Polled to its end: the fake then holds no pending job that would answer the next enqueue 429.
    if (finish) { for (let i = 0; i < 3; i++) await client.request({ method: "GET", path: `/export/content/data/${jobId}` }); }
    return jobId;
  }
  const held = (jobId: string, start: number, end: number, ageSeconds: number): HeldJob => ({
    jobId,
    datasetId: "content_data",
    attributeIds: [],
    start,
    end,
    // The engine ages a job by the real clock.
    enqueuedAt: Math.floor(Date.now() / 1000) - ageSeconds,
  });

  test("pending, same start and young: polled and downloaded, not enqueued again; the cursor moves to its end", async () => {
    fake.faults.contentExport = { pendingPolls: 1 };
    const end = fake.workspace.now - 5 * DAY;
    const jobId = await madeJob(0, end, false);
    const store = memoryStateStore({ content_receipts: { reportJobs: [held(jobId, 0, end, 60)] } });
    const before = enqueues();
    const { result, sink } = await syncWith(fake, ["content_receipts"], { ...FAST, store });
    expect(result.outcome).toBe("ok");
    expect(enqueues()).toBe(before);
    const expected = [...fake.workspace.records("content_receipts")].filter((row) => (row.received_at as number) < end);
    expect(byReceipt(sink.all("content_receipts"))).toEqual(byReceipt(expected));
    expect(store.get("content_receipts")).toMatchObject({ cursor: end });
    expect(store.get("content_receipts")?.reportJobs).toBeUndefined();
  });

  test("too old, or from another start: a new job; one Intercom no longer knows: a new job", async () => {
    const end = fake.workspace.now - 5 * DAY;
    for (
      const job of [
        held(await madeJob(0, end, true), 0, end, 2 * 3600),
        held(await madeJob(DAY, end, true), DAY, end, 60),
        held("content-unknown", 0, end, 60),
      ]
    ) {
      const store = memoryStateStore({ content_receipts: { reportJobs: [job] } });
      const before = enqueues();
      const { result, sink } = await syncWith(fake, ["content_receipts"], { ...FAST, store });
      expect(result.outcome).toBe("ok");
      expect(enqueues() - before).toBe(1);
      expect(byReceipt(sink.all("content_receipts"))).toEqual(byReceipt(fake.workspace.records("content_receipts")));
      expect(store.get("content_receipts")?.reportJobs).toBeUndefined();
    }
  });

  test("a job is in the stream's state before it is polled", async () => {
    fake.faults.contentExport = {};
    const store = memoryStateStore();
    const seen: (HeldJob[] | undefined)[] = [];
    const client = clientFor(fake);
    const request = client.request.bind(client);
    client.request = ((options: { method: string; path: string }) => {
      if (options.method === "GET" && options.path.startsWith("/export/content/data/")) seen.push(store.get("content_receipts")?.reportJobs);
      return request(options as never);
    }) as typeof client.request;
    const { result } = await syncWith(fake, ["content_receipts"], { ...FAST, store, client });
    expect(result.outcome).toBe("ok");
    expect(seen.length).toBeGreaterThan(0);
    expect(seen[0]).toEqual([expect.objectContaining({ datasetId: "content_data", start: 0, end: fake.workspace.now + 1 })]);
  });
});
