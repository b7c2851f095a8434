/**
 * SQLite: a view per stream with custom attributes, `<table>_custom` (`contacts_custom`): every column of the
 * table plus one `custom_<name>` column per custom attribute (custom-attributes.ts), typed by its data_type
 * (integers, REAL, booleans 0/1, dates as INTEGER unix seconds like the table's timestamps, text; lists and objects
 * as JSON text).
 *
 * A view rather than columns: it is redefined at the end of every run from the attribute table, so an attribute
 * added or removed in Intercom changes the view without an ALTER TABLE, a backfill of the stored rows or a table
 * rebuild (SQLite cannot drop a column cheaply), and the values always come from `data`, never out of step with it.
 */
import type { SqliteDatabase } from "../runtime/types.ts";
import { ATTRIBUTE_STREAMS, CUSTOM_PREFIX, type CustomAttribute, customAttributes } from "./custom-attributes.ts";
import { quoteIdentifier } from "./table-layout.ts";

export function customViewName(table: string): string {
  return `${table}_custom`;
}

/** (Re)create the custom-attribute view of each of `tables` that has an attribute stream. */
export function refreshCustomViews(db: SqliteDatabase, tables: Iterable<string>): void {
  for (const table of tables) {
    if (ATTRIBUTE_STREAMS[table] === undefined) continue;
    const view = quoteIdentifier(customViewName(table));
    db.exec(`DROP VIEW IF EXISTS ${view}`);
    const columns = db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table).map((row) => String(row.name).toLowerCase());
    const taken = new Set(columns);
    const expressions: string[] = [];
    for (const attribute of customAttributes(db, table)) {
      const name = `${CUSTOM_PREFIX}${attribute.name}`;
      // A JSON path cannot quote a name holding a double quote; such an attribute stays in `data`.
      if (attribute.name.includes('"') || taken.has(name.toLowerCase())) continue;
      taken.add(name.toLowerCase());
      expressions.push(`${columnExpression(attribute)} AS ${quoteIdentifier(name)}`);
    }
    db.exec(`CREATE VIEW ${view} AS SELECT *${expressions.map((e) => `, ${e}`).join("")} FROM ${quoteIdentifier(table)}`);
  }
}

function columnExpression(attribute: CustomAttribute): string {
  const path = `'$.custom_attributes."${attribute.name.replaceAll("'", "''")}"'`;
  const value = `json_extract(data, ${path})`;
  const type = `json_type(data, ${path})`;
  // A value not of its attribute's type is NULL here (as in Parquet); it stays in `data`.
  switch (attribute.kind) {
    case "integer":
      return `CASE ${type} WHEN 'integer' THEN ${value} END`;
    case "float":
      return `CASE WHEN ${type} IN ('integer', 'real') THEN CAST(${value} AS REAL) END`;
    case "boolean":
      return `CASE WHEN ${type} IN ('true', 'false') THEN ${value} END`;
    case "timestamp":
      // Unix seconds as Intercom sends dates; a date set as text ("2026-10-01") converted.
      return `CASE ${type} WHEN 'integer' THEN ${value} WHEN 'real' THEN CAST(${value} AS INTEGER) WHEN 'text' THEN unixepoch(${value}) END`;
    default:
      // Text as text, objects and lists as their JSON text: what json_extract gives.
      return value;
  }
}
