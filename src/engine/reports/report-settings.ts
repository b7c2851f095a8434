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

/** What the command line, its config file and the protocols' configs accept for the report settings. */
export const REPORT_BOUNDS = {
  windowDays: { min: 1, max: 31 },
  reexportDays: { min: 0, max: 90 },
  pendingJobs: { min: 1, max: 5 },
} as const;

/** Dataset id → the attribute ids (or qualified ids) to export of it. */
export type ReportAttributes = Record<string, string[]>;

/**
 * `conversation=conversation_id,channel;tickets=ticket_id` (a dataset may be named `report_<id>` too) → the
 * attributes per dataset; a string saying what is wrong when it is not that.
 */
export function parseReportAttributes(input: string): ReportAttributes | string {
  const picked: ReportAttributes = {};
  for (const part of input.split(";").map((p) => p.trim()).filter(Boolean)) {
    const [dataset, list] = part.split("=", 2).map((s) => s.trim());
    const ids = (list ?? "").split(",").map((s) => s.trim()).filter(Boolean);
    if (!dataset || ids.length === 0) {
      return `${part} is not DATASET=ATTRIBUTE,… (e.g. conversation=conversation_id,channel; \`intercom-sync reports\` lists them)`;
    }
    picked[dataset.replace(/^report_/, "")] = ids;
  }
  return Object.keys(picked).length === 0 ? "it names no attribute" : picked;
}

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
