/**
 * The SQLite table a stream is written to, derived from its StreamInfo alone.
 *
 * Columns, in order: the primary key column(s), the cursor column, every top-level scalar property of the
 * schema (typed), `data` (the whole record as JSON), `_synced_at` (unix seconds) and `_deleted_at` (unix seconds
 * when Intercom deleted the record, NULL while it lives; `<table>_live` is the view of live rows). Anything that is not a
 * scalar column is still in `data`, so a field Intercom adds later needs no migration.
 *
 * @example
 * const layout = tableLayout({ name: "contacts", primaryKey: ["id"], cursorField: "updated_at", schema });
 * db.exec(createTableSql(layout));
 */
import type { JsonSchema, JsonSchemaType } from "../schema/json-schema.ts";
import type { StreamInfo } from "./types.ts";

/** Bump when the table shape changes in a way ALTER TABLE ADD COLUMN cannot absorb. */
export const LAYOUT_VERSION = 1;

/** `""` declares no type: SQLite keeps values as given (used when the schema does not say, or says several). */
export type ColumnType = "TEXT" | "INTEGER" | "REAL" | "";

export interface Column {
  name: string;
  type: ColumnType;
  /** `field`: copied from the record's top-level property of the same name. */
  source: "field" | "data" | "synced_at" | "deleted_at";
}

export interface TableLayout {
  table: string;
  primaryKey: string[];
  columns: Column[];
}

export const DATA_COLUMN = "data";
export const SYNCED_AT_COLUMN = "_synced_at";
/** Unix seconds when Intercom deleted the row's record; NULL while it lives. Every upsert sets it back to NULL. */
export const DELETED_AT_COLUMN = "_deleted_at";
/** The view of a table's live rows: `<table>_live`. */
export function liveViewName(table: string): string {
  return `${table}_live`;
}
/** Tables the sink keeps for itself; no stream may take these names. */
export const RESERVED_TABLES = ["_meta", "_sync_runs"] as const;

/** Derive the table for one stream. Throws when the stream cannot be laid out (no key, reserved name). */
export function tableLayout(stream: StreamInfo): TableLayout {
  if (stream.primaryKey.length === 0) {
    throw new Error(`stream "${stream.name}" has no primary key, so its rows could not be upserted`);
  }
  if ((RESERVED_TABLES as readonly string[]).includes(stream.name)) {
    throw new Error(`stream name "${stream.name}" is reserved for the sink's own bookkeeping table`);
  }
  const properties = stream.schema.properties ?? {};
  const columns: Column[] = [];
  // SQLite column names are case-insensitive: "Id" and "id" would collide.
  const taken = new Set([DATA_COLUMN, SYNCED_AT_COLUMN, DELETED_AT_COLUMN]);
  const add = (name: string, type: ColumnType) => {
    if (taken.has(name.toLowerCase())) return;
    taken.add(name.toLowerCase());
    columns.push({ name, type, source: "field" });
  };

  for (const key of stream.primaryKey) {
    if (taken.has(key.toLowerCase())) {
      throw new Error(`stream "${stream.name}": primary key column "${key}" collides with another column`);
    }
    add(key, scalarType(properties[key]) ?? "");
  }
  if (stream.cursorField !== undefined) add(stream.cursorField, scalarType(properties[stream.cursorField]) ?? "");
  for (const [name, schema] of Object.entries(properties)) {
    const type = scalarType(schema);
    if (type !== undefined) add(name, type);
  }
  columns.push({ name: DATA_COLUMN, type: "TEXT", source: "data" });
  columns.push({ name: SYNCED_AT_COLUMN, type: "INTEGER", source: "synced_at" });
  columns.push({ name: DELETED_AT_COLUMN, type: "INTEGER", source: "deleted_at" });
  return { table: stream.name, primaryKey: [...stream.primaryKey], columns };
}

/**
 * The column type for a scalar property, or undefined when the property is not scalar (objects, arrays,
 * unknown): those live only in `data`. Nullability does not matter, every non-key column allows NULL.
 */
export function scalarType(schema: JsonSchema | undefined): ColumnType | undefined {
  if (schema === undefined) return undefined;
  const types = new Set<JsonSchemaType>();
  for (const branch of schema.anyOf ?? [schema]) {
    const declared = branch.type === undefined ? [] : Array.isArray(branch.type) ? branch.type : [branch.type];
    if (declared.length === 0) return undefined;
    for (const type of declared) if (type !== "null") types.add(type);
  }
  if (types.size === 0 || types.has("object") || types.has("array")) return undefined;
  if (types.size === 1) {
    const [only] = types;
    return only === "string" ? "TEXT" : only === "number" ? "REAL" : "INTEGER"; // integer, boolean (0/1)
  }
  if (types.size === 2 && types.has("integer") && types.has("number")) return "REAL";
  return "";
}

/** Quote an identifier for SQL: double quotes, inner quotes doubled. */
export function quoteIdentifier(name: string): string {
  if (name.includes("\0")) throw new Error(`identifier ${JSON.stringify(name)} contains a NUL character`);
  return `"${name.replaceAll('"', '""')}"`;
}

export function columnDefinition(column: Column, layout: TableLayout): string {
  const type = column.type === "" ? "" : ` ${column.type}`;
  // Without NOT NULL, SQLite accepts NULL in a (non-INTEGER) primary key and duplicates would slip in.
  const required = column.source === "data" || column.source === "synced_at";
  const notNull = layout.primaryKey.includes(column.name) || required ? " NOT NULL" : "";
  return `${quoteIdentifier(column.name)}${type}${notNull}`;
}

export function createTableSql(layout: TableLayout): string {
  const definitions = layout.columns.map((column) => columnDefinition(column, layout));
  definitions.push(`PRIMARY KEY (${layout.primaryKey.map(quoteIdentifier).join(", ")})`);
  return `CREATE TABLE ${quoteIdentifier(layout.table)} (\n  ${definitions.join(",\n  ")}\n)`;
}

/** One upsert per row: a re-synced record replaces the stored one in place, every column updated. */
export function upsertSql(layout: TableLayout): string {
  const names = layout.columns.map((column) => quoteIdentifier(column.name));
  const keys = layout.primaryKey.map(quoteIdentifier);
  const updates = names.filter((name) => !keys.includes(name)).map((name) => `${name} = excluded.${name}`);
  return (
    `INSERT INTO ${quoteIdentifier(layout.table)} (${names.join(", ")}) ` +
    `VALUES (${names.map(() => "?").join(", ")}) ` +
    `ON CONFLICT (${keys.join(", ")}) DO UPDATE SET ${updates.join(", ")}`
  );
}

/** The live rows of a table: those Intercom has not deleted. */
export function createLiveViewSql(layout: TableLayout): string {
  return (
    `CREATE VIEW IF NOT EXISTS ${quoteIdentifier(liveViewName(layout.table))} AS ` +
    `SELECT * FROM ${quoteIdentifier(layout.table)} WHERE ${DELETED_AT_COLUMN} IS NULL`
  );
}

/** Marks rows deleted whose `fields` equal the bound values; a row already marked keeps its first time. */
export function markDeletedSql(table: string, fields: readonly string[]): string {
  const where = fields.map((field) => `${quoteIdentifier(field)} = ?`).join(" AND ");
  return `UPDATE ${quoteIdentifier(table)} SET ${DELETED_AT_COLUMN} = ? WHERE ${where} AND ${DELETED_AT_COLUMN} IS NULL`;
}
