/** What a run exports of the reporting datasets, and how: the engine's part of the report streams' settings. */
import type { ReportJobSettings } from "./report-job.ts";

export interface ReportRunOptions {
  /** Dataset ids to export (`report_<id>` streams), or "all" of the workspace's. */
  datasets: "all" | readonly string[];
  /** Dataset id → the attribute ids (or qualified ids) to export; every attribute when a dataset is not named. */
  attributes?: Readonly<Record<string, readonly string[]>>;
  /** Days per export job (a file each). Default 1. */
  windowDays?: number;
  /** Each run exports the last N days again, since recent metrics change until conversations close. Default 7. */
  reexportDays?: number;
  /** The run's jobs pending at once (1–5; Intercom allows 5 per workspace). Default 3. */
  pendingJobs?: number;
  /** Rows of a window handed to the output at a time, as its file is read: what a window holds in memory. Default 1000. */
  rowsPerWrite?: number;
  jobs?: Partial<ReportJobSettings>;
}

export const REPORT_DEFAULTS = { windowDays: 1, reexportDays: 7, pendingJobs: 3, rowsPerWrite: 1000 } as const;

/** Reporting data is kept 2 years (Intercom's default retention); a day is kept off it for clock differences. */
export const REPORT_RETENTION_SECONDS = 2 * 365 * 86_400 - 86_400;

export const REPORT_STREAM_PREFIX = "report_";

export function reportStreamName(datasetId: string): string {
  return `${REPORT_STREAM_PREFIX}${datasetId}`;
}

/**
 * The Intercom-Version the reporting export is asked in: the run's own from 2.14 on; for a 2.11 run, 2.16 on
 * those requests only (the endpoints do not exist before 2.14; 2.16 also counts conversations that never had a
 * customer reply, and takes qualified attribute ids where two custom attributes share a name).
 */
export function reportVersion(runVersion: string): string {
  const [major, minor] = runVersion.split(".").map(Number);
  return (major ?? 0) * 1000 + (minor ?? 0) >= 2014 ? runVersion : "2.16";
}
