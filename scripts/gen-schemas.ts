/**
 * Generates schemas/<version>/<stream>.json from Intercom's OpenAPI description of each version intercom-sync
 * speaks (src/api-versions.ts), and src/schema/generated/v<version>.ts, the static imports that embed them.
 *
 * Run: `bun scripts/gen-schemas.ts` (writes the files) or `bun scripts/gen-schemas.ts --check` (exit 1 when stale).
 * The generated files are committed; src/ imports them and never reads the OpenAPI YAML, so the compiled
 * binary carries the schemas without the 700 KB spec. tests/schema/schemas-up-to-date.test.ts regenerates
 * them in memory and fails when they drift. Fields the description types too narrowly are widened by the
 * named overrides in scripts/schema-overrides.ts, formats it gets wrong are corrected by
 * scripts/schema-formats.ts, and fields Intercom sends beyond it are added by scripts/schema-additions.ts.
 *
 * The same run writes tests/spec-data/ (scripts/spec-data.ts): the parts of the descriptions the tests read,
 * with their license, so a clone without the shared copy runs every spec-derived test. Without the shared
 * copy, the schemas are generated from that committed subset instead (same result, checked by the tests).
 *
 * The same converter, with `strict: true`, gives the spec's response schemas as they are (required lists,
 * every enum) for tests/fake-conformance.test.ts.
 */
import type { OpenApiDocument, OpenApiSchema } from "./openapi-types.ts";
import { STREAMS } from "../src/streams/catalog.ts";
import { mkdir, readdir, readFile, unlink, writeFile } from "node:fs/promises";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parse } from "yaml";
import { API_VERSIONS, type ApiVersion } from "../src/api-versions.ts";
import { componentOn } from "../src/streams/versioned.ts";
import type { JsonSchema, JsonSchemaType } from "../src/schema/json-schema.ts";
import { applySchemaAdditions } from "./schema-additions.ts";
import { applyFormatCorrections } from "./schema-formats.ts";
import { applySchemaOverrides, SCHEMA_OVERRIDES, type SchemaOverride } from "./schema-overrides.ts";
import { fullDescriptionsPresent, generateSpecData, loadSpecData, writeSpecData } from "./spec-data.ts";

export type { OpenApiDocument, OpenApiSchema } from "./openapi-types.ts";

/**
 * The folder holding the full OpenAPI descriptions: INTERCOM_OPENAPI_DIR, or the copy shared by the team next
 * to this checkout (see /work/shared/INTERCOM-API.md §10). Absent on a bare clone; see tests/spec-data/.
 */
export const SPEC_DIR_URL = specDirUrl(process.env.INTERCOM_OPENAPI_DIR);
export const SPEC_URL = specUrl("2.11");
export const SCHEMAS_URL = new URL("../schemas/", import.meta.url);
/** schemas/<version>/: one JSON Schema file per stream. */
export const schemasDirUrl = (version: ApiVersion) => new URL(`${version}/`, SCHEMAS_URL);
/** The generated TypeScript that imports one version's files statically, so `bun build --compile` embeds them. */
export const GENERATED_INDEX_URL = new URL("../src/schema/generated/", import.meta.url);
export const indexFile = (version: ApiVersion) => `v${version}.ts`;

export function specDirUrl(override: string | undefined): URL {
  if (override === undefined || override === "") return new URL("../../shared/intercom-openapi/", import.meta.url);
  return pathToFileURL(override.endsWith("/") ? override : `${override}/`);
}

/** The full description of one API version, e.g. "2.11". */
export function specUrl(version: string): URL {
  return new URL(`api.intercom.io-${version}.yaml`, SPEC_DIR_URL);
}
export const JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema";

export interface ConvertOptions {
  /**
   * false (stream schemas): drop `required` and all enums but the safe ones, because real responses break
   * the spec's required lists and Intercom adds enum values. true (conformance): keep both as written.
   */
  strict: boolean;
  /** How many $refs deep to expand before leaving a node open; the spec has no cycles today, this guards the future. */
  maxRefDepth?: number;
}

