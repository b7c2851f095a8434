/**
 * One reporting export job per time window, done right: enqueue within the run's pending-job slots (a 429 "5
 * pending jobs" waits for a slot), poll with backoff up to a per-job time limit, retry a failed or expired job,
 * and hand back the download's unread answer. Every request goes through the run's client, so polls and
 * downloads share its rate budget, retries and error rules. This file says what a reporting export job is (its
 * paths, body, statuses); the attempts are job-attempts.ts's, as the content export's are.
 */
import type { Clock } from "../../http/clock.ts";
import type { ApiClient } from "../../http/types.ts";
import type { HeldJobs, ReportJobRequest } from "./held-jobs.ts";
import { type ExportJob, runExportJob } from "./job-attempts.ts";
import type { ReportJobSettings } from "./job-requests.ts";
import type { JobSlots } from "./job-slots.ts";

export type { ReportJobSettings };

export const DEFAULT_REPORT_JOB_SETTINGS: ReportJobSettings = {
  pollFirstMs: 1_000,
  pollMaxMs: 30_000,
  jobTimeoutMs: 30 * 60_000,
  failedRetries: 2,
  slotWaitMs: 5_000,
};

export type { ReportJobRequest };

export interface ReportJobContext {
  client: ApiClient;
  /** The stream, for messages and per-stream request counts. */
  stream: string;
  /** Intercom-Version for these requests (2.14 or later: the endpoints do not exist before). */
  intercomVersion: string;
  slots: JobSlots;
  clock: Clock;
  settings: ReportJobSettings;
  signal?: AbortSignal;
  /** Progress worth a line at --verbose (a wait for a slot, a failed job retried). */
  log?: (message: string) => void;
  /** The stream's jobs of earlier runs to re-use, and where a new one is recorded before it is polled. */
  held?: HeldJobs;
}

export interface CompletedJob {
  jobId: string;
  /** The download's answer, its body (gzip-compressed CSV) unread. */
  response: Response;
}

/** Runs the job of one window to its download; throws ReportJobFailedError once every attempt failed. */
export function runReportJob(request: ReportJobRequest, context: ReportJobContext): Promise<CompletedJob> {
  return runReportJobInTurn(request, context, Promise.resolve(), async (job) => job);
}

/**
 * As runReportJob, but the download waits for `turn` (the window before it written) and is handed to `consume`,
 * so windows are exported side by side and written in order. The job's slot is free while it waits.
 */
export function runReportJobInTurn<T>(
  request: ReportJobRequest,
  context: ReportJobContext,
  turn: Promise<unknown>,
  consume: (job: CompletedJob) => Promise<T>,
): Promise<T> {
  const { held, ...requests } = context;
  const job: ExportJob = {
    title: "the reporting export",
    window: { start: request.start, end: request.end },
    export: request,
    enqueue: {
      path: "/export/reporting_data/enqueue",
      body: { dataset_id: request.datasetId, attribute_ids: request.attributeIds, start_time: request.start, end_time: request.end },
      busy: (seconds) => `the workspace holds 5 pending reporting export jobs (other tools' too); waiting ${seconds}s for a slot`,
    },
    paths: { jobs: "/export/reporting_data", download: "/download/reporting_data" },
    // The content export says "completed"; the reporting export "complete". Either will do.
    statuses: { completed: ["complete", "completed"], failed: ["failed"] },
  };
  const reused = held?.reusable(request);
  return runExportJob(
    job,
    { ...requests, ...(reused ? { reused } : {}), ...(held ? { record: (enqueued) => held.record(enqueued) } : {}) },
    { downloaded: ({ jobId, response }) => consume({ jobId, response }) },
    turn,
  );
}
