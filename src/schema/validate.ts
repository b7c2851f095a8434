/**
 * Checks records against a stream's JSON Schema and reports where they differ, without ever rejecting them:
 * a mismatch is a fact about Intercom's data worth counting, not a reason to drop a record.
 *
 * The JSON Schema is compiled to a valibot schema once, and to a yes/no twin of it (fast-check.ts); each call
 * runs the twin, and `safeParse` only for a record that does not match. Mismatches name the
 * field as a dotted path with `[]` for array items (`conversation_parts.conversation_parts[].author.id`), so one
 * bad field counts once however many array items share it. Values never appear in a mismatch except for enum
 * misses (a short literal), so summaries carry no customer data.
 *
 * @example
 * const check = createRecordValidator(STREAM_SCHEMAS.contacts);
 * check({ id: "1", updated_at: "yesterday" });
 * // [{ field: "updated_at", expected: "integer", received: "string" }]
 */
import * as v from "valibot";
import { fastCheck } from "./fast-check.ts";
import type { JsonSchema, JsonSchemaType } from "./json-schema.ts";

export interface RecordMismatch {
  /** Dotted path from the record's root, array indexes written `[]`; `""` is the record itself. */
  field: string;
  /** What the schema allows at that field, e.g. `integer | null`, `"open" | "closed"`. */
  expected: string;
  /** The JSON type found (`string`, `integer`, `array`, `missing`...), or the literal for an enum miss. */
  received: string;
}

export type RecordValidator = (record: unknown) => RecordMismatch[];

type AnySchema = v.GenericSchema<unknown, unknown, v.BaseIssue<unknown>>;
type Issue = v.BaseIssue<unknown>;

const MAX_LITERAL_LENGTH = 40;

/** Build the validator for one schema; build once per stream and reuse it for every record. */
export function createRecordValidator(schema: JsonSchema): RecordValidator {
  const compiled = toValibot(schema);
  const matches = fastCheck(compiled);
  return (record) => {
    if (matches(record)) return []; // the common case, without valibot's per-value bookkeeping
    const result = v.safeParse(compiled, record);
    if (result.success) return [];
    const seen = new Set<string>();
    const mismatches: RecordMismatch[] = [];
    for (const issue of result.issues) {
      const mismatch = toMismatch(schema, issue);
      const key = `${mismatch.field}\u0000${mismatch.expected}\u0000${mismatch.received}`;
      if (seen.has(key)) continue; // the same field failing in many array items counts once per record
      seen.add(key);
      mismatches.push(mismatch);
    }
    return mismatches;
  };
}

/**
 * The valibot schema equivalent to a JSON Schema: objects stay open (unknown keys pass), only `required`
 * keys must be present, `integer` is a number without fraction.
 */
export function toValibot(schema: JsonSchema): AnySchema {
  if (schema.anyOf !== undefined) return union(schema.anyOf.map(toValibot));
  const types = typesOf(schema);
  if (types === undefined) {
    return schema.enum !== undefined ? enumSchema(schema.enum) : v.unknown();
  }
  const nullable = types.includes("null");
  const branches: AnySchema[] = [];
  if (schema.enum !== undefined) {
    const values = schema.enum.filter((value) => value !== null);
    if (values.length > 0) branches.push(enumSchema(values));
  } else {
    for (const type of types) if (type !== "null") branches.push(typeSchema(type, schema));
  }
  if (branches.length === 0) return v.null();
  const inner = union(branches);
  return nullable ? v.nullable(inner) : inner;
}

function typeSchema(type: Exclude<JsonSchemaType, "null">, schema: JsonSchema): AnySchema {
  switch (type) {
    case "string":
      return v.string();
    case "number":
      return v.number();
    case "integer":
      return v.pipe(v.number(), v.integer());
    case "boolean":
      return v.boolean();
    case "array":
      return v.array(schema.items === undefined ? v.unknown() : toValibot(schema.items));
    case "object":
      return objectSchema(schema);
  }
}

