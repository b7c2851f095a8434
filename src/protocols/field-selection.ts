/**
 * Field selection in the Singer and Airbyte protocols: per stream, the top-level fields its SCHEMA and RECORDs
 * carry. A stream absent from the map is sent whole. The automatic fields — the key, the replication key and the
 * deleted-at marker of a deletion — are always kept: without them a destination cannot place or delete a row.
 * Selection is by top-level field: a nested field's selection keeps its whole top-level object.
 * @example
 * const fields: FieldSelections = new Map([["contacts", new Set(["id", "email", "updated_at"])]]);
 * pickFields({ id: "1", email: "a@b.c", name: "A" }, fields.get("contacts")) // { id: "1", email: "a@b.c" }
 */
import type { JsonSchema } from "../schema/json-schema.ts";
import type { JsonRecord, StreamInfo } from "../sinks/types.ts";

/** Stream name → the top-level fields chosen; streams not in it are sent whole. */
export type FieldSelections = ReadonlyMap<string, ReadonlySet<string>>;

export const ALL_FIELDS: FieldSelections = new Map();

/** The fields a protocol always sends: the key, the cursor it declares, and the deleted-at marker. */
export function automaticFields(info: Pick<StreamInfo, "primaryKey" | "cursorField">, deletedField: string): string[] {
  return [...info.primaryKey, ...(info.cursorField === undefined ? [] : [info.cursorField]), deletedField];
}

/**
 * Per stream, the fields an output sends: the chosen ones and the automatic ones, whatever the choice said.
 * `infos` as the protocol declares them (cursor included).
 */
export function keptFields(fields: FieldSelections, infos: readonly StreamInfo[], deletedField: string): Map<string, ReadonlySet<string>> {
  const kept = new Map<string, ReadonlySet<string>>();
  for (const info of infos) {
    const chosen = fields.get(info.name);
    if (chosen !== undefined) kept.set(info.name, new Set([...chosen, ...automaticFields(info, deletedField)]));
  }
  return kept;
}

/** The record with only the kept fields (the record itself when every field is kept). */
export function pickFields(record: JsonRecord, kept: ReadonlySet<string> | undefined): JsonRecord {
  if (kept === undefined) return record;
  const picked: JsonRecord = {};
  for (const [field, value] of Object.entries(record)) if (kept.has(field)) picked[field] = value;
  return picked;
}

/** The schema declaring only the kept fields. */
export function pickSchemaFields(schema: JsonSchema, kept: ReadonlySet<string> | undefined): JsonSchema {
  if (kept === undefined || schema.properties === undefined) return schema;
  const properties = Object.fromEntries(Object.entries(schema.properties).filter(([field]) => kept.has(field)));
  const required = schema.required?.filter((field) => kept.has(field));
  return { ...schema, properties, ...(required === undefined ? {} : { required }) };
}
