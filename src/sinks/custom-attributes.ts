/**
 * Custom attributes as typed columns: the data-attribute streams list each model's custom attributes (`name`,
 * `data_type`), and each becomes a column `custom_<name>` of its model's stream, read from the record's
 * `custom_attributes.<name>`. The list is read from the output's own table of the attribute stream each time the
 * columns are made (the end of every run), so an attribute added in Intercom gets its column and one archived or
 * deleted loses it, without a rebuild; a stream whose attribute stream was never synced gets none.
 *
 * @example
 * customAttributes(db, "contacts") // [{ name: "plan", kind: "string" }, { name: "seats", kind: "integer" }, …]
 */
import type { SqliteDatabase } from "../runtime/types.ts";
import type { SnapshotKind } from "./snapshot-kind.ts";
import { quoteIdentifier } from "./table-layout.ts";

/** Which stream lists the custom attributes of which. */
export const ATTRIBUTE_STREAMS: Readonly<Record<string, string>> = {
  contacts: "contact_attributes",
  companies: "company_attributes",
  conversations: "conversation_attributes",
};

export interface CustomAttribute {
  /** The key in the record's `custom_attributes`. */
  name: string;
  kind: SnapshotKind;
}

export const CUSTOM_PREFIX = "custom_";

/** Intercom's data_type → the column's kind: string, integer, float, boolean, date (a timestamp); else JSON text. */
export function customAttributeKind(dataType: unknown): SnapshotKind {
  switch (dataType) {
    case "string":
      return "string";
    case "integer":
      return "integer";
    case "float":
      return "float";
    case "boolean":
      return "boolean";
    case "date":
      return "timestamp";
    default:
      return "json";
  }
}

/** The live, unarchived custom attributes of `stream` as its output's attribute table holds them; none without one. */
export function customAttributes(db: SqliteDatabase, stream: string): CustomAttribute[] {
  const table = ATTRIBUTE_STREAMS[stream];
  if (table === undefined) return [];
  const exists = db.prepare("SELECT 1 AS yes FROM sqlite_master WHERE type = 'table' AND name = ?").get(table);
  if (exists === undefined) return [];
  const attributes: CustomAttribute[] = [];
  const seen = new Set<string>();
  for (const row of db.prepare(`SELECT data FROM ${quoteIdentifier(table)} WHERE _deleted_at IS NULL ORDER BY rowid`).all()) {
    const attribute = JSON.parse(String(row.data)) as Record<string, unknown>;
    if (attribute.custom !== true || attribute.archived === true || typeof attribute.name !== "string") continue;
    // Column names match case-insensitively in most readers: the first of two names differing in case wins.
    if (seen.has(attribute.name.toLowerCase())) continue;
    seen.add(attribute.name.toLowerCase());
    attributes.push({ name: attribute.name, kind: customAttributeKind(attribute.data_type) });
  }
  return attributes;
}
