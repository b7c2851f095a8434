/**
 * One record → the bound values of its upsert row, in layout column order. A record that does not match its
 * schema is still written (a column gets whatever the record holds, objects as JSON text), never dropped.
 */
import { InvalidRecordError } from "../errors.ts";
import type { SqlValue } from "../runtime/types.ts";
import type { TableLayout } from "./table-layout.ts";
import type { JsonRecord } from "./types.ts";

export function rowValues(layout: TableLayout, record: JsonRecord, syncedAtSeconds: number): SqlValue[] {
  for (const key of layout.primaryKey) {
    const value = record[key];
    if (value === undefined || value === null) {
      throw new InvalidRecordError(`a ${layout.table} record has no value for its primary key field "${key}"`);
    }
  }
  return layout.columns.map((column) => {
    switch (column.source) {
      case "data":
        return toJson(record);
      case "synced_at":
        return syncedAtSeconds;
      case "deleted_at":
        return null; // written again: the record lives (a re-created id comes back)
      case "field":
        return toSqlValue(record[column.name]);
    }
  });
}

export function toSqlValue(value: unknown): SqlValue {
  switch (typeof value) {
    case "string":
    case "bigint":
      return value;
    case "number":
      // JSON has no NaN or Infinity; store what JSON.stringify would.
      return Number.isFinite(value) ? value : null;
    case "boolean":
      return value ? 1 : 0;
    case "object":
      return value === null ? null : toJson(value);
    default:
      return null; // undefined, functions, symbols: absent
  }
}

/**
 * JSON text of a value. Records parsed from JSON hold no bigint, and a replacer function takes JSON.stringify off
 * its fast path (about 6× slower, the largest cost of a write), so the replacer runs only when a bigint throws.
 */
function toJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    return JSON.stringify(value, (_key, inner: unknown) => (typeof inner === "bigint" ? inner.toString() : inner));
  }
}
