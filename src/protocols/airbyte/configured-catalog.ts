/**
 * The configured catalog `read --catalog` receives: which streams to read and, per stream, full_refresh or
 * incremental. Streams are returned in our catalog order; a full_refresh stream ignores its saved state. A stream
 * whose `json_schema` lists fewer properties than discover declares (the platform's field selection) gets records
 * with only those top-level fields, plus its key, its cursor and `_ab_cdc_deleted_at` (field-selection.ts): what
 * the platform itself does to a source's records (airbytehq/airbyte#2464), whose UI never lets the key or the
 * cursor be deselected (airbytehq/airbyte#20481).
 */
import * as v from "valibot";
import { ConfigError } from "../../errors.ts";
import { streamByName } from "../../streams/catalog.ts";
import { ALL_REPORTS, isReportStreamName } from "../../streams/report-names.ts";
import { selectStreams } from "../../streams/select.ts";
import { keyDiffCursor, protocolCursor } from "../../streams/sync-modes.ts";
import type { StreamName } from "../../streams/catalog.ts";
import type { StreamDefinition } from "../../streams/types.ts";
import { AIRBYTE_DELETED_AT } from "../deleted-field.ts";
import { automaticFields, type FieldSelections } from "../field-selection.ts";
import { protocolStreamInfo } from "../stream-info.ts";
import { parseWith, readJsonFile } from "./json-file.ts";

const ConfiguredCatalogSchema = v.looseObject({
  streams: v.array(
    v.looseObject({
      stream: v.looseObject({
        name: v.string("must be a string"),
        json_schema: v.optional(v.looseObject({ properties: v.optional(v.record(v.string(), v.unknown(), "must be an object")) })),
      }),
      sync_mode: v.optional(v.picklist(["full_refresh", "incremental"], "must be full_refresh or incremental"), "incremental"),
    }),
    "must be an array",
  ),
});

export interface ConfiguredCatalog {
  streams: StreamDefinition[];
  /** Streams to read from the beginning (or start_date), whatever the state says. */
  fullRefresh: Set<string>;
  /** Streams the catalog asks incrementally although every run reads them whole (discover says full_refresh). */
  servedInFull: string[];
  /** The fields of each stream whose json_schema leaves some out. */
  fields: FieldSelections;
  /** Streams read whole asked incrementally: only what is new since the last read is sent (sync-modes.ts keyDiffCursor). */
  newRecordsOnly: Set<string>;
  /** The report_<dataset> streams selected (the workspace's reporting datasets, which discover lists). */
  reportDatasets: string[];
}

export function parseConfiguredCatalog(value: unknown): ConfiguredCatalog {
  const catalog = parseWith(ConfiguredCatalogSchema, value, "configured catalog");
  const all = catalog.streams.map((entry) => entry.stream.name);
  // Report streams are the workspace's: the run checks them against its datasets.
  const reportNames = all.filter((name) => streamByName(name) === undefined && isReportStreamName(name) && name !== ALL_REPORTS);
  const names = all.filter((name) => !reportNames.includes(name));
  const unknown = names.filter((name) => streamByName(name) === undefined);
  if (unknown.length > 0) throw new ConfigError(`the configured catalog names unknown streams: ${unknown.join(", ")} (run discover for the list)`);
  if (all.length === 0) throw new ConfigError("the configured catalog selects no streams");
  const fullRefresh = new Set<string>();
  const servedInFull: string[] = [];
  const fields = new Map<string, Set<string>>();
  const newRecordsOnly = new Set<string>();
  for (const entry of catalog.streams) {
    const stream = streamByName(entry.stream.name);
    if (!stream) {
      if (entry.sync_mode !== "incremental") fullRefresh.add(entry.stream.name);
      continue;
    }
    const kept = configuredFields(stream, entry.stream.json_schema?.properties);
    if (kept !== undefined) fields.set(stream.name, kept);
    const supported = protocolCursor(stream) !== undefined;
    if (entry.sync_mode === "incremental" && !supported) servedInFull.push(entry.stream.name);
    if (entry.sync_mode !== "incremental" || !supported) fullRefresh.add(entry.stream.name);
    else if (keyDiffCursor(stream) !== undefined) newRecordsOnly.add(entry.stream.name);
  }
  const streams = names.length > 0 ? selectStreams(names as StreamName[]) : [];
  return { streams, fullRefresh, servedInFull, fields, newRecordsOnly, reportDatasets: reportNames.map((name) => name.slice("report_".length)) };
}

/** The fields a configured json_schema keeps, or undefined when it keeps every declared one (or lists none). */
function configuredFields(stream: StreamDefinition, properties: Record<string, unknown> | undefined): Set<string> | undefined {
  if (properties === undefined) return undefined;
  const info = protocolStreamInfo(stream, AIRBYTE_DELETED_AT);
  const declared = Object.keys(info.schema.properties ?? {});
  const kept = new Set([...automaticFields(info, AIRBYTE_DELETED_AT), ...declared.filter((field) => field in properties)]);
  return declared.every((field) => kept.has(field)) ? undefined : kept;
}

export async function loadConfiguredCatalog(path: string): Promise<ConfiguredCatalog> {
  return parseConfiguredCatalog(await readJsonFile(path, "catalog file"));
}
