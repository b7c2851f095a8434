/**
 * Cuts an Intercom OpenAPI description down to what the spec-derived tests read, so a clone without the
 * shared spec copy (../shared/intercom-openapi/, 0.7–1.3 MB of YAML each) still runs them.
 *
 * Kept: the responses (bodies' schemas and examples) of the operations the exporter calls, the responses of
 * any operation whose body is exactly a stream's component (their examples are test samples), and every
 * component those reach through $ref. Dropped: request bodies, parameters, prose, and every other path.
 * Keys keep the description's order, so the output is stable and diffs stay readable.
 *
 * Written by `bun scripts/gen-schemas.ts` into tests/spec-data/; tests/schema/spec-data-up-to-date.test.ts
 * re-derives it from the full description when that is present, and checks the committed hashes otherwise.
 */
import { createHash } from "node:crypto";
import type { OpenApiDocument, OpenApiMediaType as MediaType, OpenApiOperation as Operation, OpenApiSchema } from "./openapi-types.ts";
import type { ApiVersion } from "../src/api-versions.ts";

/** "METHOD path" of every operation the exporter or the fake-conformance test calls, as the spec writes the path. */
export const CALLED_OPERATIONS = [
  "get /admins",
  "get /admins/activity_logs",
  "get /teams",
  "get /tags",
  "get /segments",
  "get /data_attributes",
  "get /companies",
  "get /companies/scroll",
  "get /companies/{company_id}/segments",
  "get /contacts",
  "get /contacts/{contact_id}",
  "get /contacts/{contact_id}/segments",
  "get /contacts/{contact_id}/notes",
  "get /contacts/{contact_id}/tags",
  "get /contacts/{contact_id}/companies",
  "post /contacts/search",
  "get /conversations",
  "post /conversations/search",
  "get /conversations/{conversation_id}",
  "post /tickets/search",
  "get /tickets/{ticket_id}",
  "get /help_center/help_centers",
  "get /help_center/collections",
  "get /articles",
  "get /ticket_types",
  "get /subscription_types",
  "get /news/newsfeeds",
  "get /news/news_items",
  "get /conversations/attributes",
] as const;

/** Operations a description has only from some version on (the others are in every version intercom-sync speaks). */
export const CALLED_FROM: Partial<Record<(typeof CALLED_OPERATIONS)[number], ApiVersion>> = {
  "get /conversations/attributes": "2.16",
};

/** Components every test needs even when no kept response reaches them (the fallback error body). */
const ALWAYS_KEPT_COMPONENTS = ["error"];

/**
 * The subset of `doc` the tests need. `streamComponents` are the components the stream schemas are
 * generated from; they and everything they reference are kept whole.
 */
export function openApiSubset(doc: OpenApiDocument, streamComponents: readonly string[]): OpenApiDocument {
  const streamRefs = new Set(streamComponents.map((name) => `#/components/schemas/${name}`));
  const called = new Set<string>(CALLED_OPERATIONS);
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, raw] of Object.entries(operations)) {
      const operation = raw as Operation;
      const keepAll = called.has(`${method} ${path}`);
      const responses: Record<string, { content: { "application/json": MediaType } }> = {};
      for (const [status, response] of Object.entries(operation?.responses ?? {})) {
        const media = response?.content?.["application/json"];
        if (media === undefined) continue;
        if (!keepAll && !streamRefs.has(media.schema?.$ref ?? "")) continue;
        responses[status] = { content: { "application/json": bareMedia(media) } };
      }
      if (!keepAll && Object.keys(responses).length === 0) continue;
      (paths[path] ??= {})[method] = { responses };
    }
  }
  const wanted = [...streamComponents, ...ALWAYS_KEPT_COMPONENTS, ...refsIn(paths)];
  const schemas: Record<string, OpenApiSchema> = {};
  while (wanted.length > 0) {
    const name = wanted.pop()!;
    const schema = doc.components.schemas[name];
    if (schema === undefined || name in schemas) continue;
    schemas[name] = schema;
    wanted.push(...refsIn(schema));
  }
  // Description order, not discovery order: the file must not depend on how the walk went.
  const ordered = Object.fromEntries(Object.keys(doc.components.schemas).filter((n) => n in schemas).map((n) => [n, schemas[n]!]));
  const { openapi, info } = doc as unknown as { openapi?: string; info?: { title?: string; version?: string } };
  return {
    openapi,
    info: { title: info?.title, version: info?.version },
    paths,
    components: { schemas: ordered },
  } as OpenApiDocument;
}

function bareMedia(media: MediaType): MediaType {
  const out: MediaType = {};
  if (media.schema !== undefined) out.schema = media.schema;
  if (media.example !== undefined) out.example = media.example;
  if (media.examples !== undefined) {
    out.examples = Object.fromEntries(Object.entries(media.examples).map(([name, example]) => [name, { value: example.value }]));
  }
  return out;
}

/** Component names referenced anywhere under a value. */
export function refsIn(value: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) for (const item of node) walk(item);
    else if (typeof node === "object" && node !== null) {
      for (const [key, child] of Object.entries(node)) {
        if (key === "$ref" && typeof child === "string") out.push(child.replace(/^#\/components\/schemas\//, ""));
        else walk(child);
      }
    }
  };
  walk(value);
  return out;
}

/** The committed text of a subset: pretty enough to diff, stable, with a trailing newline. */
export function subsetFileText(subset: OpenApiDocument): string {
  return `${JSON.stringify(subset, null, 1)}\n`;
}

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
