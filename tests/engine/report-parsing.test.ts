/**
 * Reading a reporting export: gzip (announced or not) and RFC 4180 CSV streamed, headers mapped to attribute
 * columns, durations in seconds, local times in UTC across a DST change, empty cells null; malformed files
 * fail naming the job; memory stays flat for a large file.
 */
import { afterEach, expect, test } from "bun:test";
import { MalformedPageError } from "../../src/errors.ts";
import { startFakeIntercom } from "../../src/fake/mod.ts";
import { expectedReportRows } from "../../src/fake/reports/mod.ts";
import type { RunningFakeIntercom } from "../../src/fake/types.ts";
import { realClock } from "../../src/http/clock.ts";
import { createApiClient } from "../../src/http/client.ts";
import { attributeColumn, enqueueIds, type ReportDataset } from "../../src/engine/reports/dataset.ts";
import { JobSlots } from "../../src/engine/reports/job-slots.ts";
import { localToUnix } from "../../src/engine/reports/local-time.ts";
import { DEFAULT_REPORT_JOB_SETTINGS, runReportJob } from "../../src/engine/reports/report-job.ts";
import { reportRecords } from "../../src/engine/reports/report-file.ts";
import { mapHeader, type ReportRow, typedRow } from "../../src/engine/reports/report-rows.ts";

const DAY = 86_400;
let fake: RunningFakeIntercom | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const gzipStream = () => new CompressionStream("gzip") as unknown as TransformStream<Uint8Array, Uint8Array>;

function streamOf(text: string | Uint8Array, chunk = 7): ReadableStream<Uint8Array> {
  const bytes = typeof text === "string" ? new TextEncoder().encode(text) : text;
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(at, at += chunk));
    },
  });
}

async function gzip(text: string): Promise<Uint8Array> {
  return new Uint8Array(await new Response(streamOf(text, 1 << 16).pipeThrough(gzipStream())).arrayBuffer());
}

async function all(records: AsyncIterable<string[]>): Promise<string[][]> {
  const out: string[][] = [];
  for await (const r of records) out.push(r);
  return out;
}

test("local date-times become UTC across DST changes (New York, fall back and spring forward)", () => {
  const tz = "America/New_York";
  expect(localToUnix("2025-07-01 12:00:00", tz)).toBe(Date.UTC(2025, 6, 1, 16) / 1000);
  expect(localToUnix("2025-12-01 12:00:00", tz)).toBe(Date.UTC(2025, 11, 1, 17) / 1000);
  // 01:30 happens twice on 2025-11-02: the first (EDT) is taken.
  expect(localToUnix("2025-11-02 01:30:00", tz)).toBe(Date.UTC(2025, 10, 2, 5, 30) / 1000);
  expect(localToUnix("2025-11-02 03:00:00", tz)).toBe(Date.UTC(2025, 10, 2, 8) / 1000);
  // 02:30 never happens on 2026-03-08.
  expect(localToUnix("2026-03-08 02:30:00", tz)).toBe(Date.UTC(2026, 2, 8, 7, 30) / 1000);
  expect(localToUnix("2026-03-08 03:30:00", tz)).toBe(Date.UTC(2026, 2, 8, 7, 30) / 1000);
  expect(localToUnix("soon", tz)).toBeUndefined();
});

test("RFC 4180 through the stream: BOM, quotes, embedded line breaks, gzip or plain, chunks of any size", async () => {
  const csv = '\uFEFFName,"Note, quoted"\r\nAda,"She said ""hi""\nthen left"\r\nBob,\r\n';
  const expected = [["Name", "Note, quoted"], ["Ada", 'She said "hi"\nthen left'], ["Bob", ""]];
  expect(await all(reportRecords(streamOf(csv, 3), "report_x", "job-1"))).toEqual(expected);
  expect(await all(reportRecords(streamOf(await gzip(csv), 1), "report_x", "job-1"))).toEqual(expected);
});

test("a malformed file is an error naming the job, never a short stream", async () => {
  const read = (body: ReadableStream<Uint8Array>) => all(reportRecords(body, "report_conversation", "job-42"));
  const zipped = await gzip("a,b\r\n" + "1,2\r\n".repeat(10_000));
  for (
    const body of [
      streamOf(zipped.slice(0, Math.floor(zipped.length / 2))), // cut off mid-file
      streamOf('a,b\r\n1,"2\r\n'), // an unterminated quote
      streamOf("a,b\r\n1,2,3\r\n"), // a record with a cell too many
    ]
  ) {
    const error = await read(body).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MalformedPageError);
    expect((error as Error).message).toContain("job-42");
  }
});

