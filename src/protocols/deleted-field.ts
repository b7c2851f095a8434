/**
 * How the Singer and Airbyte protocols carry a deletion: a RECORD holding the record's key and a deleted-at field
 * their destinations understand — `_sdc_deleted_at` (Singer, as the log-based taps write it) and
 * `_ab_cdc_deleted_at` (Airbyte's CDC convention) — an RFC 3339 time. A stream with a cursor gets the deletion
 * time there too (or the cursor the deletion names: Deletion.cursor), so a destination that dedupes by key and cursor
 * keeps the deletion over the older record.
 * A deletion naming only a parent (its list of links is now empty) gets "" for the key fields it does not name
 * (`primaryKey`): a destination that reads every key property finds one, and the schema's required fields hold.
 * @example
 * tombstoneRecord({ key: { id: "512" }, deletedAt: 1734537460 }, SINGER_DELETED_AT, "updated_at");
 * // { id: "512", updated_at: 1734537460, _sdc_deleted_at: "2024-12-18T15:57:40.000Z" }
 * tombstoneRecord({ key: { contact_id: "65a1" }, deletedAt: 1734537460 }, SINGER_DELETED_AT, "contact_updated_at", ["contact_id", "id"]);
 * // { contact_id: "65a1", id: "", contact_updated_at: 1734537460, _sdc_deleted_at: "2024-12-18T15:57:40.000Z" }
 */
import type { JsonSchema } from "../schema/json-schema.ts";
import type { Deletion, JsonRecord } from "../sinks/types.ts";
import { PROTOCOL_KEYS_STATEMENT } from "./state-keys-limit.ts";

export const SINGER_DELETED_AT = "_sdc_deleted_at";
export const AIRBYTE_DELETED_AT = "_ab_cdc_deleted_at";

export function tombstoneRecord(
  deletion: Deletion,
  field: string,
  shape?: string | TombstoneShape,
  primaryKey: readonly string[] = [],
): JsonRecord {
  const { cursorField, cursorAsText, integerKeys } = typeof shape === "string"
    ? { cursorField: shape, cursorAsText: false, integerKeys: [] }
    : (shape ?? NO_SHAPE);
  const at = deletion.cursor ?? deletion.deletedAt;
  // Keys travel as text; a key the schema types as an integer (content import sources' ids) is written as one.
  const key = Object.fromEntries(
    Object.entries(deletion.key).map(([name, value]) => [name, integerKeys.includes(name) && /^-?\d+$/.test(String(value)) ? Number(value) : value]),
  );
  return {
    ...Object.fromEntries(primaryKey.map((name) => [name, ""])),
    ...key,
    // A cursor Intercom writes as text (macros' ISO 8601 updated_at) gets the time as text, as its schema says.
    ...(cursorField === undefined ? {} : { [cursorField]: cursorAsText ? new Date(at * 1000).toISOString() : at }),
    [field]: new Date(deletion.deletedAt * 1000).toISOString(),
  };
}

/** How a stream's tombstones are typed, read from its schema: its cursor field and the key fields that are integers. */
export interface TombstoneShape {
  cursorField?: string;
  /** The cursor is a date-time string in the schema, not unix seconds. */
  cursorAsText: boolean;
  integerKeys: string[];
}

const NO_SHAPE: TombstoneShape = { cursorAsText: false, integerKeys: [] };

export function tombstoneShape(cursorField: string | undefined, schema: JsonSchema, primaryKey: readonly string[] = []): TombstoneShape {
  const types = (name: string): unknown[] => {
    const type = schema.properties?.[name]?.type;
    return Array.isArray(type) ? type : type === undefined ? [] : [type];
  };
  const cursorTypes = cursorField === undefined ? [] : types(cursorField);
  return {
    ...(cursorField === undefined ? {} : { cursorField }),
    cursorAsText: cursorTypes.includes("string") && !cursorTypes.includes("integer") && !cursorTypes.includes("number"),
    integerKeys: primaryKey.filter((name) => types(name).includes("integer") && !types(name).includes("string")),
  };
}

/** The stream's schema with the deleted-at field declared (null on every live record). */
export function withDeletedField(schema: JsonSchema, field: string): JsonSchema {
  const declared: JsonSchema = {
    type: ["null", "string"],
    format: "date-time",
    description: `When Intercom deleted the record (set by intercom-sync on a deletion; absent or null on live records). ${PROTOCOL_KEYS_STATEMENT}`,
  };
  return { ...schema, properties: { ...schema.properties, [field]: declared } };
}
