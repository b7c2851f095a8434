/**
 * content_events: the Content Data Export's files beside the receipts (opens, clicks, replies…), one record per
 * event, from the same job and download as content_receipts in the same run (Intercom allows one job per
 * workspace); exactly the fake's events; keyed so that the lookback week exported again replaces its events
 * rather than adding them twice; a gzipped CSV (the receipts alone) said in a warning.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eventRecords } from "../../src/engine/content-export/content-events.ts";
import { EventRowError } from "../../src/errors.ts";
import { runSync } from "../../src/engine/run-sync.ts";
import { memoryStateStore } from "../../src/engine/state-store.ts";
import { createSqliteSink } from "../../src/sinks/sqlite.ts";
import { selectStreams } from "../../src/streams/select.ts";
import { clientFor, type RunningFake, startFake, syncWith } from "../helpers/harness.ts";
import { type TempDir, tempDir } from "../helpers/temp-dir.ts";
import { query } from "../sinks/fixtures.ts";

type Row = Record<string, unknown>;
const DAY = 86_400;
const FAST = { exportJobs: { pollFirstMs: 1, pollMaxMs: 2, slotWaitMs: 1 } };
const byId = (rows: Iterable<Row>) => [...rows].sort((a, b) => String(a.event_id).localeCompare(String(b.event_id)));
const byReceipt = (rows: Iterable<Row>) => [...rows].sort((a, b) => String(a.receipt_id).localeCompare(String(b.receipt_id)));

describe.each([["zip"], ["gzipped-zip"]] as const)("a %s download", (format) => {
  let fake: RunningFake;
  beforeAll(async () => {
    fake = await startFake({ sizes: { contacts: 10 } });
    fake.faults.contentExport = { format };
  });
  afterAll(() => fake.close());

  test("one job for both streams: every receipt and every event, exactly the fake's", async () => {
    const expected = [...fake.workspace.records("content_events")];
    const statistics = new Set(expected.map((event) => event.statistic));
    expect(statistics.size).toBeGreaterThan(4);
    // More than the receipts' first times: some receipts were clicked twice.
    const clicks = expected.filter((event) => event.statistic === "clicks").map((event) => event.receipt_id);
    expect(new Set(clicks).size).toBeLessThan(clicks.length);
    const before = fake.stats.byRoute["POST /export/content/data"] ?? 0;
    const { result, sink } = await syncWith(fake, ["content_receipts", "content_events"], FAST);
    expect(result.outcome).toBe("ok");
    expect(result.mismatches).toEqual([]);
    expect((fake.stats.byRoute["POST /export/content/data"] ?? 0) - before).toBe(1);
    expect(byId(sink.all("content_events"))).toEqual(byId(expected));
    expect(new Set(sink.all("content_events").map((event) => event.event_id)).size).toBe(expected.length);
    expect(byReceipt(sink.all("content_receipts"))).toEqual(byReceipt(fake.workspace.records("content_receipts")));
    // The other files are exported, not warned about.
    expect(result.streams.flatMap((stream) => stream.warnings)).toEqual([]);
  });

  test("content_events alone: its parent's job, the receipts read but not written, its own cursor", async () => {
    const store = memoryStateStore();
    const before = fake.stats.byRoute["POST /export/content/data"] ?? 0;
    const { result, sink } = await syncWith(fake, ["content_events"], { ...FAST, store });
    expect(result.outcome).toBe("ok");
    expect((fake.stats.byRoute["POST /export/content/data"] ?? 0) - before).toBe(1);
    expect(sink.all("content_receipts")).toEqual([]);
    expect(byId(sink.all("content_events"))).toEqual(byId(fake.workspace.records("content_events")));
    expect(store.get("content_events")?.cursor).toBe(fake.workspace.now + 1);
    expect(store.get("content_events")?.reportJobs).toBeUndefined();
  });
});

describe("the lookback week exported again", () => {
  let fake: RunningFake;
  let tmp: TempDir;
  beforeAll(async () => {
    fake = await startFake({ sizes: { contacts: 10 } });
    fake.faults.contentExport = { format: "zip" };
    tmp = tempDir();
  });
  afterAll(() => {
    fake.close();
    tmp.remove();
  });

  test("replaces its events in SQLite: each event once, every event of the receipts sent so far", async () => {
    const path = tmp.file("out.sqlite");
    const store = memoryStateStore();
    const run = () =>
      runSync({
        client: clientFor(fake),
        store,
        sink: createSqliteSink(path),
        searchLagMinutes: 0,
        now: () => (fake.workspace.now + 1) * 1000,
        streams: selectStreams(["content_events"]),
        exportJobs: { ...FAST.exportJobs, rowsPerWrite: 7 },
      });
    expect((await run()).outcome).toBe("ok");
    const first = [...fake.workspace.records("content_events")].length;
    fake.workspace.now += 5 * DAY;
    const second = await run();
    expect(second.outcome).toBe("ok");
    // The second run exported the last week's receipts' events again, and those sent since.
    const exported = second.streams.find((stream) => stream.name === "content_events")!.records;
    const expected = byId(fake.workspace.records("content_events"));
    expect(expected.length).toBeGreaterThan(first);
    expect(exported).toBeGreaterThan(expected.length - first);
    const rows = (await query(path, "SELECT data FROM content_events_live")) as { data: string }[];
    const held = rows.map(({ data }) => JSON.parse(data) as Row);
    expect(held.length).toBe(expected.length);
    const fields = ({ event_id, statistic, receipt_id, created_at, columns }: Row): Row => ({ event_id, statistic, receipt_id, created_at, columns });
    expect(byId(held).map(fields)).toEqual(expected);
  });
});

describe("with content_receipts, on one pass", () => {
  let fake: RunningFake;
  beforeAll(async () => {
    fake = await startFake({ sizes: { contacts: 10 } });
  });
  afterAll(() => fake.close());

  test("named after content_receipts has a cursor: every event is exported, not only the last week's", async () => {
    const store = memoryStateStore();
    expect((await syncWith(fake, ["content_receipts"], { ...FAST, store })).result.outcome).toBe("ok");
    fake.workspace.now += 10 * DAY;
    const { result, sink } = await syncWith(fake, ["content_receipts", "content_events"], { ...FAST, store });
    expect(result.outcome).toBe("ok");
    expect(byId(sink.all("content_events"))).toEqual(byId(fake.workspace.records("content_events")));
    expect(store.get("content_events")?.cursor).toBe(store.get("content_receipts")?.cursor);
  });

  test("the job is in both streams' state before it is polled, and leaves it with their rows", async () => {
    const store = memoryStateStore();
    const seen: unknown[] = [];
    const client = clientFor(fake);
    const request = client.request.bind(client);
    client.request = ((options: { method: string; path: string }) => {
      if (options.method === "GET" && options.path.startsWith("/export/content/data/")) {
        seen.push([store.get("content_receipts")?.reportJobs, store.get("content_events")?.reportJobs]);
      }
      return request(options as never);
    }) as typeof client.request;
    const { result } = await syncWith(fake, ["content_receipts", "content_events"], { ...FAST, store, client });
    expect(result.outcome).toBe("ok");
    const held = [expect.objectContaining({ datasetId: "content_data", start: 0, end: fake.workspace.now + 1 })];
    expect(seen[0]).toEqual([held, held]);
    expect(store.get("content_receipts")?.reportJobs).toBeUndefined();
    expect(store.get("content_events")?.reportJobs).toBeUndefined();
  });
});

test("a gzipped CSV holds the receipts only: content_events says so and completes", async () => {
  const fake = await startFake({ sizes: { contacts: 10 } });
  try {
    fake.faults.contentExport = { format: "gzip" };
    const { result, sink } = await syncWith(fake, ["content_events"], FAST);
    expect(result.outcome).toBe("ok");
    expect(sink.all("content_events")).toEqual([]);
    expect(result.streams.find((stream) => stream.name === "content_events")!.warnings).toEqual([expect.stringContaining("gzipped CSV")]);
  } finally {
    fake.close();
  }
});

describe("a row of an events file", () => {
  const receipts = ["user_id", "email", "receipt_id", "received_at", "first_click"];

  test("its time is the first _at column the receipts file has not; the rest kept as text", () => {
    const toRecord = eventRecords("clicks", ["email", "receipt_id", "received_at", "clicked_at", "url"], receipts, "receipt_id");
    expect(toRecord(["a@example.com", "61", "1700000000", "1700000300", "https://x/?a=1"])).toEqual({
      event_id: JSON.stringify(["clicks", "61", 1_700_000_300, { url: "https://x/?a=1" }]),
      statistic: "clicks",
      receipt_id: "61",
      created_at: 1_700_000_300,
      columns: { email: "a@example.com", received_at: "1700000000", url: "https://x/?a=1" },
    });
    expect(eventRecords("opens", ["receipt_id"], receipts, "receipt_id")(["61"])).toMatchObject({ created_at: null, columns: {} });
  });

  test("its id does not move with the columns' order or the receipt's columns", () => {
    const a = eventRecords("clicks", ["receipt_id", "created_at", "url", "email", "link"], receipts, "receipt_id");
    const b = eventRecords("clicks", ["link", "email", "url", "created_at", "receipt_id"], receipts, "receipt_id");
    const one = a(["61", "1700000300", "https://x", "old@example.com", "2"]).event_id;
    expect(b(["2", "new@example.com", "https://x", "1700000300", "61"]).event_id).toBe(one);
    expect(a(["61", "1700000300", "https://y", "old@example.com", "2"]).event_id).not.toBe(one);
  });

  test("no receipt_id column, or a time that is not unix seconds: an error naming it", () => {
    expect(() => eventRecords("opens", ["id", "created_at"], receipts, "receipt_id")).toThrow(EventRowError);
    expect(() => eventRecords("opens", ["receipt_id", "created_at"], receipts, "receipt_id")(["61", "2026-01-01"])).toThrow(/created_at/);
  });
});
