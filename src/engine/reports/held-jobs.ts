/**
 * The export jobs a stream holds: enqueued, their windows not yet written (a report stream's reporting export
 * jobs; the Content Data Export job of content_receipts and content_events, held by every stream of their pass). Each is recorded in the stream's state before it is polled and
 * dropped in the transaction that writes its window, so a run killed mid-job leaves them behind, and the next run
 * polls and downloads a still valid one instead of enqueueing it again (a job is a workspace's scarce resource: 5
 * reporting jobs pending at most, one content export).
 *
 * @example
 * const held = heldJobs(store.get("report_tickets"));
 * const job = reusableJob(held, request, Date.now(), REUSE_MAX_AGE_MS); // undefined: enqueue a new one
 */
import type * as v from "valibot";
import type { ReportJobSchema } from "../progress-schema.ts";
import type { StreamProgress } from "../state-store.ts";

export type HeldJob = v.InferOutput<typeof ReportJobSchema>;

/**
 * How long after its enqueue a held job is still worth polling. Intercom keeps a download for a while after the
 * job completes (`download_expires_at`); an older one is most likely gone, and its data is stale anyway.
 */
export const REUSE_MAX_AGE_MS = 60 * 60_000;

/** What a report job needs of the stream's held jobs: the one to re-use for a window, and recording a new one. */
/** What a job exports: a dataset's attributes over a window. A held job is re-used for the same request. */
export interface ReportJobRequest {
  datasetId: string;
  attributeIds: string[];
  /** Unix seconds, [start, end). */
  start: number;
  end: number;
}

export interface HeldJobs {
  /** A job of an earlier run for exactly this request, still young enough; undefined when there is none. */
  reusable(request: ReportJobRequest): HeldJob | undefined;
  /** Records a job just enqueued, durably: resolves once a run killed now would find it. */
  record(job: HeldJob): Promise<void>;
}

export function heldJobs(progress: StreamProgress | undefined): HeldJob[] {
  return progress?.reportJobs ?? [];
}

export function reusableJob(held: readonly HeldJob[], request: ReportJobRequest, nowMs: number, maxAgeMs: number): HeldJob | undefined {
  return held.find((job) =>
    sameExport(job, request) && job.start === request.start && job.end === request.end && nowMs - job.enqueuedAt * 1000 < maxAgeMs
  );
}

/**
 * A young enough job of the same export from `request.start`, whatever its end: for an export of one job a run
 * (the Content Data Export), whose window ends at the run's bound, so a killed run's job never ends where the
 * next run's would. Its end is where the next run's export then ends.
 */
export function resumableJob(
  held: readonly HeldJob[],
  request: Omit<ReportJobRequest, "end">,
  nowMs: number,
  maxAgeMs: number,
): HeldJob | undefined {
  return held.find((job) => sameExport(job, request) && job.start === request.start && nowMs - job.enqueuedAt * 1000 < maxAgeMs);
}

function sameExport(job: HeldJob, request: Pick<ReportJobRequest, "datasetId" | "attributeIds">): boolean {
  return job.datasetId === request.datasetId && sameList(job.attributeIds, request.attributeIds);
}

/** The held jobs with `job` added: it replaces any job of the same window, and jobs too old to re-use are dropped. */
export function withJobHeld(held: readonly HeldJob[], job: HeldJob, maxAgeMs: number): HeldJob[] {
  const young = held.filter((other) => (job.enqueuedAt - other.enqueuedAt) * 1000 < maxAgeMs);
  return [...young.filter((other) => other.start !== job.start || other.end !== job.end), job];
}

/** The held jobs once a window is written: none of that window is needed again. */
export function withWindowWritten(held: readonly HeldJob[], window: { start: number; end: number }): HeldJob[] {
  return held.filter((job) => job.start !== window.start || job.end !== window.end);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}
