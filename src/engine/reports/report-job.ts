/**
 * One reporting export job per time window, done right: enqueue within the run's pending-job slots (a 429 "5
 * pending jobs" waits for a slot), poll with backoff up to a per-job time limit, retry a failed or expired job,
 * and hand back the download's unread answer. Every request goes through the run's client, so polls and
 * downloads share its rate budget, retries and error rules.
 */
import { NotFoundError, ReportJobFailedError, TransientError } from "../../errors.ts";
import type { Clock } from "../../http/clock.ts";
import type { ApiClient } from "../../http/types.ts";
import type { HeldJobs, ReportJobRequest } from "./held-jobs.ts";
import type { JobSlots } from "./job-slots.ts";
import { enqueueJob, pollJob, type ReportJobSettings } from "./job-requests.ts";

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
export async function runReportJobInTurn<T>(
  request: ReportJobRequest,
  context: ReportJobContext,
  turn: Promise<unknown>,
  consume: (job: CompletedJob) => Promise<T>,
): Promise<T> {
  const jobIds: string[] = [];
  const problems: string[] = [];
  // A job a killed run left pending or complete is polled first; it is one more attempt, not one of the retries.
  const reused = context.held?.reusable(request);
  const attempts = context.settings.failedRetries + 1 + (reused ? 1 : 0);
  for (let attempt = 0; attempt < attempts; attempt++) {
    // A re-used job may still be pending: it holds one of the workspace's slots like a new one.
    await context.slots.acquire();
    const reusing = attempt === 0 && reused !== undefined;
    let outcome: "complete" | string;
    let jobId = "(none)";
    try {
      if (reusing) {
        jobId = reused.jobId;
        context.log?.(`stream ${context.stream}: ${describeWindow(request)}: re-using job ${jobId}, enqueued by an earlier run`);
      } else {
        const enqueuedAt = Math.floor(context.clock.now() / 1000);
        jobId = await enqueue(request, context);
        // Durable before the first poll: a run killed from here on leaves the job for the next one.
        await context.held?.record({ jobId, ...request, attributeIds: [...request.attributeIds], enqueuedAt });
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
    } finally {
      context.slots.release();
    }
    if (outcome === "complete") {
      await turn;
      let response: Response | undefined;
      try {
        response = await context.client.request<Response>({
          method: "GET",
          path: `/download/reporting_data/${encodeURIComponent(jobId)}`,
          stream: context.stream,
          intercomVersion: context.intercomVersion,
          signal: context.signal,
          binary: true,
        });
      } catch (error) {
        if (!(error instanceof NotFoundError)) throw error;
        outcome = "its download was gone (expired)";
      }
      if (response) return await consume({ jobId, response });
    }
    problems.push(`job ${jobId}: ${outcome}`);
    if (attempt < attempts - 1) {
      context.log?.(`stream ${context.stream}: ${describeWindow(request)}: job ${jobId} ${outcome}; enqueueing it again`);
    }
  }
  throw new ReportJobFailedError(
    `stream ${context.stream}: the reporting export of ${describeWindow(request)} failed ${attempts} times (${problems.join("; ")}). ` +
      "Nothing of that window was written and the stream's cursor stays before it; run the sync again later.",
    context.stream,
    { start: request.start, end: request.end },
    jobIds,
  );
}

export function describeWindow(request: { start: number; end: number }): string {
  const iso = (s: number) => new Date(s * 1000).toISOString().replace(".000Z", "Z");
  return `the window ${iso(request.start)} – ${iso(request.end)}`;
}

function enqueue(request: ReportJobRequest, context: ReportJobContext): Promise<string> {
  return enqueueJob(
    context,
    {
      path: "/export/reporting_data/enqueue",
      body: { dataset_id: request.datasetId, attribute_ids: request.attributeIds, start_time: request.start, end_time: request.end },
    },
    (seconds) => `the workspace holds 5 pending reporting export jobs (other tools' too); waiting ${seconds}s for a slot`,
  );
}

/** "complete", or what became of the job ("failed", "was still pending after …"). */
function waitForJob(jobId: string, context: ReportJobContext): Promise<string> {
  // The content export says "completed"; the reporting export "complete". Either will do.
  return pollJob(
    context,
    `/export/reporting_data/${encodeURIComponent(jobId)}`,
    (status) => status === "complete" || status === "completed" ? "complete" : status === "failed" ? "failed" : undefined,
  );
}