const DEFAULT_MAX_REF_DEPTH = 8;

/**
 * Enums kept in the stream schemas besides the record's own single-valued `type`: closed vocabularies Intercom
 * has not grown in years. Growing lists (activity_type, source.type, part_type, ticket_state...) are left out so
 * a new value is data, not a mismatch. Keyed "<component>.<property>".
 */
const SAFE_ENUMS = new Set(["conversation.state", "segment.person_type", "data_attribute.model"]);

interface Context {
  doc: OpenApiDocument;
  options: Required<ConvertOptions>;
  /** Component names being expanded, outermost first: the last one owns the current properties. */
  refs: string[];
  /** The property being converted, for the enum allowlist. */
  propertyKey?: string;
  /** How many properties deep the current node is: 1 is a field of the record itself. */
  depth: number;
}

/** Convert one OpenAPI schema node to JSON Schema 2020-12, resolving $refs. */
export function convertOpenApiSchema(doc: OpenApiDocument, node: OpenApiSchema, options: ConvertOptions): JsonSchema {
  return convert(node, {
    doc,
    options: { maxRefDepth: DEFAULT_MAX_REF_DEPTH, ...options },
    refs: [],
    depth: 0,
  });
}

function convert(node: OpenApiSchema, ctx: Context): JsonSchema {
  let out: JsonSchema;
  if (node.$ref !== undefined) out = convertRef(node.$ref, ctx);
  else if (node.allOf !== undefined) out = convertAllOf(node, ctx);
  else if (node.oneOf !== undefined || node.anyOf !== undefined) {
    out = { anyOf: dedupe([...(node.oneOf ?? []), ...(node.anyOf ?? [])].map((n) => convert(n, ctx))) };
  } else out = convertPlain(node, ctx);
  // OpenAPI 3.0 ignores siblings of $ref, but the spec writes `$ref` + `nullable: true` and means it.
  if (node.description !== undefined) out = { description: node.description, ...withoutKey(out, "description") };
  return node.nullable === true ? makeNullable(out) : out;
}

