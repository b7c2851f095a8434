/**
 * Report streams in a sync run, into SQLite: a first run of every dataset of the fake and an incremental run
 * after days passed hold exactly the fake's rows (times in UTC, no duplicates), with at most 5 jobs pending, a
 * 429 waited out and a failed job retried.
 */
import { afterEach, beforeEach, expect, test } from "bun:test";
import { expectedReportRows, removeReportRows, reportJobStats } from "../../src/fake/reports/mod.ts";
import { startFakeIntercom } from "../../src/fake/mod.ts";
import type { RunningFakeIntercom } from "../../src/fake/types.ts";
import { createApiClient } from "../../src/http/client.ts";
import { runSync, type SyncOptions } from "../../src/engine/run-sync.ts";
import { memoryStateStore, type StateStore } from "../../src/engine/state-store.ts";
import { attributeColumn, type ReportDataset } from "../../src/engine/reports/dataset.ts";
import { listDatasets } from "../../src/engine/reports/report-streams.ts";
import { readFileSync } from "node:fs";
import { runtime } from "../../src/runtime/mod.ts";
import { createJsonlFileSink } from "../../src/sinks/jsonl-file.ts";
import { createSqliteSink } from "../../src/sinks/sqlite.ts";
import type { PageBatch } from "../../src/sinks/types.ts";
import { AuthError, MalformedPageError, PermissionError } from "../../src/errors.ts";
import type { ApiRequest } from "../../src/http/types.ts";
import { exitCodeFor } from "../../src/cli/report/run-with-progress.ts";
import { selectStreams } from "../../src/streams/select.ts";
import { query } from "../sinks/fixtures.ts";
import { type TempDir, tempDir } from "../helpers/temp-dir.ts";

const DAY = 86_400;
let fake: RunningFakeIntercom;
let tmp: TempDir;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(async () => {
  await fake?.close();
  tmp.remove();
});

function sync(store: StateStore, path: string, extra: Partial<SyncOptions> = {}) {
  return runSync({
    client: createApiClient({ baseUrl: fake.url, token: "test-token", userAgent: "t", retry: { backoffBaseMs: 1, backoffMaxMs: 5 } }),
    store,
    sink: createSqliteSink(path),
    searchLagMinutes: 0,
    now: () => (fake.workspace.now + 1) * 1000,
    streams: [],
    reports: { datasets: "all", windowDays: 1, reexportDays: 7, pendingJobs: 5, jobs: { pollFirstMs: 5, pollMaxMs: 20, slotWaitMs: 20 } },
    ...extra,
  });
}

/** The live rows of every report table, without the export's bookkeeping, against the fake's rows over [start, end). */
async function compare(path: string, datasets: ReportDataset[], start: number, end: number) {
  for (const dataset of datasets) {
    const live = (await query(path, `SELECT data FROM report_${dataset.id}_live`)) as { data: string }[];
    const held = live.map(({ data }) => {
      const { _window_start, _window_end, _job_id, _row, ...row } = JSON.parse(data) as Record<string, unknown>;
      expect(row.conversation_started_at ?? _window_start).toBeGreaterThanOrEqual(_window_start as number);
      return JSON.stringify(Object.entries(row).sort(([a], [b]) => a.localeCompare(b)));
    });
    const columns = new Map(dataset.attributes.map((a) => [a.qualified_id!, attributeColumn(dataset, a)]));
    const expected = expectedReportRows(fake.workspace, dataset.id, start, end).map((row) => {
      const out = Object.entries(row).map(([key, value]): [string, unknown] =>
        key.endsWith("_raw_id") ? [`${columns.get(key.slice(0, -7))}_raw_id`, value] : [columns.get(key)!, value]
      );
      return JSON.stringify(out.sort(([a], [b]) => a.localeCompare(b)));
    });
    expect(held.length).toBeGreaterThan(0);
    expect(held.sort()).toEqual(expected.sort());
  }
}

