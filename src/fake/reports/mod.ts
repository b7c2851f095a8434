/**
 * What tests and `demo` need of the fake's reporting export: its datasets, the rows a correct client must read
 * back from a window (typed, times in UTC), and the jobs' statistics (the most ever pending, refusals, failures).
 */
import type { ApiVersion } from "../../api-versions.ts";
import type { FakeWorkspace } from "../types.ts";
import type { Workspace } from "../workspace.ts";
import { DEFAULT_REPORT_BEHAVIOUR, type FakeReportBehaviour } from "./behaviour.ts";
import { fakeDataset, rowIndices } from "./datasets.ts";
import { removedRows, rowKey } from "./removed-rows.ts";
import { reportJobs, type ReportJobStats } from "./jobs.ts";
import { typedRows, type TypedValue } from "./table.ts";

export type { FakeReportBehaviour } from "./behaviour.ts";
export { FAKE_DATASETS, RETENTION_SECONDS } from "./datasets.ts";
export type { ReportJobStats } from "./jobs.ts";
export type { TypedValue } from "./table.ts";

/**
 * The rows an export of `datasetId` over [start, end) holds as of the workspace's clock, keyed by attribute
 * qualified id (a team or teammate also `<qualified id>_raw_id`). Every attribute unless `qualifiedIds` names some.
 */
export function expectedReportRows(
  workspace: FakeWorkspace,
  datasetId: string,
  start: number,
  end: number,
  options: { qualifiedIds?: string[]; version?: ApiVersion; language?: FakeReportBehaviour["language"] } = {},
): Record<string, TypedValue>[] {
  const ws = workspace as Workspace;
  const dataset = fakeDataset(datasetId);
  if (!dataset) throw new Error(`the fake has no reporting dataset ${datasetId}`);
  const attributes = options.qualifiedIds ? dataset.attributes.filter((a) => options.qualifiedIds!.includes(a.qualifiedId)) : dataset.attributes;
  const request = {
    dataset,
    attributes,
    start,
    end,
    now: ws.now,
    version: options.version ?? "2.16",
    language: options.language ?? DEFAULT_REPORT_BEHAVIOUR.language,
    removed: removedRows(ws),
  };
  return [...typedRows(ws.ctx, request)];
}

export function reportJobStats(workspace: FakeWorkspace): ReportJobStats {
  return reportJobs(workspace as Workspace).stats;
}

/** Takes every row of `datasetId` in [start, end) out of the workspace (as deleting their conversations would); returns how many. */
export function removeReportRows(workspace: FakeWorkspace, datasetId: string, start: number, end: number): number {
  const ws = workspace as Workspace;
  const dataset = fakeDataset(datasetId);
  if (!dataset) throw new Error(`the fake has no reporting dataset ${datasetId}`);
  let n = 0;
  for (const k of rowIndices(ws.ctx, dataset, start, end, ws.now)) {
    removedRows(ws).add(rowKey(datasetId, k));
    n++;
  }
  return n;
}
