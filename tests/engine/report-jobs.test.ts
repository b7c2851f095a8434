/**
 * Reporting export jobs against the fake: never more pending than the run's slots, a "5 pending jobs" 429
 * waited out (and no rate-limit pause for anyone else), polling up to a time limit, a failed job retried, then
 * the window named; the download through the same client.
 */
import { afterEach, expect, test } from "bun:test";
import { ReportJobFailedError } from "../../src/errors.ts";
import { startFakeIntercom } from "../../src/fake/mod.ts";
import { reportJobStats } from "../../src/fake/reports/mod.ts";
import type { FakeOptions, RunningFakeIntercom } from "../../src/fake/types.ts";
import { realClock } from "../../src/http/clock.ts";
import { createApiClient } from "../../src/http/client.ts";
import { JobSlots } from "../../src/engine/reports/job-slots.ts";
import { type HeldJob, reusableJob, REUSE_MAX_AGE_MS } from "../../src/engine/reports/held-jobs.ts";
import { DEFAULT_REPORT_JOB_SETTINGS, type ReportJobContext, runReportJob } from "../../src/engine/reports/report-job.ts";

const DAY = 86_400;
let fake: RunningFakeIntercom | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function setup(options: FakeOptions, slots = 3, settings: Partial<ReportJobContext["settings"]> = {}) {
  fake = await startFakeIntercom(options);
  const client = createApiClient({ baseUrl: fake.url, token: "test-token", userAgent: "t", retry: { backoffBaseMs: 1, backoffMaxMs: 5 } });
  const logs: string[] = [];
  const context: ReportJobContext = {
    client,
    stream: "report_tickets",
    intercomVersion: "2.14",
    slots: new JobSlots(slots),
    clock: realClock,
    settings: { ...DEFAULT_REPORT_JOB_SETTINGS, pollFirstMs: 5, pollMaxMs: 20, slotWaitMs: 10, ...settings },
    log: (m) => logs.push(m),
  };
  const now = fake.workspace.now;
  const window = (i: number) => ({ datasetId: "tickets", attributeIds: ["ticket_id"], start: now - (i + 1) * DAY, end: now - i * DAY });
  return { fake, client, context, logs, window };
}

test("eight windows side by side hold at most the run's 3 slots, and each download is gzip", async () => {
  const { fake, context, window } = await setup({ faults: { reports: { jobMs: 40 } } });
  const jobs = await Promise.all(Array.from({ length: 8 }, (_, i) => runReportJob(window(i), context)));
  expect(new Set(jobs.map((j) => j.jobId)).size).toBe(8);
  for (const job of jobs) {
    const bytes = new Uint8Array(await job.response.arrayBuffer());
    // Announced with Content-Encoding (fetch then undoes it) or not: either way the CSV comes out.
    const isGzip = bytes[0] === 0x1f && bytes[1] === 0x8b;
    const text = new TextDecoder().decode(
      isGzip ? new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).arrayBuffer()) : bytes,
    );
    expect(text.startsWith("Ticket ID\r\n")).toBe(true);
  }
  expect(reportJobStats(fake.workspace).maxPendingSeen).toBe(3);
  expect(fake.stats.byRoute["GET /download/reporting_data/{job_identifier}"]).toBe(8);
});

test("a 429 for 5 pending jobs (another tool's) is waited out, without pausing the rate budget", async () => {
  const { fake, client, context, logs, window } = await setup({ faults: { reports: { othersPending: 5 } } });
  fake.faults.reports!.othersUntilMs = Date.now() + 150;
  const job = await runReportJob(window(0), context);
  expect(job.response.status).toBe(200);
  expect(reportJobStats(fake.workspace).refused).toBeGreaterThan(0);
  expect(logs.some((l) => l.includes("waiting") && l.includes("slot"))).toBe(true);
  expect(client.stats.rateLimited).toBe(0);
  expect(client.stats.rateLimitWaitMs).toBe(0);
});

test("a failed job is enqueued again; one that keeps failing fails the stream naming its window", async () => {
  const once = await setup({ faults: { reports: { failNext: 1 } } });
  const job = await runReportJob(once.window(0), once.context);
  expect(job.response.status).toBe(200);
  expect(reportJobStats(once.fake.workspace)).toMatchObject({ enqueued: 2, failed: 1 });
  await fake!.close();

  const always = await setup({ faults: { reports: { failNext: 99 } } }, 3, { failedRetries: 2 });
  const error = await runReportJob(always.window(1), always.context).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ReportJobFailedError);
  const failed = error as ReportJobFailedError;
  expect(failed.jobIds.length).toBe(3);
  const start = new Date((always.fake.workspace.now - 2 * DAY) * 1000).toISOString().replace(".000Z", "Z");
  expect(failed.message).toContain(`the window ${start} – `);
  expect(failed.message).toContain("failed 3 times");
});