test("a first and an incremental run of every dataset hold exactly the fake's rows per window", async () => {
  fake = await startFakeIntercom({ timezone: "America/New_York", faults: { reports: { jobMs: 30, othersPending: 2, failNext: 1 } } });
  fake.faults.reports!.othersUntilMs = Date.now() + 300;
  const path = tmp.file("reports.db");
  const store = memoryStateStore();
  const since = fake.workspace.now - 20 * DAY;
  const first = await sync(store, path, { since });
  expect(first.streams.map((s) => [s.name, s.outcome, s.error?.message])).toEqual(
    ["conversation", "conversation_sla_status_log", "teammate_handling_conversation", "admin_status_change", "tickets"].map((
      id,
    ) => [`report_${id}`, "ok", undefined]),
  );
  // A 2.11 run asks 2.16 on the reporting requests only: everything else (GET /me) stays on 2.11.
  expect(fake.stats.versions["2.11"]).toBe(fake.stats.byRoute["GET /me"]!);
  expect(fake.stats.versions["2.16"]).toBe(fake.stats.requests - fake.stats.byRoute["GET /me"]!);
  expect(first.streams[0]!.warnings).toEqual([]);
  const datasets = await listDatasets(createApiClient({ baseUrl: fake.url, token: "test-token", userAgent: "t" }), "2.16");
  await compare(path, datasets, since, fake.workspace.now + 1);
  const stats = reportJobStats(fake.workspace);
  expect(stats.maxPendingSeen).toBeLessThanOrEqual(5);
  expect(stats.refused).toBeGreaterThan(0);
  expect(stats.failed).toBe(1);
  const firstJobs = stats.enqueued;
  expect(firstJobs).toBe(5 * 21 + 1); // 21 windows a dataset (the last a part day), one failed job again

  // Three days on: conversations closed, new ones started, a morning's conversations deleted. The last 7 days are
  // exported again and replace theirs: the deleted rows leave the live rows, none is held twice.
  const liveBefore = (await query(path, "SELECT count(*) AS n FROM report_conversation_live")) as { n: number }[];
  expect(removeReportRows(fake.workspace, "conversation", fake.workspace.now - 2 * DAY, fake.workspace.now - 2 * DAY + 12 * 3600)).toBeGreaterThan(3);
  fake.workspace.now += 3 * DAY;
  const second = await sync(store, path);
  expect(second.outcome).toBe("ok");
  await compare(path, datasets, since, fake.workspace.now + 1);
  expect(reportJobStats(fake.workspace).enqueued - firstJobs).toBe(5 * 11);
  const rows =
    (await query(path, "SELECT count(*) AS n, count(DISTINCT json_extract(data, '$.conversation_id')) AS ids FROM report_conversation_live")) as {
      n: number;
      ids: number;
    }[];
  expect(rows[0]!.n).toBe(rows[0]!.ids);
  expect(rows[0]!.n).toBeGreaterThan(liveBefore[0]!.n);
  expect(reportJobStats(fake.workspace).maxPendingSeen).toBeLessThanOrEqual(5);
}, 60_000);

test("a token the reporting export refuses fails the report streams only; the others sync", async () => {
  fake = await startFakeIntercom({ tokens: { "test-token": { missing: ["Read conversations"] } } });
  const result = await sync(memoryStateStore(), tmp.file("partial.db"), {
    streams: selectStreams(["admins"]),
    reports: { datasets: ["tickets"], jobs: { pollFirstMs: 5 } },
  });
  expect(result.outcome).toBe("partial");
  expect(result.streams.map((s) => [s.name, s.outcome])).toEqual([["admins", "ok"], ["report_tickets", "failed"]]);
  expect(result.streams[1]!.error).toBeInstanceOf(PermissionError);
});

test("a token revoked while a report job is pending stops the whole run, as it does for any stream (exit 3)", async () => {
  const tokens: Record<string, { missing?: string[] }> = { "test-token": {} };
  fake = await startFakeIntercom({ tokens, faults: { reports: { jobMs: 400 } } });
  const run = sync(memoryStateStore(), tmp.file("revoked.db"), {
    streams: selectStreams(["admins"]),
    since: fake.workspace.now - DAY,
    reports: { datasets: ["tickets"], jobs: { pollFirstMs: 50, pollMaxMs: 50 } },
  });
  // Revoked once the report stream's first job is pending (admins is done by then: only the report meets the 401).
  const deadline = Date.now() + 10_000;
  while (reportJobStats(fake.workspace).enqueued < 1 && Date.now() < deadline) await Bun.sleep(5);
  delete tokens["test-token"];
  const result = await run;
  expect(result.streams.find((s) => s.name === "report_tickets")!.error).toBeInstanceOf(AuthError);
  expect(result.fatal).toBeInstanceOf(AuthError);
  expect(result.outcome).toBe("failed");
  expect(exitCodeFor(result)).toBe(3);
}, 30_000);

test("a large window is written in chunks of rows as it is read, and SQLite never shows it missing or twice while it is replaced", async () => {
  fake = await startFakeIntercom({});
  const path = tmp.file("chunks.db");
  const store = memoryStateStore();
  // One window of 31 days of a dataset with a row an hour: ~700 rows, written 50 at a time.
  const reports = { datasets: ["teammate_handling_conversation"], windowDays: 31, reexportDays: 31, rowsPerWrite: 50, jobs: { pollFirstMs: 5 } };
  const since = fake.workspace.now - 70 * DAY;
  const first = await sync(store, path, { since, reports });
  expect(first.outcome).toBe("ok");
  const perWindow = async () =>
    new Map(
      ((await query(path, "SELECT _window_start AS w, count(*) AS n FROM report_teammate_handling_conversation_live GROUP BY w")) as {
        w: number;
        n: number;
      }[])
        .map(({ w, n }) => [w, n]),
    );
  const before = await perWindow();
  // Every row counted once, staged chunks included.
  expect(first.streams[0]!.records).toBe([...before.values()].reduce((sum, n) => sum + n, 0));
  const largest = Math.max(...before.values());
  expect(largest).toBeGreaterThan(10 * 50);

  // The run again (the last 31 days exported again): between its writes, each window holds all its rows, once.
  const batches: number[] = [];
  const seen: Map<number, number>[] = [];
  const sqlite = createSqliteSink(path);
  const sink = {
    ...sqlite,
    async commit(batch: PageBatch) {
      batches.push(batch.pages.reduce((sum, page) => sum + page.records.length, 0));
      await sqlite.commit!(batch);
      seen.push(await perWindow());
    },
  };
  const second = await sync(store, path, { reports, sink });
  expect(second.outcome).toBe("ok");
  expect(Math.max(...batches)).toBeLessThanOrEqual(50);
  expect(batches.length).toBeGreaterThan(10);
  for (const counts of seen) expect(counts).toEqual(before);
  expect(await perWindow()).toEqual(before);
}, 60_000);

