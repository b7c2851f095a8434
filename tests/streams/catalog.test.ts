/**
 * The catalog is the single source of truth: what derives from it must agree with it, and what a stream file
 * declares must exist where it points (the API description, the fake's routes, the schemas).
 */
import { expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { withStreamsTable } from "../../scripts/readme-streams.ts";
import type { ApiVersion } from "../../src/api-versions.ts";
import { loadSpec, SPEC_DIR_URL, specUrl, STREAM_SOURCES } from "../../scripts/gen-schemas.ts";
import { fullDescriptionsPresent } from "../../scripts/spec-data.ts";
import { ROUTE_PERMISSIONS } from "../../src/fake/mod.ts";
import { SCHEMAS_BY_VERSION, STREAM_SCHEMAS } from "../../src/streams/schemas.ts";
import { STREAM_NAMES, streamByName, STREAMS } from "../../src/streams/catalog.ts";
import { childProbePath, probeRequest } from "../../src/streams/probe.ts";
import { firstVersion } from "../../src/streams/versioned.ts";
import { API_VERSIONS } from "../../src/api-versions.ts";
import { spec } from "../schema/openapi-responses.ts";

test("stream names are unique", () => {
  expect(new Set(STREAM_NAMES).size).toBe(STREAM_NAMES.length);
});

test("the README's stream table is the one the catalog writes (run `bun scripts/gen-readme.ts` after changing a stream)", () => {
  const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
  expect(readme).toBe(withStreamsTable(readme));
});

test("every stream has a generated schema, and the schema generator reads every stream", () => {
  for (const [version, schemas] of Object.entries(SCHEMAS_BY_VERSION)) {
    expect({ version, streams: Object.keys(schemas).sort() }).toEqual({ version, streams: [...STREAM_NAMES].sort() });
  }
  // A document's schema is intercom-sync's own (schema.own), from no component of the description.
  expect(STREAM_SOURCES.map((source) => source.stream)).toEqual(STREAMS.filter((stream) => !stream.schema.own).map((stream) => stream.name));
});

test("every primary key and cursor field is a field of the stream's schema", () => {
  for (const stream of STREAMS) {
    const fields = Object.keys(STREAM_SCHEMAS[stream.name]!.properties ?? {});
    for (const key of [...stream.primaryKey, ...(stream.cursorField ? [stream.cursorField] : [])]) {
      expect({ stream: stream.name, key, present: fields.includes(key) }).toEqual({ stream: stream.name, key, present: true });
    }
  }
});

test("a child names a root stream as its parent, fills its path from the parent's fields and adds what it copies", () => {
  for (const stream of STREAMS) {
    const read = stream.read;
    if (read.kind !== "child" && read.kind !== "embedded") continue;
    const parent = streamByName(read.parent);
    expect(parent?.read.kind, stream.name).toBeDefined();
    expect(["child", "embedded"], stream.name).not.toContain(parent!.read.kind);
    const parentFields = Object.keys(STREAM_SCHEMAS[parent!.name]!.properties ?? {});
    // A child of references fills its path from each reference, which names the fields its template takes.
    const template = read.kind === "child" ? (read.references ? undefined : read.path) : read.more?.path;
    if (read.kind === "child" && read.references) expect(parentFields, stream.name).toContain(read.references.field[0]!);
    for (const [, field] of (template ?? "").matchAll(/\{([^}]+)\}/g)) expect(parentFields, stream.name).toContain(field!);
    for (const [childField, parentField] of Object.entries(read.copy)) {
      expect(parentFields, stream.name).toContain(parentField);
      expect(Object.keys(stream.schema.addedFields ?? {}), stream.name).toContain(childField);
    }
    if (template !== undefined) expect(stream.parent!.path!({ id: "a/b" })).toBe(template.replace("{id}", "a%2Fb"));
    else expect(stream.parent!.path).toBeUndefined();
    // An embedded list sits in a field of the parent's schema.
    if (read.kind === "embedded") expect(parentFields, stream.name).toContain(read.field[0]!);
  }
});

/**
 * "POST /contacts/search", "GET /conversations/{id}": the route a stream reads, as the description names paths;
 * for an embedded stream the request for its whole list, or its parent's route when it has none.
 */
function route(stream: (typeof STREAMS)[number]): string {
  const read = stream.read;
  if (read.kind === "embedded") return read.more ? `GET ${read.more.path}` : route(streamByName(read.parent) as (typeof STREAMS)[number]);
  if (read.kind === "membership") return `GET ${read.perParent.path}`;
  // A document makes no request of its own: it is rendered from what its parent's pass reads.
  if (read.kind === "document") return route(streamByName(read.parts ?? read.parent) as (typeof STREAMS)[number]);
  // An export's other files come with its parent's download.
  if (read.kind === "export-file") return route(streamByName(read.parent) as (typeof STREAMS)[number]);
  return `${read.kind === "search" || read.kind === "export-job" || (read.kind === "child" && read.batch) ? "POST" : "GET"} ${read.path}`;
}

