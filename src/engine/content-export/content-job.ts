/**
 * One Content Data Export job: POST /export/content/data for a window of send times, poll
 * GET /export/content/data/{job} until it is completed, download GET /download/content/data/{job}. The workspace
 * may hold one such job at a time: a job is recorded in the stream's state before it is polled (held-jobs.ts), so
 * the run after a killed one polls and downloads the killed run's job rather than meet its 429; a 429 "1 pending
 * message data export jobs" (another tool's job) waits for it with backoff. A failed job, one pending too long, or
 * a download gone (it expires two days after the job completed) is enqueued again, `failedRetries` times. The timing settings are the reporting
 * export's (src/engine/reports/report-job.ts), whose message for a window this shares.
 */
import { NotFoundError, ReportJobFailedError, ReportJobsBusyError, TransientError } from "../../errors.ts";
import type { Clock } from "../../http/clock.ts";
import type { ApiClient } from "../../http/types.ts";
import type { HeldJob } from "../reports/held-jobs.ts";
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

interface JobAnswer {
  job_identifier?: string;
  status?: string;
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

async function enqueue(window: ContentWindow, context: ContentJobContext): Promise<string> {
  const startedMs = context.clock.now();
  let waitMs = context.settings.slotWaitMs;
  for (;;) {
    try {
      const answer = await context.client.request<JobAnswer>({
        method: "POST",
        path: context.paths.jobs,
        body: { created_at_after: window.start, created_at_before: window.end - 1 },
        stream: context.stream,
        signal: context.signal,
        // A lost answer may have made the workspace's one job: sending it again would only meet a 429.
        maxAttempts: 1,
      });
      if (typeof answer?.job_identifier !== "string" || answer.job_identifier === "") {
        throw new Error(`stream ${context.stream}: POST ${context.paths.jobs} answered without a job_identifier`);
      }
      return answer.job_identifier;
    } catch (error) {
      if (!(error instanceof ReportJobsBusyError)) throw error;
      if (context.clock.now() - startedMs >= context.settings.jobTimeoutMs) throw error;
      context.log?.(
        `stream ${context.stream}: the workspace already has a content data export job (Intercom allows one; another tool's, or a killed run's); waiting ${
          Math.round(waitMs / 1000)
        }s for it`,
      );
      await context.clock.sleep(waitMs, context.signal);
      waitMs = Math.min(waitMs * 2, 60_000);
    }
  }
}

/** "completed", "no_data", or what became of the job ("failed", "canceled", "was still pending after …"). */
async function waitForJob(jobId: string, context: ContentJobContext): Promise<string> {
  const deadline = context.clock.now() + context.settings.jobTimeoutMs;
  let delay = context.settings.pollFirstMs;
  for (;;) {
    await context.clock.sleep(delay, context.signal);
    const answer = await context.client.request<JobAnswer>({
      method: "GET",
      path: `${context.paths.jobs}/${encodeURIComponent(jobId)}`,
      stream: context.stream,
      signal: context.signal,
    });
    const status = answer?.status;
    if (status === "completed" || status === "complete") return "completed";
    if (status === "no_data" || status === "failed" || status === "canceled") return status;
    if (context.clock.now() >= deadline) return `was still pending after ${Math.round(context.settings.jobTimeoutMs / 1000)}s`;
    delay = Math.min(Math.round(delay * 1.5), context.settings.pollMaxMs);
  }
}
