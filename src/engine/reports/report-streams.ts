/**
 * The report streams of a run, discovered from the workspace: GET /export/reporting_data/get_datasets, the
 * datasets the run asked for, the attributes of each (all, or the ones picked), their schemas, and the
 * workspace's time zone (GET /me app.timezone), which the export's local times are in.
 */
import { ConfigError } from "../../errors.ts";
import type { ApiClient } from "../../http/types.ts";
import type { StreamInfo } from "../../sinks/types.ts";
import { enqueueIds, type ReportAttribute, type ReportDataset } from "./dataset.ts";
import { reportSchema } from "./report-rows.ts";
import { type ReportRunOptions, reportStreamName } from "./report-settings.ts";

export interface ReportStream {
  name: string;
  dataset: ReportDataset;
  /** The attributes exported, in the order asked. */
  attributes: ReportAttribute[];
  /** What enqueue is sent. */
  attributeIds: string[];
  info: StreamInfo;
}

export interface DiscoveredReports {
  streams: ReportStream[];
  timeZone: string;
}

export async function listDatasets(client: ApiClient, intercomVersion: string, signal?: AbortSignal): Promise<ReportDataset[]> {
  const answer = await client.request<{ data?: ReportDataset[] }>({
    method: "GET",
    path: "/export/reporting_data/get_datasets",
    intercomVersion,
    signal,
  });
  return answer?.data ?? [];
}

export async function discoverReports(
  client: ApiClient,
  options: ReportRunOptions,
  intercomVersion: string,
  signal?: AbortSignal,
): Promise<DiscoveredReports> {
  const datasets = await listDatasets(client, intercomVersion, signal);
  const wanted = options.datasets === "all" ? datasets.map((d) => d.id) : options.datasets;
  const streams = wanted.map((id) => {
    const dataset = datasets.find((d) => d.id === id);
    if (!dataset) {
      throw new ConfigError(
        `stream ${reportStreamName(id)}: this workspace has no reporting dataset "${id}"; it has ${
          datasets.map((d) => d.id).join(", ")
        } (intercom-sync reports lists them)`,
      );
    }
    const attributes = pickAttributes(dataset, options.attributes?.[id]);
    const qualified = attributes.every((a) => a.qualified_id !== undefined);
    const name = reportStreamName(id);
    const info: StreamInfo = {
      name,
      primaryKey: ["_window_start", "_row"],
      cursorField: "_window_start",
      schema: reportSchema(dataset, attributes),
      // A re-exported window replaces the rows it held before (SQLite marks the old ones, in the same transaction).
      parent: { stream: `${name}_windows`, copy: { _window_start: "_window_start" } },
    };
    return { name, dataset, attributes, attributeIds: enqueueIds(attributes, qualified), info };
  });
  const me = await client.request<{ app?: { timezone?: string } }>({ method: "GET", path: "/me", signal });
  const timeZone = me?.app?.timezone || "UTC";
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
  } catch {
    throw new ConfigError(
      `the workspace's time zone ${
        JSON.stringify(timeZone)
      } (GET /me app.timezone) is not one this machine knows, so report times cannot be converted to UTC`,
    );
  }
  return { streams, timeZone };
}

/** The attributes of `dataset` to export: those `picked` (ids or qualified ids), every one when none is. */
export function pickAttributes(dataset: ReportDataset, picked: readonly string[] | undefined): ReportAttribute[] {
  if (!picked) return dataset.attributes;
  return picked.map((id) => {
    const found = dataset.attributes.find((a) => a.qualified_id === id) ?? dataset.attributes.find((a) => a.id === id);
    if (!found) {
      throw new ConfigError(
        `stream ${reportStreamName(dataset.id)}: the dataset has no attribute "${id}"; intercom-sync reports lists its attributes`,
      );
    }
    return found;
  });
}
