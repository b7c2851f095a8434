/**
 * The columns of a stream's snapshot file (Parquet, CSV), derived from its StreamInfo alone, and each row's values.
 *
 * Columns, in order: the primary key column(s), the cursor column, every top-level property of the schema (typed:
 * integers, floats, booleans, strings, `unix-time` integers as UTC timestamps, objects and lists as JSON text),
 * `data` (the whole record as JSON), `_synced_at` and `_deleted_at` (timestamps; `_deleted_at` is NULL while the
 * record lives, as in the SQLite table the snapshot is made from).
 *
 * @example
 * const columns = snapshotColumns(streamInfo);
 * const values = columns.map((column) => snapshotValue(column, record, row));
 */
import type { JsonSchema, JsonSchemaType } from "../schema/json-schema.ts";
import { CUSTOM_PREFIX, type CustomAttribute } from "./custom-attributes.ts";
import type { SnapshotKind } from "./snapshot-kind.ts";
import { DATA_COLUMN, DELETED_AT_COLUMN, SYNCED_AT_COLUMN } from "./table-layout.ts";
import type { JsonRecord, StreamInfo } from "./types.ts";

export type { SnapshotKind };

export interface SnapshotColumn {
  name: string;
  kind: SnapshotKind;
  /**
   * `field`: the record's top-level property of the same name; `custom`: its `custom_attributes.<attribute>`;
   * the others come from the stored row.
   */
  source: "field" | "custom" | "data" | "synced_at" | "deleted_at";
  attribute?: string;
}

/** The stored row a snapshot row is made from: the record and the sink's bookkeeping (unix seconds). */
export interface StoredRow {
  record: JsonRecord;
  data: string;
  syncedAt: number;
  deletedAt: number | null;
}

/** A snapshot value: what Parquet and CSV writers take (bigint for INT64, Date for timestamps). */
export type SnapshotValue = string | number | bigint | boolean | Date | null;

/** `custom`: the stream's custom attributes (custom-attributes.ts), each a `custom_<name>` column before `data`. */
export function snapshotColumns(stream: StreamInfo, custom: readonly CustomAttribute[] = []): SnapshotColumn[] {
  const properties = stream.schema.properties ?? {};
  const columns: SnapshotColumn[] = [];
  // DuckDB, pandas' CSV reader and most warehouses match column names case-insensitively.
  const taken = new Set([DATA_COLUMN, SYNCED_AT_COLUMN, DELETED_AT_COLUMN]);
  const add = (name: string) => {
    if (taken.has(name.toLowerCase())) return;
    taken.add(name.toLowerCase());
    columns.push({ name, kind: propertyKind(properties[name]), source: "field" });
  };
  for (const key of stream.primaryKey) add(key);
  if (stream.cursorField !== undefined) add(stream.cursorField);
  for (const name of Object.keys(properties)) add(name);
  for (const attribute of custom) {
    const name = `${CUSTOM_PREFIX}${attribute.name}`;
    if (taken.has(name.toLowerCase())) continue;
    taken.add(name.toLowerCase());
    columns.push({ name, kind: attribute.kind, source: "custom", attribute: attribute.name });
  }
  columns.push({ name: DATA_COLUMN, kind: "json", source: "data" });
  columns.push({ name: SYNCED_AT_COLUMN, kind: "timestamp", source: "synced_at" });
  columns.push({ name: DELETED_AT_COLUMN, kind: "timestamp", source: "deleted_at" });
  return columns;
}

/** The column kind of one schema property: scalars typed, anything else (or several types) as text. */
export function propertyKind(schema: JsonSchema | undefined): SnapshotKind {
  if (schema === undefined) return "json";
  const types = new Set<JsonSchemaType>();
  for (const branch of schema.anyOf ?? [schema]) {
    const declared = branch.type === undefined ? [] : Array.isArray(branch.type) ? branch.type : [branch.type];
    if (declared.length === 0) return "json";
    for (const type of declared) if (type !== "null") types.add(type);
  }
  if (types.size === 0 || types.has("object") || types.has("array")) return "json";
  if (types.size === 2 && types.has("integer") && types.has("number")) return "float";
  if (types.size > 1) return "string";
  const [only] = types;
  if (only === "integer") return schema.format === "unix-time" ? "timestamp" : "integer";
  if (only === "number") return "float";
  if (only === "boolean") return "boolean";
  return "string";
}

/** One cell. A value that does not fit its column's type is NULL there (it stays in `data`). */
export function snapshotValue(column: SnapshotColumn, row: StoredRow): SnapshotValue {
  switch (column.source) {
    case "data":
      return row.data;
    case "synced_at":
      return secondsToDate(row.syncedAt);
    case "deleted_at":
      return row.deletedAt === null ? null : secondsToDate(row.deletedAt);
    case "field":
      return fieldValue(column.kind, row.record[column.name]);
    case "custom": {
      const custom = row.record.custom_attributes;
      return typeof custom === "object" && custom !== null ? fieldValue(column.kind, (custom as JsonRecord)[column.attribute!]) : null;
    }
  }
}

export function fieldValue(kind: SnapshotKind, value: unknown): SnapshotValue {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case "integer":
      return typeof value === "number" && Number.isSafeInteger(value) ? BigInt(value) : null;
    case "float":
      return typeof value === "number" && Number.isFinite(value) ? value : null;
    case "boolean":
      return typeof value === "boolean" ? value : null;
    case "timestamp":
      if (typeof value === "number" && Number.isFinite(value)) return secondsToDate(value);
      // A custom date attribute set as text ("2026-10-01"): a timestamp when it reads as one.
      return typeof value === "string" && !Number.isNaN(Date.parse(value)) ? new Date(Date.parse(value)) : null;
    case "string":
      return typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value);
    case "json":
      return JSON.stringify(value);
  }
}

function secondsToDate(seconds: number): Date {
  return new Date(Math.round(seconds * 1000));
}