/** Every route a stream may read: a membership stream's groups and listings besides its per-parent request. */
function routes(stream: (typeof STREAMS)[number]): string[] {
  const read = stream.read;
  if (read.kind === "membership") return [`GET ${read.groups.path}`, `GET ${read.members.path}`, route(stream)];
  return [route(stream)];
}

test("every stream reads a path of Intercom's API description (2.11, or the first version that serves it)", async () => {
  const shape = (path: string) => path.replace(/\{[^}]+\}/g, "{}");
  for (const stream of STREAMS) {
    const doc = (await spec(firstVersion(stream))) as { paths: Record<string, Record<string, unknown>> };
    for (const read of routes(stream)) {
      const [method, path] = read.split(" ") as [string, string];
      const described = Object.keys(doc.paths).find((candidate) => shape(candidate) === shape(path));
      const operation = described ? doc.paths[described]?.[method.toLowerCase()] : undefined;
      expect({ stream: stream.name, route: read, described: operation !== undefined }).toEqual({ stream: stream.name, route: read, described: true });
    }
  }
});

// The committed subsets keep only what the tests call, so an absent path proves something only in the full
// description: read from ../shared/intercom-openapi (INTERCOM_OPENAPI_DIR) when present, else the subset.
const fullOrSubset = (version: ApiVersion) => (fullDescriptionsPresent(SPEC_DIR_URL) ? loadSpec(specUrl(version)) : spec(version));

test("a stream's first version is the first description that has its path: the one before it lacks it", async () => {
  const shape = (path: string) => path.replace(/\{[^}]+\}/g, "{}");
  for (const stream of STREAMS.filter((candidate) => candidate.since !== undefined)) {
    const before = API_VERSIONS[API_VERSIONS.indexOf(firstVersion(stream)) - 1]!;
    const doc = (await fullOrSubset(before)) as { paths: Record<string, Record<string, unknown>> };
    for (const read of routes(stream)) {
      const path = read.split(" ")[1]!;
      const described = Object.keys(doc.paths).some((candidate) => shape(candidate) === shape(path));
      expect({ stream: stream.name, before, described }).toEqual({ stream: stream.name, before, described: false });
    }
  }
}, 60_000); // parses whole descriptions where ../shared has them: seconds on a loaded machine

test("every stream's permission is the one the fake Intercom asks for on its route and on its check probe", () => {
  const normalise = (path: string) => path.replace(/\{[^}]+\}/g, "{id}");
  for (const stream of STREAMS) {
    for (const read of routes(stream)) {
      expect({ stream: stream.name, read, permission: ROUTE_PERMISSIONS[normalise(read)] }).toEqual({
        stream: stream.name,
        read,
        permission: stream.permission,
      });
    }
    const probe = probeRequest(stream, 1_700_000_000);
    if (probe) {
      // An export job's probe asks for a made-up job id: it stands for the job's {id}.
      const path = stream.read.kind === "export-job" ? `${stream.read.path}/{id}` : normalise(probe.path);
      expect({ stream: stream.name, probe: ROUTE_PERMISSIONS[`${probe.method} ${path}`] }).toEqual({
        stream: stream.name,
        probe: stream.permission,
      });
    }
  }
});

test("check probes an embedded stream's whole-list request (its permission), or leaves it to the parent when it has none", () => {
  const contact = { id: "c1" };
  expect(childProbePath(streamByName("contact_tags")!, contact)).toBe("/contacts/c1/tags");
  expect(childProbePath(streamByName("contact_companies")!, contact)).toBe("/contacts/c1/companies");
  expect(childProbePath(streamByName("conversation_tags")!, { id: "7" })).toBeUndefined();
  expect(childProbePath(streamByName("ticket_parts")!, { id: "9" })).toBe("/tickets/9");
  for (const name of ["contact_tags", "contact_companies", "conversation_tags", "ticket_parts"]) {
    expect({ name, sync: streamByName(name)!.sync, probe: probeRequest(streamByName(name)!, 0) }).toEqual({ name, sync: "child", probe: undefined });
  }
});

test("a read for a later API version (readOn) is a path of that version's description, asking the stream's permission", async () => {
  const normalise = (path: string) => path.replace(/\{[^}]+\}/g, "{id}");
  const versioned = STREAMS.filter((stream) => stream.readOn !== undefined);
  expect(versioned.map((stream) => stream.name)).toContain("conversation_attributes");
  for (const stream of versioned) {
    for (const [version, versionRead] of Object.entries(stream.readOn!)) {
      const read = versionRead as { path: string };
      const doc = (await spec(version)) as { paths: Record<string, Record<string, unknown>> };
      const where = { stream: stream.name, version, path: read.path };
      expect({ ...where, described: doc.paths[read.path]?.get !== undefined }).toEqual({ ...where, described: true });
      expect({ ...where, permission: ROUTE_PERMISSIONS[`GET ${normalise(read.path)}`] }).toEqual({ ...where, permission: stream.permission });
      const probe = probeRequest(stream, 1_700_000_000, version as ApiVersion);
      expect({ ...where, probe: probe?.path }).toEqual({ ...where, probe: read.path });
    }
  }
});
