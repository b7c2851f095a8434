/**
 * The attempt loop every Intercom export job runs, shared by the reporting export (report-job.ts) and the Content
 * Data Export (content-export/content-job.ts): poll first a job a killed run left (held-jobs.ts), else enqueue one
 * and record it before its first poll; poll it to its end; download a completed one. A failed job, one pending too
 * long, or a download gone (expired) is enqueued again, `failedRetries` times. What differs between the exports is
 * data (ExportJob): the paths and body, the statuses, the words; and the run's choices (ExportJobContext): the
 * workspace's job slots, the held job to re-use, where a new one is recorded.
 *
 * @example
 * const rows = await runExportJob(job, context, { downloaded: ({ response }) => readRows(response) });
 */
import { NotFoundError, ReportJobFailedError, TransientError } from "../../errors.ts";
import type { HeldJob } from "./held-jobs.ts";
import { enqueueJob, type JobRequestContext, pollJob } from "./job-requests.ts";
import type { JobSlots } from "./job-slots.ts";

/** Unix seconds, [start, end). */
export interface JobWindow {
  start: number;
  end: number;
}

/** One export job as data: everything its attempts need that differs between the exports. */
export interface ExportJob {
  /** What it is called in messages: "the reporting export", "the content data export". */
  title: string;
  /** The window asked for. */
  window: JobWindow;
  /** What a held job of it names: a held job is re-used only for the same export. */
  export: { datasetId: string; attributeIds: readonly string[] };
  /** The POST that makes a job, and what a wait for the workspace's busy job slots says, given its seconds. */
  enqueue: { path: string; body: Record<string, unknown>; busy: (waitSeconds: number) => string };
  /** A job is polled at `${jobs}/{id}` and its file downloaded from `${download}/{id}`. */
  paths: { jobs: string; download: string };
  /** The statuses that end a job: its file is ready; it found nothing to export (not every export says so); it came to nothing. */
  statuses: { completed: readonly string[]; noData?: readonly string[]; failed: readonly string[] };
}

export interface ExportJobContext extends JobRequestContext {
  /** The workspace's job slots, one held while a job is enqueued and polled; none for an export of one job a run. */
  slots?: JobSlots;
  /** A job of an earlier (killed) run for this export, polled first: one more attempt, not one of the retries. */
  reused?: HeldJob;
  /** Records a job just enqueued; resolves once it is durable in the stream's state. */
  record?: (job: HeldJob) => Promise<void>;
}

/** A job's download, its body unread, with the window the job exported (a re-used job's may end elsewhere). */
export interface ExportJobDownload {
  jobId: string;
  window: JobWindow;
  response: Response;
}

/** What is done with a job's end: its download, or (for an export whose statuses say so) its finding no data. */
export interface ExportJobEnds<T> {
  downloaded(download: ExportJobDownload): Promise<T>;
  noData?(found: { jobId: string; window: JobWindow }): Promise<T>;
}

const COMPLETED = "completed";
const NO_DATA = "no_data";

/**
 * Runs the job to its end and hands that to `ends`, after `turn` (the window before it written: jobs run side by
 * side, their files are written in order; the job's slot is free while it waits). Throws ReportJobFailedError once
 * every attempt failed.
 */
export async function runExportJob<T>(
  job: ExportJob,
  context: ExportJobContext,
  ends: ExportJobEnds<T>,
  turn: Promise<unknown> = Promise.resolve(),
): Promise<T> {
  const { window } = job;
  const { reused } = context;
  const jobIds: string[] = [];
  const problems: string[] = [];
  const attempts = context.settings.failedRetries + 1 + (reused ? 1 : 0);
  for (let attempt = 0; attempt < attempts; attempt++) {
    // A re-used job may still be pending: it holds one of the workspace's slots like a new one.
    await context.slots?.acquire();
    const reusing = attempt === 0 && reused !== undefined;
    const exported: JobWindow = reusing ? { start: reused.start, end: reused.end } : window;
    let jobId = "(none)";
    let outcome: string;
    try {
      if (reusing) {
        jobId = reused.jobId;
        context.log?.(`stream ${context.stream}: ${describeWindow(exported)}: re-using job ${jobId}, enqueued by an earlier run`);
      } else {
        const enqueuedAt = Math.floor(context.clock.now() / 1000);
        jobId = await enqueueJob(context, job.enqueue, job.enqueue.busy);
        // Durable before the first poll: a run killed from here on leaves the job for the next one.
        const { datasetId, attributeIds } = job.export;
        await context.record?.({ jobId, datasetId, attributeIds: [...attributeIds], ...window, enqueuedAt });
      }
      jobIds.push(jobId);
      outcome = await pollJob(context, `${job.paths.jobs}/${encodeURIComponent(jobId)}`, (status) => settled(job, ends, status));
    } catch (error) {
      if (reusing && error instanceof NotFoundError) {
        outcome = "was no longer known to Intercom";
      } else {
        // An enqueue that got no answer is not re-sent blindly (it may have made a job): it counts as an attempt.
        if (!(error instanceof TransientError) || jobId !== "(none)") throw error;
        outcome = `could not be enqueued (${error.message})`;
      }
    } finally {
      context.slots?.release();
    }
    if (outcome === NO_DATA && ends.noData) {
      await turn;
      return await ends.noData({ jobId, window: exported });
    }
    if (outcome === COMPLETED) {
      await turn;
      const response = await download(job, context, jobId);
      if (response) return await ends.downloaded({ jobId, window: exported, response });
      outcome = "its download was gone (expired)";
    }
    problems.push(`job ${jobId}: ${outcome}`);
    if (attempt < attempts - 1) {
      context.log?.(`stream ${context.stream}: ${describeWindow(window)}: job ${jobId} ${outcome}; enqueueing it again`);
    }
  }
  throw new ReportJobFailedError(
    `stream ${context.stream}: ${job.title} of ${describeWindow(window)} failed ${attempts} times (${problems.join("; ")}). ` +
      "Nothing of that window was written and the stream's cursor stays before it; run the sync again later.",
    context.stream,
    { start: window.start, end: window.end },
    jobIds,
  );
}

export function describeWindow(window: JobWindow): string {
  const iso = (s: number) => new Date(s * 1000).toISOString().replace(".000Z", "Z");
  return `the window ${iso(window.start)} – ${iso(window.end)}`;
}

/** COMPLETED, NO_DATA, the failed status itself, or undefined while the job runs. */
function settled(job: ExportJob, ends: ExportJobEnds<unknown>, status: string | undefined): string | undefined {
  if (status === undefined) return undefined;
  if (job.statuses.completed.includes(status)) return COMPLETED;
  if (ends.noData && job.statuses.noData?.includes(status)) return NO_DATA;
  return job.statuses.failed.includes(status) ? status : undefined;
}

/** The completed job's download, unread; undefined when it is gone (its download expired). */
async function download(job: ExportJob, context: ExportJobContext, jobId: string): Promise<Response | undefined> {
  try {
    return await context.client.request<Response>({
      method: "GET",
      path: `${job.paths.download}/${encodeURIComponent(jobId)}`,
      stream: context.stream,
      ...(context.intercomVersion === undefined ? {} : { intercomVersion: context.intercomVersion }),
      signal: context.signal,
      binary: true,
    });
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    return undefined;
  }
}
