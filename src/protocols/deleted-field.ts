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

export function tombstoneRecord(deletion: Deletion, field: string, cursorField?: string, primaryKey: readonly string[] = []): JsonRecord {
  return {
    ...Object.fromEntries(primaryKey.map((key) => [key, ""])),
    ...deletion.key,
    ...(cursorField === undefined ? {} : { [cursorField]: deletion.cursor ?? deletion.deletedAt }),
    [field]: new Date(deletion.deletedAt * 1000).toISOString(),
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
