/**
 * The report streams a protocol catalog offers (Airbyte discover, Singer --discover): the workspace's reporting
 * datasets, listed with the config's token, each with its generated schema, key and cursor. A workspace whose
 * token cannot list them (no permission, no reporting) offers none, and says why in one line.
 */
import { listDatasets } from "../engine/reports/report-streams.ts";
import { reportSchema } from "../engine/reports/report-rows.ts";
import { reportStreamName, reportVersion } from "../engine/reports/report-settings.ts";
import { connect } from "../settings/connect.ts";
import type { Settings } from "../settings/schema.ts";
import type { StreamInfo } from "../sinks/types.ts";

export async function reportStreamInfos(settings: Settings, log: (message: string) => void): Promise<StreamInfo[]> {
  try {
    const { client } = connect(settings, { retries: "check", handleSignals: false });
    const datasets = await listDatasets(client, reportVersion(settings.intercomVersion));
    return datasets.map((dataset) => ({
      name: reportStreamName(dataset.id),
      primaryKey: ["_window_start", "_row"],
      cursorField: "_window_start",
      schema: reportSchema(dataset, dataset.attributes),
    }));
  } catch (error) {
    log(`the reporting datasets could not be listed, so no report_<dataset> stream is offered: ${(error as Error).message}`);
    return [];
  }
}

/** A report stream's saved state, when it is ours (`{"cursor": n, …}`): where it resumes. */
export function reportProgress(blob: unknown): { cursor: number } | undefined {
  const cursor = typeof blob === "object" && blob !== null ? (blob as { cursor?: unknown }).cursor : undefined;
  return typeof cursor === "number" && Number.isInteger(cursor) && cursor > 0 ? { cursor } : undefined;
}
