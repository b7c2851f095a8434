/**
 * One Content Data Export job: POST /export/content/data for a window of send times, poll
 * GET /export/content/data/{job} until it is completed, download GET /download/content/data/{job}. The workspace
 * may hold one such job at a time: a 429 "1 pending message data export jobs" (another tool's job, or a killed
 * run's) waits for it with backoff. A failed job, one pending too long, or a download gone (it expires two days
 * after the job completed) is enqueued again, `failedRetries` times. The timing settings are the reporting
 * export's (src/engine/reports/report-job.ts), whose message for a window this shares.
 */
import { NotFoundError, ReportJobFailedError, ReportJobsBusyError, TransientError } from "../../errors.ts";
import type { Clock } from "../../http/clock.ts";
import type { ApiClient } from "../../http/types.ts";
import { describeWindow, type ReportJobSettings } from "../reports/report-job.ts";

export interface ContentJobContext {
  client: ApiClient;
  /** Where jobs are made and polled, and where a completed one's file is, e.g. /export/content/data and /download/content/data. */
  paths: { jobs: string; download: string };
  stream: string;
  clock: Clock;
  settings: ReportJobSettings;
  signal?: AbortSignal;
  log?: (message: string) => void;
}

export interface ContentDownload {
  jobId: string;
  bytes: Uint8Array;
}

interface JobAnswer {
  job_identifier?: string;
  status?: string;
}

/** The download of the export of send times [start, end]; throws ReportJobFailedError once every attempt failed. */
export async function runContentJob(window: { start: number; end: number }, context: ContentJobContext): Promise<ContentDownload> {
  const jobIds: string[] = [];
  const problems: string[] = [];
  for (let attempt = 0; attempt <= context.settings.failedRetries; attempt++) {
    let jobId = "(none)";
    let outcome: string;
    try {
      jobId = await enqueue(window, context);
      jobIds.push(jobId);
      outcome = await waitForJob(jobId, context);
    } catch (error) {
      // An enqueue that got no answer is not re-sent blindly (it may have made a job): it counts as an attempt.
      if (!(error instanceof TransientError) || jobId !== "(none)") throw error;
      outcome = `could not be enqueued (${error.message})`;
    }
    if (outcome === "no_data") return { jobId, bytes: new Uint8Array(0) };
    if (outcome === "completed") {
      try {
        const response = await context.client.request<Response>({
          method: "GET",
          path: `${context.paths.download}/${encodeURIComponent(jobId)}`,
          stream: context.stream,
          signal: context.signal,
          binary: true,
        });
        return { jobId, bytes: new Uint8Array(await response.arrayBuffer()) };
      } catch (error) {
        if (!(error instanceof NotFoundError)) throw error;
        outcome = "its download was gone (expired)";
      }
    }
    problems.push(`job ${jobId}: ${outcome}`);
    if (attempt < context.settings.failedRetries) {
      context.log?.(`stream ${context.stream}: ${describeWindow(window)}: job ${jobId} ${outcome}; enqueueing it again`);
    }
  }
  throw new ReportJobFailedError(
    `stream ${context.stream}: the content data export of ${describeWindow(window)} failed ${context.settings.failedRetries + 1} times (${
      problems.join("; ")
    }). Nothing of that window was written and the stream's cursor stays before it; run the sync again later.`,
    context.stream,
    window,
    jobIds,
  );
}

async function enqueue(window: { start: number; end: number }, context: ContentJobContext): Promise<string> {
  const startedMs = context.clock.now();
  let waitMs = context.settings.slotWaitMs;
  for (;;) {
    try {
      const answer = await context.client.request<JobAnswer>({
        method: "POST",
        path: context.paths.jobs,
        body: { created_at_after: window.start, created_at_before: window.end },
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
