import { describe, expect, test } from "bun:test";
import { readdir, readFile } from "node:fs/promises";
import { generateStreamSchemas, SCHEMAS_URL, schemaFileText, STREAM_SOURCES } from "../../scripts/gen-schemas.ts";
import { STREAM_SCHEMAS } from "../../src/schema/catalog-schemas.ts";
import { spec } from "./openapi-responses.ts";

const REGENERATE = "stale: run `bun scripts/gen-schemas.ts` and commit schemas/";

// From the committed spec subset (tests/spec-data/), so this runs on every clone; spec-data-up-to-date.test.ts
// ties that subset to the full description wherever the shared copy is present.
describe("schemas/*.json against the OpenAPI 2.11 spec", () => {
  test("each committed file is byte-identical to what the 2.11 spec generates today", async () => {
    const generated = generateStreamSchemas(await spec());
    for (const [stream, schema] of Object.entries(generated)) {
      const committed = await readFile(new URL(`${stream}.json`, SCHEMAS_URL), "utf8").catch(() => "(missing)");
      expect(committed, `${stream}.json ${REGENERATE}`).toBe(schemaFileText(schema));
    }
  });

  test("there is exactly one file per stream, and no leftovers", async () => {
    const files = (await readdir(SCHEMAS_URL)).filter((f) => f.endsWith(".json")).sort();
    expect(files).toEqual(STREAM_SOURCES.map((s) => `${s.stream}.json`).sort());
  });
});

test("STREAM_SCHEMAS embeds every generated file under its stream name", async () => {
  expect(Object.keys(STREAM_SCHEMAS).sort()).toEqual(STREAM_SOURCES.map((s) => s.stream).sort());
  for (const stream of Object.keys(STREAM_SCHEMAS)) {
    const file = JSON.parse(await readFile(new URL(`${stream}.json`, SCHEMAS_URL), "utf8"));
    expect(STREAM_SCHEMAS[stream]).toEqual(file);
  }
});