test("a file that turns out malformed after some chunks were handed over leaves the window as it was, and the cursor before it", async () => {
  fake = await startFakeIntercom({});
  const path = tmp.file("broken.db");
  const store = memoryStateStore();
  const reports = { datasets: ["teammate_handling_conversation"], windowDays: 31, reexportDays: 31, rowsPerWrite: 50, jobs: { pollFirstMs: 5 } };
  const first = await sync(store, path, { since: fake.workspace.now - 70 * DAY, reports });
  expect(first.outcome).toBe("ok");
  const held = async () =>
    await query(path, "SELECT _window_start, _row, _job_id, _deleted_at FROM report_teammate_handling_conversation ORDER BY 1, 2");
  const before = await held();
  const cursor = store.get("report_teammate_handling_conversation")!.cursor;

  // Every download now stops in the middle of a quoted cell, hundreds of rows in.
  const real = createApiClient({ baseUrl: fake.url, token: "test-token", userAgent: "t", retry: { backoffBaseMs: 1, backoffMaxMs: 5 } });
  const client = {
    ...real,
    stats: real.stats,
    async request<T>(request: ApiRequest): Promise<T> {
      const answer = await real.request<T>(request);
      if (!request.path.startsWith("/download/")) return answer;
      const text = await csvText(answer as Response);
      // Only the body is read (a Response made around it could take it in at once).
      return { body: inPieces(text.slice(0, Math.floor(text.length * 0.8)) + '\r\n"unterminated') } as T;
    },
  };
  const second = await sync(store, path, { reports, client });
  expect(second.streams[0]!.outcome).toBe("failed");
  expect(second.streams[0]!.error).toBeInstanceOf(MalformedPageError);
  // Nothing of the window was written, so nothing is counted: the rows handed over were only set aside.
  expect(second.streams[0]!.records).toBe(0);
  expect(await held()).toEqual(before);
  expect(store.get("report_teammate_handling_conversation")!.cursor).toBe(cursor);
}, 60_000);

test("--output: a window's chunks are appended once its last row is read; a window whose file fails leaves no line", async () => {
  fake = await startFakeIntercom({});
  const path = tmp.file("out.jsonl");
  const file = (await runtime.openAppendFile(path, { create: true }))!;
  const sink = createJsonlFileSink(file, { onAppended: () => {} });
  const reports = { datasets: ["teammate_handling_conversation"], windowDays: 31, reexportDays: 31, rowsPerWrite: 50, jobs: { pollFirstMs: 5 } };
  const real = createApiClient({ baseUrl: fake.url, token: "test-token", userAgent: "t", retry: { backoffBaseMs: 1, backoffMaxMs: 5 } });
  let downloads = 0;
  // The second window's file stops in the middle of a quoted cell, hundreds of rows in.
  const client = {
    ...real,
    stats: real.stats,
    async request<T>(request: ApiRequest): Promise<T> {
      const answer = await real.request<T>(request);
      if (!request.path.startsWith("/download/") || ++downloads !== 2) return answer;
      const text = await csvText(answer as Response);
      return { body: inPieces(text.slice(0, Math.floor(text.length * 0.8)) + '\r\n"unterminated') } as T;
    },
  };
  const result = await sync(memoryStateStore(), path, { since: fake.workspace.now - 70 * DAY, reports, client, sink });
  await file.close();
  expect(result.streams[0]!.error).toBeInstanceOf(MalformedPageError);
  const rows = readFileSync(path, "utf8").split("\n").filter(Boolean).map((line) => (JSON.parse(line) as { data: Record<string, number> }).data);
  // The first window whole, once; nothing of the second.
  const windows = [...new Set(rows.map((row) => row._window_start))];
  expect(windows).toHaveLength(1);
  expect(rows.map((row) => row._row)).toEqual(rows.map((_, i) => i + 1));
  expect(rows.length).toBe(result.streams[0]!.records);
  expect(rows.length).toBeGreaterThan(50);
}, 60_000);

/** A body that arrives 1 KB a millisecond, as a large download does: rows are written before the end is seen. */
function inPieces(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let at = 0;
  return new ReadableStream({
    async pull(controller) {
      await Bun.sleep(1);
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(at, at += 1024));
    },
  });
}

async function csvText(response: Response): Promise<string> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  const zipped = bytes[0] === 0x1f && bytes[1] === 0x8b;
  const plain = zipped
    ? new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).arrayBuffer())
    : bytes;
  return new TextDecoder().decode(plain);
}
