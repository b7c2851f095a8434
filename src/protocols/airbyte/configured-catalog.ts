/**
 * The configured catalog `read --catalog` receives: which streams to read and, per stream, full_refresh or
 * incremental. Streams are returned in our catalog order; a full_refresh stream ignores its saved state.
 */
import * as v from "valibot";
import { ConfigError } from "../../errors.ts";
import { streamByName } from "../../streams/catalog.ts";
import { selectStreams } from "../../streams/select.ts";
import { keyDiffCursor, protocolCursor } from "../../streams/sync-modes.ts";
import type { StreamName } from "../../streams/catalog.ts";
import type { StreamDefinition } from "../../streams/types.ts";
import { parseWith, readJsonFile } from "./json-file.ts";

const ConfiguredCatalogSchema = v.looseObject({
  streams: v.array(
    v.looseObject({
      stream: v.looseObject({ name: v.string("must be a string") }),
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
  /** Streams read whole asked incrementally: only what is new since the last read is sent (sync-modes.ts keyDiffCursor). */
  newRecordsOnly: Set<string>;
}

export function parseConfiguredCatalog(value: unknown): ConfiguredCatalog {
  const catalog = parseWith(ConfiguredCatalogSchema, value, "configured catalog");
  const names = catalog.streams.map((entry) => entry.stream.name);
  const unknown = names.filter((name) => streamByName(name) === undefined);
  if (unknown.length > 0) throw new ConfigError(`the configured catalog names unknown streams: ${unknown.join(", ")} (run discover for the list)`);
  if (names.length === 0) throw new ConfigError("the configured catalog selects no streams");
  const fullRefresh = new Set<string>();
  const servedInFull: string[] = [];
  const newRecordsOnly = new Set<string>();
  for (const entry of catalog.streams) {
    const stream = streamByName(entry.stream.name)!;
    const supported = protocolCursor(stream) !== undefined;
    if (entry.sync_mode === "incremental" && !supported) servedInFull.push(entry.stream.name);
    if (entry.sync_mode !== "incremental" || !supported) fullRefresh.add(entry.stream.name);
    else if (keyDiffCursor(stream) !== undefined) newRecordsOnly.add(entry.stream.name);
  }
  return { streams: selectStreams(names as StreamName[]), fullRefresh, servedInFull, newRecordsOnly };
}

export async function loadConfiguredCatalog(path: string): Promise<ConfiguredCatalog> {
  return parseConfiguredCatalog(await readJsonFile(path, "catalog file"));
}
