/**
 * Singer catalogs: the one `--discover` prints, and the one `--catalog`/`--properties` hands back with the
 * user's choices. Metadata follows the Singer spec (singer-io/getting-started, docs/DISCOVERY_MODE.md): per stream
 * `selected`, `inclusion`, `table-key-properties`, `valid-replication-keys`, `forced-replication-method`; per
 * property `inclusion` (`automatic` for keys, the replication key and the deletion marker `_sdc_deleted_at`).
 * The catalog handed back selects streams and fields (singer-io/getting-started SYNC_MODE.md "Stream/Field
 * Selection"; the order of the rules as the Meltano SDK applies them): a field is sent when it is automatic; never
 * when `unsupported`; else as its `selected` says, else its `selected-by-default`, else as its stream is.
 */
import * as v from "valibot";
import { ConfigError } from "../../errors.ts";
import type { JsonSchema } from "../../schema/json-schema.ts";
import { streamByName, STREAMS } from "../../streams/catalog.ts";
import { selectStreams } from "../../streams/select.ts";
import type { StreamName } from "../../streams/catalog.ts";
import { keyDiffCursor } from "../../streams/sync-modes.ts";
import type { StreamDefinition } from "../../streams/types.ts";
import { parseWith, readJsonFile } from "../airbyte/json-file.ts";
import { SINGER_DELETED_AT } from "../deleted-field.ts";
import { automaticFields, type FieldSelections } from "../field-selection.ts";
import { protocolStreamInfo } from "../stream-info.ts";

export interface SingerMetadata {
  breadcrumb: string[];
  metadata: Record<string, unknown>;
}

export interface SingerCatalogEntry {
  tap_stream_id: string;
  stream: string;
  schema: JsonSchema;
  key_properties: string[];
  metadata: SingerMetadata[];
}

export function singerCatalog(): { streams: SingerCatalogEntry[] } {
  return { streams: STREAMS.map(catalogEntry) };
}

function catalogEntry(stream: StreamDefinition): SingerCatalogEntry {
  const info = protocolStreamInfo(stream, SINGER_DELETED_AT);
  const replicationKey = info.cursorField;
  const automatic = new Set(automaticFields(info, SINGER_DELETED_AT));
  const properties = Object.keys((info.schema as { properties?: Record<string, unknown> }).properties ?? {});
  return {
    tap_stream_id: stream.name,
    stream: stream.name,
    schema: info.schema,
    key_properties: info.primaryKey,
    metadata: [
      {
        breadcrumb: [],
        metadata: {
          // `selected` is the user's (Meltano's `select` rules); the tap only suggests. Opt-in streams (a request per
          // parent record) are not suggested.
          "selected-by-default": !stream.optIn,
          inclusion: "available",
          "table-key-properties": info.primaryKey,
          ...(replicationKey ? { "valid-replication-keys": [replicationKey] } : {}),
          "forced-replication-method": replicationKey ? "INCREMENTAL" : "FULL_TABLE",
          ...(stream.parent ? { "parent-tap-stream-id": stream.parent.stream } : {}),
        },
      },
      ...properties.map((name) => ({
        breadcrumb: ["properties", name],
        metadata: { inclusion: automatic.has(name) ? "automatic" : "available" },
      })),
    ],
  };
}

const InputCatalogSchema = v.looseObject({
  streams: v.array(
    v.looseObject({
      tap_stream_id: v.optional(v.string("must be a string")),
      stream: v.optional(v.string("must be a string")),
      schema: v.optional(v.looseObject({ selected: v.optional(v.boolean("must be true or false")) })),
      metadata: v.optional(
        v.array(v.looseObject({ breadcrumb: v.array(v.string()), metadata: v.looseObject({}) }), "must be an array of {breadcrumb, metadata}"),
      ),
    }),
    "must be an array",
  ),
});

export interface SelectedStreams {
  streams: StreamDefinition[];
  /** Streams whose catalog entry asks `replication-method: FULL_TABLE`: their bookmark is not used. */
  fullRefresh: Set<string>;
  /** The fields of each stream some of whose fields are deselected. */
  fields: FieldSelections;
}

