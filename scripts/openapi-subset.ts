/**
 * Cuts an Intercom OpenAPI description down to what the spec-derived tests read, so a clone without the
 * shared spec copy (../shared/intercom-openapi/, 0.7–1.3 MB of YAML each) still runs them.
 *
 * Kept: the responses (bodies' schemas and examples) of the operations the exporter calls (derived from the
 * stream catalog's reads, so a new stream's operation is kept without a word here), the responses of
 * any operation whose body is exactly a stream's component (their examples are test samples), and every
 * component those reach through $ref. Dropped: request bodies, parameters, prose, and every other path.
 * Keys keep the description's order, so the output is stable and diffs stay readable.
 *
 * Written by `bun scripts/gen-schemas.ts` into tests/spec-data/; tests/schema/spec-data-up-to-date.test.ts
 * re-derives it from the full description when that is present, and checks the committed hashes otherwise.
 */
import { createHash } from "node:crypto";
import type { OpenApiDocument, OpenApiMediaType as MediaType, OpenApiOperation as Operation, OpenApiSchema } from "./openapi-types.ts";
import { API_VERSIONS, type ApiVersion } from "../src/api-versions.ts";
import { STREAMS } from "../src/streams/catalog.ts";
import type { ReadSpec, StreamDefinition } from "../src/streams/types.ts";

/** An operation the exporter or the tests call: `path` as intercom-sync writes it (`{id}`), `from` its first version. */
export interface CalledOperation {
  method: "get" | "post";
  path: string;
  /** Called only from this version on (a stream's `readOn`); absent when every version intercom-sync speaks has it. */
  from?: ApiVersion;
}

/**
 * Called beyond the streams' reads: the fake serves these, and tests hold its answers against the description
 * (the plain contact and conversation lists, a merged contact's 410 in tests/fake-conformance.test.ts).
 */
const ALSO_CALLED: readonly CalledOperation[] = [
  { method: "get", path: "/contacts" },
  { method: "get", path: "/conversations" },
  { method: "get", path: "/contacts/{id}" },
  // The report streams' Reporting Data Export (src/engine/reports/), which the workspace's datasets decide.
  { method: "get", path: "/export/reporting_data/get_datasets", from: "2.14" },
  { method: "post", path: "/export/reporting_data/enqueue", from: "2.14" },
  { method: "get", path: "/export/reporting_data/{id}", from: "2.14" },
];

/** The requests a read makes: its own path, an embedded list's whole-list request, a membership's three. */
function requestsOf(read: ReadSpec): Omit<CalledOperation, "from">[] {
  switch (read.kind) {
    case "embedded":
      return read.more ? [{ method: "get", path: read.more.path }] : [];
    case "membership":
      return [read.groups.path, read.members.path, read.perParent.path].map((path) => ({ method: "get", path }));
    case "search":
      return [{ method: "post", path: read.path }];
    case "document":
    case "export-file":
      return [];
    case "export-job":
      return [
        { method: "post", path: read.path },
        { method: "get", path: `${read.path}/{job_identifier}` },
        { method: "get", path: `${read.download}/{job_identifier}` },
      ];
    case "child":
      // A batched child POSTs its parents' ids (POST /calls/search); a child of references may list a type whole.
      return [
        { method: read.batch ? "post" : "get", path: read.path },
        ...(read.references?.whole ? [{ method: "get" as const, path: read.references.whole.path }] : []),
      ];
    default:
      return [{ method: "get", path: read.path }];
  }
}

/** Every operation the exporter or the tests call, derived from the catalog's reads (src/streams/), then ALSO_CALLED. */
export const CALLED_OPERATIONS: readonly CalledOperation[] = (() => {
  const byShape = new Map<string, CalledOperation>();
  const add = (operation: CalledOperation) => {
    const shape = operationShape(operation.method, operation.path);
    const known = byShape.get(shape);
    // Called on every version wins over called from one on; an earlier version over a later.
    if (
      known === undefined ||
      (known.from !== undefined && (operation.from === undefined || API_VERSIONS.indexOf(operation.from) < API_VERSIONS.indexOf(known.from)))
    ) {
      byShape.set(shape, operation);
    }
  };
  for (const stream of STREAMS as readonly StreamDefinition[]) {
    // A stream that exists from a later version (its `since`) is called from that one on.
    for (const request of requestsOf(stream.read)) add(stream.since ? { ...request, from: stream.since } : request);
    for (const version of API_VERSIONS) {
      const read = stream.readOn?.[version];
      if (read) { for (const request of requestsOf(read)) add({ ...request, from: version }); }
    }
  }
  for (const operation of ALSO_CALLED) add(operation);
  return [...byShape.values()];
})();

/** "get /contacts/{}": path parameters written `{}`, so intercom-sync's `{id}` and the description's `{contact_id}` meet. */
export function operationShape(method: string, path: string): string {
  return `${method.toLowerCase()} ${path.replace(/\{[^}]+\}/g, "{}")}`;
}

/** Components every test needs even when no kept response reaches them (the fallback error body). */
const ALWAYS_KEPT_COMPONENTS = ["error"];

/**
 * The subset of `doc` the tests need. `streamComponents` are the components the stream schemas are
 * generated from; they and everything they reference are kept whole.
 */
export function openApiSubset(doc: OpenApiDocument, streamComponents: readonly string[]): OpenApiDocument {
  const streamRefs = new Set(streamComponents.map((name) => `#/components/schemas/${name}`));
  const called = new Set(CALLED_OPERATIONS.map((operation) => operationShape(operation.method, operation.path)));
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, raw] of Object.entries(operations)) {
      const operation = raw as Operation;
      const keepAll = called.has(operationShape(method, path));
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
    if (Array.isArray(node)) { for (const item of node) walk(item); }
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