function objectSchema(schema: JsonSchema): AnySchema {
  const required = new Set(schema.required ?? []);
  const entries: Record<string, AnySchema> = {};
  for (const [key, property] of Object.entries(schema.properties ?? {})) {
    const compiled = toValibot(property);
    entries[key] = required.has(key) ? compiled : v.optional(compiled);
  }
  for (const key of required) entries[key] ??= v.unknown(); // required but undescribed: presence is all we know
  // valibot's object schemas accept arrays (typeof [] === "object"); JSON Schema does not. The guard runs
  // first because looseObject outputs a fresh object, so a check after it would never see the array.
  return v.pipe(v.custom<object>(isPlainObject), v.looseObject(entries)) as AnySchema;
}

function isPlainObject(value: unknown): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function enumSchema(values: readonly unknown[]): AnySchema {
  if (values.every((value) => typeof value === "string" || typeof value === "number")) {
    return v.picklist(values as (string | number)[]);
  }
  return union(values.map((value) => (value === null ? v.null() : v.literal(value as string | number | boolean))));
}

function union(options: AnySchema[]): AnySchema {
  return options.length === 1 ? options[0]! : v.union(options);
}

function typesOf(schema: JsonSchema): JsonSchemaType[] | undefined {
  if (schema.type === undefined) return undefined;
  return Array.isArray(schema.type) ? schema.type : [schema.type];
}

function toMismatch(root: JsonSchema, issue: Issue): RecordMismatch {
  const keys = (issue.path ?? []).map((item) => item.key);
  const missing = issue.path?.at(-1)?.origin === "key";
  const node = schemaAt(root, keys);
  const field = keys.reduce<string>(
    (path, key) => (typeof key === "number" ? `${path}[]` : path === "" ? String(key) : `${path}.${String(key)}`),
    "",
  );
  return {
    field,
    expected: node === undefined ? "any" : describe(node), // undescribed: a required key with no property schema
    received: missing ? "missing" : describeReceived(node, issue.input),
  };
}

/** The schema node at a path, following anyOf into the first branch that has the key. */
function schemaAt(root: JsonSchema, keys: readonly unknown[]): JsonSchema | undefined {
  let node: JsonSchema | undefined = root;
  for (const key of keys) {
    if (node === undefined) return undefined;
    const candidates: JsonSchema[] = node.anyOf ?? [node];
    let next: JsonSchema | undefined;
    for (const candidate of candidates) {
      next = typeof key === "number" ? candidate.items : candidate.properties?.[String(key)];
      if (next !== undefined) break;
    }
    node = next;
  }
  return node;
}

/** What a schema node allows, in words short enough for a summary table. */
export function describe(schema: JsonSchema): string {
  if (schema.anyOf !== undefined) return [...new Set(schema.anyOf.map(describe))].join(" | ");
  if (schema.enum !== undefined) return schema.enum.map((value) => JSON.stringify(value)).join(" | ");
  const types = typesOf(schema);
  return types === undefined ? "any" : types.join(" | ");
}

function describeReceived(node: JsonSchema | undefined, value: unknown): string {
  const type = jsonType(value);
  // An enum miss of the right type is worth seeing (a new state, a new type); a wrong type is just a type.
  if (node?.enum !== undefined && (typeof value === "string" || typeof value === "number") && acceptsType(node, type)) {
    const literal = JSON.stringify(value);
    return literal.length > MAX_LITERAL_LENGTH ? `${literal.slice(0, MAX_LITERAL_LENGTH - 4)}..."` : literal;
  }
  return type;
}

function acceptsType(node: JsonSchema, type: string): boolean {
  const types = typesOf(node);
  if (types === undefined) return true;
  return types.includes(type as JsonSchemaType) || (type === "integer" && types.includes("number"));
}

/** The JSON type of a value, with integers told apart from other numbers as JSON Schema does. */
export function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "missing";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}
