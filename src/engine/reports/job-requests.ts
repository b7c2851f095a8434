/**
 * The two requests every Intercom export job needs, shared by the reporting export (report-job.ts) and the
 * Content Data Export (content-export/content-job.ts): enqueue, waiting out the 429 of a workspace whose job slots
 * are taken, and poll until the job settles. Each answers through the one API client (its rate budget, retries and
 * error rules); what differs between the exports is given: the paths, the body, the words, the statuses.
 */
import { ReportJobsBusyError } from "../../errors.ts";
import type { Clock } from "../../http/clock.ts";
import type { ApiClient } from "../../http/types.ts";

/** The timings of an export job, the reporting export's defaults in report-job.ts. */
export interface ReportJobSettings {
  /** First wait before polling a job; doubled (×1.5) per poll up to pollMaxMs. */
  pollFirstMs: number;
  pollMaxMs: number;
  /** A job still pending after this long is given up (and retried like a failed one). */
  jobTimeoutMs: number;
  /** Attempts per window after the first, for a failed, timed-out or expired job. */
  failedRetries: number;
  /** First wait after a "5 pending jobs" 429; doubled up to a minute, for at most jobTimeoutMs in all. */
  slotWaitMs: number;
}

export interface JobRequestContext {
  client: ApiClient;
  stream: string;
  /** Intercom-Version for these requests, when the run's is too old for the endpoints. */
  intercomVersion?: string;
  clock: Clock;
  settings: ReportJobSettings;
  signal?: AbortSignal;
  log?: (message: string) => void;
}

interface JobAnswer {
  job_identifier?: string;
  status?: string;
}

/**
 * POST a new job and return its id. A 429 saying the workspace's jobs are taken (ReportJobsBusyError) waits with
 * backoff, up to the job time limit; `busy` says what is waited for, given the wait in seconds.
 */
export async function enqueueJob(
  context: JobRequestContext,
  post: { path: string; body: Record<string, unknown> },
  busy: (waitSeconds: number) => string,
): Promise<string> {
  const startedMs = context.clock.now();
  let waitMs = context.settings.slotWaitMs;
  for (;;) {
    try {
      const answer = await context.client.request<JobAnswer>({
        method: "POST",
        path: post.path,
        body: post.body,
        stream: context.stream,
        ...(context.intercomVersion === undefined ? {} : { intercomVersion: context.intercomVersion }),
        signal: context.signal,
        // A lost answer may have made a job: sending it again could hold a second of the workspace's slots.
        maxAttempts: 1,
      });
      if (typeof answer?.job_identifier !== "string" || answer.job_identifier === "") {
        throw new Error(`stream ${context.stream}: POST ${post.path} answered without a job_identifier`);
      }
      return answer.job_identifier;
    } catch (error) {
      if (!(error instanceof ReportJobsBusyError)) throw error;
      if (context.clock.now() - startedMs >= context.settings.jobTimeoutMs) throw error;
      context.log?.(`stream ${context.stream}: ${busy(Math.round(waitMs / 1000))}`);
      await context.clock.sleep(waitMs, context.signal);
      waitMs = Math.min(waitMs * 2, 60_000);
    }
  }
}

/**
 * Poll GET `path` with backoff until `settled` names the job's end from its status (undefined: still running);
 * past the job time limit, "was still pending after Ns".
 */
export async function pollJob(
  context: JobRequestContext,
  path: string,
  settled: (status: string | undefined) => string | undefined,
): Promise<string> {
  const deadline = context.clock.now() + context.settings.jobTimeoutMs;
  let delay = context.settings.pollFirstMs;
  for (;;) {
    await context.clock.sleep(delay, context.signal);
    const answer = await context.client.request<JobAnswer>({
      method: "GET",
      path,
      stream: context.stream,
      ...(context.intercomVersion === undefined ? {} : { intercomVersion: context.intercomVersion }),
      signal: context.signal,
    });
    const outcome = settled(answer?.status);
    if (outcome !== undefined) return outcome;
    if (context.clock.now() >= deadline) return `was still pending after ${Math.round(context.settings.jobTimeoutMs / 1000)}s`;
    delay = Math.min(Math.round(delay * 1.5), context.settings.pollMaxMs);
  }
}
