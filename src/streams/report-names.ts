/**
 * Names of the opt-in report streams in `--streams` and the config file: `report_<dataset id>` for one of the
 * workspace's reporting datasets (which exist only at run time: `intercom-sync reports` lists them), or
 * `reports` for every one of them.
 */
import type { StreamName } from "./catalog.ts";

export const ALL_REPORTS = "reports";

/**
 * The standard reporting datasets: the API descriptions' example (`conversation`) and the others Intercom's
 * reporting export is known to offer (as issue 24 lists them, and the fake serves them). Shell completion offers
 * these, since it cannot ask the workspace; a workspace may have others, and `intercom-sync reports` lists its own.
 */
export const DOCUMENTED_REPORT_DATASETS = [
  "conversation",
  "conversation_sla_status_log",
  "teammate_handling_conversation",
  "admin_status_change",
  "tickets",
] as const;

/** `reports`, then `report_<dataset>` for each documented dataset: the report names completion offers. */
export const DOCUMENTED_REPORT_STREAMS: readonly string[] = [ALL_REPORTS, ...DOCUMENTED_REPORT_DATASETS.map((id) => `report_${id}`)];
const REPORT_NAME = /^report_[a-z0-9_]+$/;

export function isReportStreamName(name: string): boolean {
  return name === ALL_REPORTS || REPORT_NAME.test(name);
}

export interface SplitStreamNames {
  /** The catalog's streams named; undefined when none were named at all (the default set). */
  catalog: StreamName[] | undefined;
  /** The reporting datasets named, "all" for `reports`; undefined when none. */
  datasets: "all" | string[] | undefined;
}

/** `contacts,report_conversation` → the catalog's streams and the datasets. */
export function splitStreamNames(names: readonly string[] | undefined): SplitStreamNames {
  if (!names || names.length === 0) return { catalog: undefined, datasets: undefined };
  const reports = names.filter(isReportStreamName);
  const catalog = names.filter((name) => !isReportStreamName(name)) as StreamName[];
  const datasets = reports.length === 0 ? undefined : reports.includes(ALL_REPORTS) ? "all" : reports.map((name) => name.slice("report_".length));
  return { catalog, datasets };
}