/** Selected streams read whole but served incrementally (company_segments, unless FULL_TABLE): only what is new is sent. */
export function newRecordsOnly(selection: SelectedStreams): Set<string> {
  return new Set(
    selection.streams.filter((stream) => keyDiffCursor(stream) !== undefined && !selection.fullRefresh.has(stream.name)).map((stream) => stream.name),
  );
}

/** The streams the catalog selects; unknown streams and a catalog selecting nothing are configuration errors. */
export function parseSelection(value: unknown): SelectedStreams {
  const catalog = parseWith(InputCatalogSchema, value, "catalog");
  const names: string[] = [];
  const fullRefresh = new Set<string>();
  const fields = new Map<string, Set<string>>();
  const unknown: string[] = [];
  for (const entry of catalog.streams) {
    const name = entry.tap_stream_id ?? entry.stream;
    if (name === undefined) throw new ConfigError("the catalog holds a stream without tap_stream_id or stream");
    const root: Record<string, unknown> = entry.metadata?.find((item) => item.breadcrumb.length === 0)?.metadata ?? {};
    // Singer: metadata `selected` decides; older catalogs mark `schema.selected`; `selected-by-default` last.
    const selected = root.selected ?? entry.schema?.selected ?? root["selected-by-default"];
    if (selected !== true) continue;
    if (streamByName(name) === undefined) unknown.push(name);
    names.push(name);
    if (root["replication-method"] === "FULL_TABLE") fullRefresh.add(name);
    const stream = streamByName(name);
    const kept = stream && selectedFields(stream, entry.metadata ?? [], entry.schema);
    if (kept !== undefined) fields.set(name, kept);
  }
  if (unknown.length > 0) throw new ConfigError(`the catalog selects unknown streams: ${unknown.join(", ")} (run --discover for the list)`);
  if (names.length === 0) throw new ConfigError('the catalog selects no streams: set "selected": true in a stream\'s metadata (breadcrumb [])');
  return { streams: selectStreams(names as StreamName[]), fullRefresh, fields };
}

type PropertyMetadata = Record<string, unknown>;

/**
 * The top-level fields of a selected stream its catalog entry keeps, or undefined when it keeps them all. A
 * deeper breadcrumb (`properties/location/properties/city`) is not a top-level decision: its top-level field
 * follows its own metadata, and is sent whole.
 */
function selectedFields(stream: StreamDefinition, metadata: readonly SingerMetadata[], schema: unknown): Set<string> | undefined {
  const info = protocolStreamInfo(stream, SINGER_DELETED_AT);
  const automatic = new Set(automaticFields(info, SINGER_DELETED_AT));
  const byField = new Map<string, PropertyMetadata>();
  for (const item of metadata) {
    if (item.breadcrumb.length === 2 && item.breadcrumb[0] === "properties") byField.set(item.breadcrumb[1]!, item.metadata);
  }
  // Older catalogs mark a property `"selected": true|false` in the schema itself.
  const legacy = (field: string) => (schema as { properties?: Record<string, { selected?: unknown }> } | undefined)?.properties?.[field]?.selected;
  const all = Object.keys(info.schema.properties ?? {});
  const kept = all.filter((field) => automatic.has(field) || isSelected(byField.get(field) ?? {}, legacy(field)));
  return kept.length === all.length ? undefined : new Set(kept);
}

function isSelected(metadata: PropertyMetadata, legacySelected: unknown): boolean {
  if (metadata.inclusion === "unsupported") return false;
  if (metadata.inclusion === "automatic") return true;
  const selected = metadata.selected ?? legacySelected;
  if (typeof selected === "boolean") return selected;
  const byDefault = metadata["selected-by-default"];
  return typeof byDefault === "boolean" ? byDefault : true; // as the stream is: selected
}

export async function loadSelection(path: string): Promise<SelectedStreams> {
  return parseSelection(await readJsonFile(path, "catalog file"));
}
