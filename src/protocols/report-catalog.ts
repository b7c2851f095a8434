/**
 * The report streams a protocol catalog offers (Airbyte discover, Singer --discover): the workspace's reporting
 * datasets, listed with the config's token, each with its generated schema, key and cursor. A workspace whose
 * token cannot list them (no permission, no reporting) offers none, and says why in one line.
 */
import * as v from "valibot";
import { ReportJobSchema } from "../engine/progress-schema.ts";
import type { StreamProgress } from "../engine/state-store.ts";
import { ConfigError } from "../errors.ts";
import { listDatasets, pickAttributes } from "../engine/reports/report-streams.ts";
import { reportSchema } from "../engine/reports/report-rows.ts";
import { type ReportRunOptions, reportStreamName, reportVersion } from "../engine/reports/report-settings.ts";
import { connect } from "../settings/connect.ts";
import type { Settings } from "../settings/schema.ts";
import type { StreamInfo } from "../sinks/types.ts";

/** The offered streams; `attributes` (the config's `report_attributes`) narrows their schemas as the read will. */
export async function reportStreamInfos(
  settings: Settings,
  log: (message: string) => void,
  attributes: ReportRunOptions["attributes"] = {},
): Promise<StreamInfo[]> {
  try {
    const { client } = connect(settings, { retries: "check", handleSignals: false });
    const datasets = await listDatasets(client, reportVersion(settings.intercomVersion));
    return datasets.map((dataset) => ({
      name: reportStreamName(dataset.id),
      primaryKey: ["_window_start", "_row"],
      cursorField: "_window_start",
      schema: reportSchema(dataset, pickAttributes(dataset, attributes[dataset.id])),
    }));
  } catch (error) {
    // An attribute the dataset lacks is the config's to fix, not a reason to offer nothing.
    if (error instanceof ConfigError) throw error;
    log(`the reporting datasets could not be listed, so no report_<dataset> stream is offered: ${(error as Error).message}`);
    return [];
  }
}

/**
 * A report stream's saved state, when it is ours (`{"cursor": n, …}`): where it resumes, and the jobs a killed
 * run left (re-used when still valid; a list that does not parse is dropped: the windows are enqueued again).
 */
export function reportProgress(blob: unknown): Pick<StreamProgress, "cursor" | "reportJobs"> | undefined {
  if (typeof blob !== "object" || blob === null) return undefined;
  const saved = blob as { cursor?: unknown; reportJobs?: unknown };
  const cursor = typeof saved.cursor === "number" && Number.isInteger(saved.cursor) && saved.cursor > 0 ? saved.cursor : undefined;
  const jobs = v.safeParse(v.array(ReportJobSchema), saved.reportJobs);
  const reportJobs = jobs.success && jobs.output.length > 0 ? jobs.output : undefined;
  if (cursor === undefined && reportJobs === undefined) return undefined;
  return { ...(cursor === undefined ? {} : { cursor }), ...(reportJobs === undefined ? {} : { reportJobs }) };
}
