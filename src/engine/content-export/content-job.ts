/**
 * One Content Data Export job: POST /export/content/data for a window of send times, poll
 * GET /export/content/data/{job} until it is completed, download GET /download/content/data/{job}. The workspace
 * may hold one such job at a time: a job is recorded in the stream's state before it is polled (held-jobs.ts), so
 * the run after a killed one polls and downloads the killed run's job rather than meet its 429; a 429 "1 pending
 * message data export jobs" (another tool's job) waits for it with backoff. A failed job, one pending too long, or
 * a download gone (it expires two days after the job completed) is enqueued again, `failedRetries` times. The timing settings are the reporting
 * export's (src/engine/reports/report-job.ts), whose message for a window this shares.
 */
import { NotFoundError, ReportJobFailedError, TransientError } from "../../errors.ts";
import type { Clock } from "../../http/clock.ts";
import type { ApiClient } from "../../http/types.ts";
import type { HeldJob } from "../reports/held-jobs.ts";
import { enqueueJob, pollJob } from "../reports/job-requests.ts";
import { describeWindow, type ReportJobSettings } from "../reports/report-job.ts";

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
export async function runContentJob(window: ContentWindow, context: ContentJobContext): Promise<ContentDownload> {
  const jobIds: string[] = [];
  const problems: string[] = [];
  // A job a killed run left pending or complete is polled first; it is one more attempt, not one of the retries.
  const reused = context.held?.resumable(window.start);
  const attempts = context.settings.failedRetries + 1 + (reused ? 1 : 0);
  for (let attempt = 0; attempt < attempts; attempt++) {
    const reusing = attempt === 0 && reused !== undefined;
    const exported = reusing ? { start: reused.start, end: reused.end } : window;
    let jobId = "(none)";
    let outcome: string;
    try {
      if (reusing) {
        jobId = reused.jobId;
        context.log?.(`stream ${context.stream}: ${describeWindow(exported)}: re-using job ${jobId}, enqueued by an earlier run`);
      } else {
        const enqueuedAt = Math.floor(context.clock.now() / 1000);
        jobId = await enqueue(window, context);
        // Durable before the first poll: a run killed from here on leaves the job for the next one.
        await context.held?.record({ jobId, datasetId: CONTENT_EXPORT_DATASET, attributeIds: [], ...window, enqueuedAt });
      }
      jobIds.push(jobId);
      outcome = await waitForJob(jobId, context);
    } catch (error) {
      if (reusing && error instanceof NotFoundError) {
        outcome = "was no longer known to Intercom";
      } else {
        // An enqueue that got no answer is not re-sent blindly (it may have made a job): it counts as an attempt.
        if (!(error instanceof TransientError) || jobId !== "(none)") throw error;
        outcome = `could not be enqueued (${error.message})`;
      }
    }
    if (outcome === "no_data") return { jobId, window: exported, response: null };
    if (outcome === "completed") {
      try {
        const response = await context.client.request<Response>({
          method: "GET",
          path: `${context.paths.download}/${encodeURIComponent(jobId)}`,
          stream: context.stream,
          signal: context.signal,
          binary: true,
        });
        return { jobId, window: exported, response };
      } catch (error) {
        if (!(error instanceof NotFoundError)) throw error;
        outcome = "its download was gone (expired)";
      }
    }
    problems.push(`job ${jobId}: ${outcome}`);
    if (attempt < attempts - 1) {
      context.log?.(`stream ${context.stream}: ${describeWindow(window)}: job ${jobId} ${outcome}; enqueueing it again`);
    }
  }
  throw new ReportJobFailedError(
    `stream ${context.stream}: the content data export of ${describeWindow(window)} failed ${attempts} times (${
      problems.join("; ")
    }). Nothing of that window was written and the stream's cursor stays before it; run the sync again later.`,
    context.stream,
    window,
    jobIds,
  );
}

function enqueue(window: ContentWindow, context: ContentJobContext): Promise<string> {
  return enqueueJob(
    context,
    { path: context.paths.jobs, body: { created_at_after: window.start, created_at_before: window.end - 1 } },
    (seconds) =>
      `the workspace already has a content data export job (Intercom allows one; another tool's, or a killed run's); waiting ${seconds}s for it`,
  );
}

/** "completed", "no_data", or what became of the job ("failed", "canceled", "was still pending after …"). */
function waitForJob(jobId: string, context: ContentJobContext): Promise<string> {
  return pollJob(context, `${context.paths.jobs}/${encodeURIComponent(jobId)}`, (status) => {
    if (status === "completed" || status === "complete") return "completed";
    return status === "no_data" || status === "failed" || status === "canceled" ? status : undefined;
  });
}