test("every dataset of the fake, read and typed, gives exactly the fake's rows (2.16, New York across the fall-back day, French labels)", async () => {
  const now = Date.UTC(2025, 10, 5) / 1000;
  fake = await startFakeIntercom({ now, timezone: "America/New_York", faults: { reports: { language: "fr" } } });
  const client = createApiClient({ baseUrl: fake.url, token: "test-token", userAgent: "t" });
  const datasets =
    (await client.request<{ data: ReportDataset[] }>({ method: "GET", path: "/export/reporting_data/get_datasets", intercomVersion: "2.16" })).data;
  const context = {
    client,
    stream: "report",
    intercomVersion: "2.16",
    slots: new JobSlots(3),
    clock: realClock,
    settings: { ...DEFAULT_REPORT_JOB_SETTINGS, pollFirstMs: 1 },
  };
  const window = { start: now - 6 * DAY, end: now };
  for (const dataset of datasets) {
    const job = await runReportJob({ datasetId: dataset.id, attributeIds: enqueueIds(dataset.attributes, true), ...window }, context);
    const rows: ReportRow[] = [];
    let columns: ReturnType<typeof mapHeader> | undefined;
    for await (const cells of reportRecords(job.response.body!, `report_${dataset.id}`, job.jobId)) {
      if (!columns) columns = mapHeader(cells, dataset, dataset.attributes);
      else rows.push(typedRow(columns, cells, { stream: `report_${dataset.id}`, jobId: job.jobId, timeZone: "America/New_York", window }));
    }
    const byQualified = new Map(dataset.attributes.map((a) => [a.qualified_id!, attributeColumn(dataset, a)]));
    const expected: ReportRow[] = expectedReportRows(fake.workspace, dataset.id, window.start, window.end, { language: "fr" }).map((row) => {
      const out: ReportRow = {};
      for (const [key, value] of Object.entries(row)) {
        const raw = key.endsWith("_raw_id");
        out[raw ? `${byQualified.get(key.slice(0, -7))}_raw_id` : byQualified.get(key)!] = value;
      }
      return { ...out, _window_start: window.start, _window_end: window.end, _job_id: job.jobId };
    });
    expect(rows.length).toBeGreaterThan(10);
    // 01:00-02:00 happened twice on 2025-11-02 in New York and the file cannot say which: the second comes back an hour early.
    const repeated = (t: unknown) => typeof t === "number" && t >= Date.UTC(2025, 10, 2, 6) / 1000 && t < Date.UTC(2025, 10, 2, 7) / 1000;
    let ambiguous = 0;
    for (const row of expected) {
      for (const [key, value] of Object.entries(row)) {
        if (key.endsWith("_at") && repeated(value)) {
          row[key] = (value as number) - 3600;
          ambiguous++;
        }
      }
    }
    if (dataset.id === "conversation") expect(ambiguous).toBeGreaterThan(0);
    expect(rows).toEqual(expected);
  }
});

test("memory stays flat for a large file (about 40 MB of CSV, streamed)", async () => {
  const line = '300000001,2025-11-01 10:00:00,"Fermée","note, with ""quotes""",1234\r\n';
  const rows = 500_000;
  let sent = 0;
  const source = new ReadableStream<Uint8Array>({
    start(c) {
      c.enqueue(new TextEncoder().encode("\uFEFFConversation ID,Conversation started at,State,Note,Time to close\r\n"));
    },
    pull(c) {
      if (sent >= rows) return c.close();
      c.enqueue(new TextEncoder().encode(line.repeat(1000)));
      sent += 1000;
    },
  });
  const body = source.pipeThrough(gzipStream());
  Bun.gc(true);
  const before = process.memoryUsage().heapUsed;
  let count = 0;
  const samples: number[] = [];
  for await (const _ of reportRecords(body, "report_conversation", "job-big")) {
    if (++count % 50_000 === 0) {
      Bun.gc(true);
      samples.push(process.memoryUsage().heapUsed - before);
    }
  }
  expect(count).toBe(rows + 1);
  // Flat: the heap after 500,000 rows is about what it was after 50,000.
  expect(samples.at(-1)! - samples[0]!).toBeLessThan(8 * 1024 * 1024);
}, 60_000);

test("a download whose body stalls fails naming the job, instead of hanging the run", async () => {
  const stalled = new ReadableStream<Uint8Array>({
    start(c) {
      c.enqueue(new TextEncoder().encode("a,b\r\n1,2\r\n"));
    },
    pull: () => new Promise(() => {}),
  });
  const error = await all(reportRecords(stalled, "report_tickets", "job-7", 50)).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(MalformedPageError);
  expect((error as Error).message).toContain("job-7");
  expect((error as Error).message).toContain("sent nothing");
});