test("a job still pending past the per-job time limit is given up and enqueued again, then the window fails", async () => {
  const { context, window } = await setup({ faults: { reports: { jobMs: 60_000 } } }, 3, { jobTimeoutMs: 60, failedRetries: 1 });
  const error = (await runReportJob(window(0), context).catch((e: unknown) => e)) as ReportJobFailedError;
  expect(error).toBeInstanceOf(ReportJobFailedError);
  expect(error.message).toContain("was still pending after");
});

test("an expired download is exported again", async () => {
  const { fake, context, window } = await setup({ faults: { reports: { downloadTtlMs: 0 } } }, 3, { failedRetries: 1 });
  const error = (await runReportJob(window(0), context).catch((e: unknown) => e)) as ReportJobFailedError;
  expect(error.message).toContain("expired");
  expect(reportJobStats(fake.workspace).enqueued).toBe(2);
});

test("an enqueue that gets a 503 is not re-sent blindly but counts as an attempt, and the window is enqueued again", async () => {
  const { fake, context, window } = await setup({});
  let failed = 0;
  const flaky: typeof fetch = Object.assign(
    async (input: RequestInfo | URL, init?: RequestInit) => {
      if (String(input).endsWith("/export/reporting_data/enqueue") && failed++ === 0) return new Response("{}", { status: 503 });
      return fetch(input, init);
    },
    { preconnect: fetch.preconnect },
  );
  context.client = createApiClient({
    baseUrl: fake.url,
    token: "test-token",
    userAgent: "t",
    fetch: flaky,
    retry: { backoffBaseMs: 1, backoffMaxMs: 5 },
  });
  const job = await runReportJob(window(0), context);
  expect(job.response.status).toBe(200);
  expect(failed).toBe(2);
  expect(reportJobStats(fake.workspace).enqueued).toBe(1);
});

test("a held job of an earlier run is re-used only for the very same window and attributes, and only while young", async () => {
  const { fake, context, window } = await setup({ faults: { reports: { jobMs: 20 } } });
  const first = await runReportJob(window(0), context);
  await first.response.arrayBuffer();
  const enqueuedAt = Math.floor(Date.now() / 1000);
  const held = [{ jobId: first.jobId, ...window(0), enqueuedAt }];
  const recorded: HeldJob[] = [];
  context.held = {
    reusable: (request) => reusableJob(held, request, Date.now(), REUSE_MAX_AGE_MS),
    record: async (job) => void recorded.push(job),
  };
  const before = reportJobStats(fake.workspace).enqueued;
  const again = await runReportJob(window(0), context);
  await again.response.arrayBuffer();
  expect(again.jobId).toBe(first.jobId);
  expect(reportJobStats(fake.workspace).enqueued).toBe(before);
  expect(recorded).toEqual([]);
  // Other attributes, another window, or a job too old: enqueued anew, and recorded before it is polled.
  expect(reusableJob(held, { ...window(0), attributeIds: ["ticket_id", "ticket_state"] }, Date.now(), REUSE_MAX_AGE_MS)).toBeUndefined();
  expect(reusableJob(held, window(1), Date.now(), REUSE_MAX_AGE_MS)).toBeUndefined();
  expect(reusableJob(held, window(0), Date.now() + REUSE_MAX_AGE_MS, REUSE_MAX_AGE_MS)).toBeUndefined();
  const other = await runReportJob(window(1), context);
  await other.response.arrayBuffer();
  expect(recorded.map((job) => [job.jobId, job.start, job.end])).toEqual([[other.jobId, window(1).start, window(1).end]]);
});

test("a held job Intercom no longer knows is enqueued again, without using up a retry", async () => {
  const { fake, context, window } = await setup({}, 3, { failedRetries: 0 });
  context.held = {
    reusable: (request) => ({ jobId: "gone-job", ...request, enqueuedAt: Math.floor(Date.now() / 1000) }),
    record: async () => {},
  };
  const job = await runReportJob(window(0), context);
  await job.response.arrayBuffer();
  expect(job.jobId).not.toBe("gone-job");
  expect(reportJobStats(fake.workspace).enqueued).toBe(1);
});
