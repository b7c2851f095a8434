/**
 * One Content Data Export job: POST /export/content/data for a window of send times, poll
 * GET /export/content/data/{job} until it is completed, download GET /download/content/data/{job}. The workspace
 * may hold one such job at a time: a job is recorded in the stream's state before it is polled (held-jobs.ts), so
 * the run after a killed one polls and downloads the killed run's job rather than meet its 429; a 429 "1 pending
 * message data export jobs" (another tool's job) waits for it with backoff. A failed job, one pending too long, or
 * a download gone (it expires two days after the job completed) is enqueued again, `failedRetries` times: the
 * attempts are the reporting export's (src/engine/reports/job-attempts.ts), as are the timing settings.
 */
import type { Clock } from "../../http/clock.ts";
import type { ApiClient } from "../../http/types.ts";
import type { HeldJob } from "../reports/held-jobs.ts";
import { type ExportJob, runExportJob } from "../reports/job-attempts.ts";
import type { ReportJobSettings } from "../reports/report-job.ts";

/** What a held job names as its dataset: the one Content Data Export a workspace has. */
export const CONTENT_EXPORT_DATASET = "content_data";

/** Send times [start, end): the job asks for created_at_after start, created_at_before end - 1 (both inclusive). */
export interface ContentWindow {
  start: number;
  end: number;
}

export interface ContentJobContext {
  client: ApiClient;
  /** Where jobs are made and polled, and where a completed one's file is, e.g. /export/content/data and /download/content/data. */
  paths: { jobs: string; download: string };
  stream: string;
  clock: Clock;
  settings: ReportJobSettings;
  signal?: AbortSignal;
  log?: (message: string) => void;
  /** The stream's held job of an earlier (killed) run from a window's start, and recording a job just enqueued. */
  held?: {
    resumable(start: number): HeldJob | undefined;
    /** Resolves once the job is durable in the stream's state. */
    record(job: HeldJob): Promise<void>;
  };
}

export interface ContentDownload {
  jobId: string;
  /** The window the job exported: the one asked for, or a re-used job's (same start, the killed run's end). */
  window: ContentWindow;
  /** The download; null for a job that found no data. */
  response: Response | null;
}

/** The download of the export of send times [start, end); throws ReportJobFailedError once every attempt failed. */
export function runContentJob(window: ContentWindow, context: ContentJobContext): Promise<ContentDownload> {
  const { held, paths, ...requests } = context;
  const job: ExportJob = {
    title: "the content data export",
    window,
    export: { datasetId: CONTENT_EXPORT_DATASET, attributeIds: [] },
    enqueue: {
      path: paths.jobs,
      body: { created_at_after: window.start, created_at_before: window.end - 1 },
      busy: (seconds) =>
        `the workspace already has a content data export job (Intercom allows one; another tool's, or a killed run's); waiting ${seconds}s for it`,
    },
    paths,
    statuses: { completed: ["completed", "complete"], noData: ["no_data"], failed: ["failed", "canceled"] },
  };
  // A job a killed run left pending or complete, whatever its end (this run's bound is later than the killed run's).
  const reused = held?.resumable(window.start);
  return runExportJob<ContentDownload>(job, {
    ...requests,
    ...(reused ? { reused } : {}),
    ...(held ? { record: (enqueued) => held.record(enqueued) } : {}),
  }, {
    downloaded: async (download) => download,
    noData: async (found) => ({ ...found, response: null }),
  });
}
