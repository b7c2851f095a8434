import { describe, expect, test } from "bun:test";
import { readdir, readFile } from "node:fs/promises";
import {
  GENERATED_INDEX_URL,
  generateStreamSchemas,
  indexFile,
  indexFileText,
  schemaFileText,
  SCHEMAS_URL,
  schemasDirUrl,
  STREAM_SOURCES,
} from "../../scripts/gen-schemas.ts";
import { API_VERSIONS } from "../../src/api-versions.ts";
import { SCHEMAS_BY_VERSION, STREAM_SCHEMAS } from "../../src/schema/catalog-schemas.ts";
import { spec } from "./openapi-responses.ts";

const REGENERATE = "stale: run `bun scripts/gen-schemas.ts` and commit schemas/ and src/schema/generated/";

// From the committed spec subsets (tests/spec-data/), so this runs on every clone; spec-data-up-to-date.test.ts
// ties those subsets to the full descriptions wherever the shared copy is present.
describe.each(API_VERSIONS.map((v) => [v]))("schemas/%s/ against its OpenAPI description", (version) => {
  test("each committed file is byte-identical to what the description generates today", async () => {
    const generated = generateStreamSchemas(await spec(version), version);
    for (const [stream, schema] of Object.entries(generated)) {
      const committed = await readFile(new URL(`${stream}.json`, schemasDirUrl(version)), "utf8").catch(() => "(missing)");
      expect(committed, `${version}/${stream}.json ${REGENERATE}`).toBe(schemaFileText(schema));
      expect(schema.description).toContain(`Intercom OpenAPI ${version} component`);
    }
  });

  test("there is exactly one file per stream, and no leftovers", async () => {
    const files = (await readdir(schemasDirUrl(version))).filter((f) => f.endsWith(".json")).sort();
    expect(files).toEqual(STREAM_SOURCES.map((s) => `${s.stream}.json`).sort());
  });

  test("the generated index that embeds them is current, and SCHEMAS_BY_VERSION holds each file under its stream name", async () => {
    const index = await readFile(new URL(indexFile(version), GENERATED_INDEX_URL), "utf8").catch(() => "(missing)");
    expect(index, `src/schema/generated/${indexFile(version)} ${REGENERATE}`).toBe(indexFileText(version, STREAM_SOURCES.map((s) => s.stream)));
    const embedded = SCHEMAS_BY_VERSION[version];
    expect(Object.keys(embedded).sort()).toEqual(STREAM_SOURCES.map((s) => s.stream).sort());
    for (const stream of Object.keys(embedded)) {
      const file = JSON.parse(await readFile(new URL(`${stream}.json`, schemasDirUrl(version)), "utf8"));
      expect(embedded[stream], `${version}/${stream}`).toEqual(file);
    }
  });
});

test("schemas/ holds one folder per version and nothing else; STREAM_SCHEMAS are 2.11's", async () => {
  expect((await readdir(SCHEMAS_URL)).sort()).toEqual([...API_VERSIONS].sort());
  expect(STREAM_SCHEMAS).toBe(SCHEMAS_BY_VERSION["2.11"]);
});

test("the versions differ where Intercom changed the API, so a run checks against the right one", () => {
  const type = (version: (typeof API_VERSIONS)[number], stream: string, field: string) =>
    SCHEMAS_BY_VERSION[version][stream]?.properties?.[field]?.type;
  expect(type("2.11", "contacts", "owner_id")).toEqual(["integer", "null"]);
  expect(type("2.16", "contacts", "owner_id")).toEqual(["string", "null"]);
  expect(type("2.11", "tickets", "ticket_state")).toBe("string");
  expect(type("2.14", "tickets", "ticket_state")).toEqual(["object", "null"]);
  expect(type("2.16", "tickets", "admin_assignee_id")).toBe("integer");
});