function convertRef(ref: string, ctx: Context): JsonSchema {
  const name = ref.replace(/^#\/components\/schemas\//, "");
  const target = ctx.doc.components.schemas[name];
  // The 2.11 spec references `custom_attributes` without defining it: any value is the honest reading.
  if (target === undefined) return { description: `Left open: ${ref} is not defined in the spec.` };
  if (ctx.refs.includes(name) || ctx.refs.length >= ctx.options.maxRefDepth) {
    return { description: `Left open: ${name} is recursive or nests too deep to expand.` };
  }
  return convert(target, { ...ctx, refs: [...ctx.refs, name] });
}

function convertAllOf(node: OpenApiSchema, ctx: Context): JsonSchema {
  const { allOf, ...rest } = node;
  const parts = [...(allOf ?? []), rest].map((n) => convert({ ...n, nullable: false, description: undefined }, ctx));
  const merged: JsonSchema = {};
  for (const part of parts) {
    if (part.type !== undefined) merged.type = part.type;
    if (part.description !== undefined && merged.description === undefined) merged.description = part.description;
    if (part.properties !== undefined) merged.properties = { ...merged.properties, ...part.properties };
    if (part.required !== undefined) merged.required = [...new Set([...(merged.required ?? []), ...part.required])];
    if (part.additionalProperties !== undefined) merged.additionalProperties = part.additionalProperties;
  }
  return merged;
}

function convertPlain(node: OpenApiSchema, ctx: Context): JsonSchema {
  const type = node.type ?? (node.properties !== undefined ? "object" : undefined);
  const out: JsonSchema = {};
  if (type !== undefined) out.type = type as JsonSchemaType;
  const format = convertFormat(type, node.format);
  if (format !== undefined) out.format = format;
  if (node.enum !== undefined && keepEnum(node, ctx)) out.enum = [...node.enum];
  if (type === "array" && node.items !== undefined) out.items = convert(node.items, ctx);
  if (type === "object") {
    if (node.properties !== undefined) {
      const properties: Record<string, JsonSchema> = {};
      for (const [key, child] of Object.entries(node.properties)) {
        let converted = convert(child, { ...ctx, propertyKey: key, depth: ctx.depth + 1 });
        if (!ctx.options.strict) {
          // Intercom sends null for absent sub-objects even where the spec does not say nullable (its own
          // conversation examples have null conversation_rating, teammates, first_contact_reply, statistics).
          if (converted.type === "object") converted = makeNullable(converted);
        }
        properties[key] = converted;
      }
      out.properties = properties;
    }
    if (ctx.options.strict && node.required !== undefined && node.required.length > 0) out.required = [...node.required];
    // Intercom adds fields and custom attributes at will: never reject an unknown key.
    out.additionalProperties = true;
  }
  return out;
}

function keepEnum(node: OpenApiSchema, ctx: Context): boolean {
  if (ctx.options.strict) return true;
  const key = ctx.propertyKey;
  // The record's own `type` is reliable; nested ones are not (ticket_type_attributes.type is
  // "ticket_type_attributes.list" in the schema and "list" in the spec's own ticket examples).
  if (key === "type" && node.enum?.length === 1 && ctx.depth === 1) return true;
  return SAFE_ENUMS.has(`${ctx.refs.at(-1)}.${key}`);
}

/** Intercom writes unix-second integers as `format: date-time` or `timestamp`; in JSON Schema that format means an RFC 3339 string. */
function convertFormat(type: string | undefined, format: string | undefined): string | undefined {
  if (format === undefined) return undefined;
  if (type === "integer" && (format === "date-time" || format === "timestamp")) return "unix-time";
  return type === "string" ? format : undefined;
}

function makeNullable(schema: JsonSchema): JsonSchema {
  if (schema.anyOf !== undefined) {
    return schema.anyOf.some(allowsNull) ? schema : { ...schema, anyOf: [...schema.anyOf, { type: "null" }] };
  }
  if (schema.type === undefined) return schema; // already accepts anything, null included
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  const out: JsonSchema = { ...schema, type: types.includes("null") ? types : [...types, "null"] };
  if (schema.enum !== undefined && !schema.enum.includes(null)) out.enum = [...schema.enum, null];
  return out;
}

function allowsNull(schema: JsonSchema): boolean {
  return schema.type === undefined || schema.type === "null" || (Array.isArray(schema.type) && schema.type.includes("null"));
}

function dedupe(schemas: JsonSchema[]): JsonSchema[] {
  const seen = new Set<string>();
  return schemas.filter((s) => {
    const key = JSON.stringify(s);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function withoutKey<T extends object, K extends keyof T>(value: T, key: K): Omit<T, K> {
  const { [key]: _dropped, ...rest } = value;
  return rest;
}

/** How one stream's schema is derived. */
export interface StreamSchemaSource {
  stream: string;
  /** components/schemas name in the spec. */
  component: string;
  /** The component from an API version on (a stream's `schema.componentOn`). */
  componentOn?: Partial<Record<ApiVersion, string>>;
  primaryKey: string[];
  cursorField?: string;
  /** Fields the exporter adds to each record (parent ids). */
  addedFields?: Record<string, JsonSchema>;
  /** Why this stream's schema is the way it is, for readers of schemas/*.json. */
  note?: string;
}

/** Every stream's schema source, as its file in src/streams/ declares it. */
export const STREAM_SOURCES: StreamSchemaSource[] = STREAMS.map((stream) => ({
  stream: stream.name,
  component: stream.schema.component,
  ...(stream.schema.componentOn ? { componentOn: stream.schema.componentOn } : {}),
  primaryKey: stream.primaryKey,
  ...(stream.cursorField ? { cursorField: stream.cursorField } : {}),
  ...(stream.schema.addedFields ? { addedFields: stream.schema.addedFields } : {}),
  ...(stream.schema.note ? { note: stream.schema.note } : {}),
}));

/** Every component a stream schema is generated from on some version: what tests/spec-data/ must keep. */
export const STREAM_COMPONENTS: string[] = [
  ...new Set(STREAM_SOURCES.flatMap((source) => [source.component, ...Object.values(source.componentOn ?? {})])),
];

/**
 * The stream schema for one source: lax types, open objects, only the primary key required, and the
 * named overrides applied (tests pass `[]` to see the description's own types).
 */
export function generateStreamSchema(
  doc: OpenApiDocument,
  source: StreamSchemaSource,
  overrides: readonly SchemaOverride[] = SCHEMA_OVERRIDES,
  version: ApiVersion = "2.11",
): JsonSchema {
  const component = componentOn({ schema: source }, version);
  const body = convertOpenApiSchema(doc, { $ref: `#/components/schemas/${component}` }, { strict: false });
  const properties: Record<string, JsonSchema> = structuredClone({ ...source.addedFields, ...(body.properties ?? variantProperties(body)) });
  // Where the component declares an added field too, the stream's definition wins (in the component's place).
  for (const [name, field] of Object.entries(source.addedFields ?? {})) properties[name] = structuredClone(field);
  applySchemaOverrides(source.stream, { properties }, overrides, version);
  applyFormatCorrections(source.stream, { properties });
  // The union with what Intercom sends beyond its description (each addition names where it was seen).
  applySchemaAdditions(source.stream, properties);
  for (const key of source.primaryKey) {
    const field = properties[key];
    if (field === undefined) throw new Error(`${source.stream}: primary key field "${key}" is not in ${component}`);
    properties[key] = withoutNull(field);
  }
  if (source.cursorField !== undefined && properties[source.cursorField] === undefined) {
    throw new Error(`${source.stream}: cursor field "${source.cursorField}" is not in ${component}`);
  }
  const description = [body.description, source.note].filter((d) => d !== undefined).join(" ");
  const schema: JsonSchema = {
    $schema: JSON_SCHEMA_DIALECT,
    title: source.stream,
    description: `${description} Generated from the Intercom OpenAPI ${version} component \`${component}\` by scripts/gen-schemas.ts; do not edit.`,
    "x-primary-key": [...source.primaryKey],
  };
  if (source.cursorField !== undefined) schema["x-cursor-field"] = source.cursorField;
  return {
    ...schema,
    type: "object",
    // Real responses break the spec's required lists; only the key must be there for a row to be stored.
    required: [...source.primaryKey],
    additionalProperties: true,
    properties,
  };
}

/**
 * A component that is one of several object shapes (2.16's conversation_attribute, discriminated by
 * `data_type`): a record has the fields of its own variant, so the stream's fields are all of theirs (the
 * first variant's definition of a shared field wins).
 */
function variantProperties(body: JsonSchema): Record<string, JsonSchema> {
  const properties: Record<string, JsonSchema> = {};
  for (const variant of body.anyOf ?? []) {
    for (const [name, field] of Object.entries(variant.properties ?? {})) properties[name] ??= field;
  }
  return properties;
}

function withoutNull(schema: JsonSchema): JsonSchema {
  if (!Array.isArray(schema.type)) return schema;
  const types = schema.type.filter((t) => t !== "null");
  return { ...schema, type: types.length === 1 ? types[0] : types };
}

/** Every stream schema of one version, keyed by stream name, in STREAM_SOURCES order. */
export function generateStreamSchemas(doc: OpenApiDocument, version: ApiVersion = "2.11"): Record<string, JsonSchema> {
  return Object.fromEntries(STREAM_SOURCES.map((s) => [s.stream, generateStreamSchema(doc, s, SCHEMA_OVERRIDES, version)]));
}

/** The exact file text committed for a schema (stable key order, trailing newline). */
export function schemaFileText(schema: JsonSchema): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}

/** src/schema/generated/v<version>.ts: a static import per stream file, so the compiled binary carries them. */
export function indexFileText(version: ApiVersion, streams: readonly string[]): string {
  const binding = (stream: string) => stream.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());
  const sorted = [...streams].sort();
  return [
    `// Generated by scripts/gen-schemas.ts from schemas/${version}/; do not edit.`,
    ...sorted.map((s) => `import ${binding(s)} from "../../../schemas/${version}/${s}.json" with { type: "json" };`),
    `import type { JsonSchema } from "../json-schema.ts";`,
    "",
    `/** Stream name → its Intercom API ${version} schema. */`,
    "export const SCHEMAS: Readonly<Record<string, JsonSchema>> = Object.freeze({",
    ...sorted.map((s) => `  ${s}: ${binding(s)} as JsonSchema,`),
    "});",
    "",
  ].join("\n");
}

export async function loadSpec(url: URL = SPEC_URL): Promise<OpenApiDocument> {
  return parse(await readFile(url, "utf8")) as OpenApiDocument;
}

/** Write (or with `check`, only compare) one file; true when it was stale. */
async function syncFile(url: URL, text: string, check: boolean): Promise<boolean> {
  if ((await readFile(url, "utf8").catch(() => undefined)) === text) return false;
  if (!check) await writeFile(url, text);
  return true;
}

async function main(args: string[]): Promise<number> {
  const check = args.includes("--check");
  const stale: string[] = [];
  const full = fullDescriptionsPresent(SPEC_DIR_URL);
  if (full) {
    const files = await generateSpecData(SPEC_DIR_URL, STREAM_COMPONENTS);
    stale.push(...(await writeSpecData(files, check)));
  } else {
    console.error(`no descriptions in ${fileURLToPath(SPEC_DIR_URL)}: tests/spec-data/ kept as committed, schemas generated from it`);
  }
  const root = fileURLToPath(new URL("../", import.meta.url));
  const relative = (url: URL) => fileURLToPath(url).slice(root.length);
  if (!check) await mkdir(GENERATED_INDEX_URL, { recursive: true });
  for (const version of API_VERSIONS) {
    const doc = full ? await loadSpec(specUrl(version)) : await loadSpecData(version);
    const schemas = generateStreamSchemas(doc, version);
    const dir = schemasDirUrl(version);
    if (!check) await mkdir(dir, { recursive: true });
    for (const [stream, schema] of Object.entries(schemas)) {
      const url = new URL(`${stream}.json`, dir);
      if (await syncFile(url, schemaFileText(schema), check)) stale.push(relative(url));
    }
    const existing = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith(".json"));
    for (const file of existing.filter((f) => !(f.replace(/\.json$/, "") in schemas))) {
      stale.push(relative(new URL(file, dir)));
      if (!check) await unlink(new URL(file, dir));
    }
    const index = new URL(indexFile(version), GENERATED_INDEX_URL);
    if (await syncFile(index, indexFileText(version, Object.keys(schemas)), check)) stale.push(relative(index));
  }
  // Files of the flat layout before versions (schemas/<stream>.json) are leftovers.
  for (const file of (await readdir(SCHEMAS_URL).catch(() => [] as string[])).filter((f) => f.endsWith(".json"))) {
    stale.push(`schemas/${file}`);
    if (!check) await unlink(new URL(file, SCHEMAS_URL));
  }
  if (check) {
    if (stale.length > 0) console.error(`stale: ${stale.join(", ")}; run bun scripts/gen-schemas.ts`);
    return stale.length > 0 ? 1 : 0;
  }
  console.log(stale.length > 0 ? `wrote/removed: ${stale.join(", ")}` : "schemas/ and tests/spec-data/ already up to date");
  return 0;
}

if (import.meta.main) process.exitCode = await main(process.argv.slice(2));
