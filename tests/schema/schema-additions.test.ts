/**
 * The generated schemas are the union of Intercom's description and what Intercom is seen to send: every field of
 * the Airbyte Intercom connector's schemas is declared (but those that connector adds itself), each addition says
 * where it was seen and is needed by some version, and every format correction still names a field.
 */
import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { SCHEMA_ADDITIONS, SEED_FIELDS_MOVED, SEED_FIELDS_NOT_OURS, SOURCE_NAMES } from "../../scripts/schema-additions.ts";
import { FORMAT_CORRECTIONS } from "../../scripts/schema-formats.ts";
import { schemaNodeAt } from "../../scripts/schema-overrides.ts";
import { generateStreamSchema, STREAM_SOURCES } from "../../scripts/gen-schemas.ts";
import { API_VERSIONS } from "../../src/api-versions.ts";
import { SCHEMAS_BY_VERSION } from "../../src/schema/catalog-schemas.ts";
import { spec } from "./openapi-responses.ts";

const seed = JSON.parse(readFileSync(new URL("../fixtures/airbyte-source-intercom/seed-schema-fields.json", import.meta.url), "utf8")) as {
  fields: Record<string, string[]>;
};

describe("the seed connector's fields", () => {
  for (const version of API_VERSIONS) {
    test(`${version}: every field of its stream schemas is declared, but those it adds itself or the version moved`, () => {
      const missing = Object.entries(seed.fields).flatMap(([stream, fields]) =>
        fields
          .filter((field) => SCHEMAS_BY_VERSION[version][stream]?.properties?.[field] === undefined)
          .filter((field) => SEED_FIELDS_NOT_OURS[stream]?.[field] === undefined && SEED_FIELDS_MOVED[version]?.[stream]?.[field] === undefined)
          .map((field) => `${stream}.${field}`)
      );
      expect(missing).toEqual([]);
    });
  }
});

describe("additions", () => {
  test("each names a stream and where it was seen; the description of the added field says so", () => {
    for (const addition of SCHEMA_ADDITIONS) {
      expect(addition.sources.length).toBeGreaterThan(0);
      for (const stream of addition.streams) {
        const field = SCHEMAS_BY_VERSION["2.11"][stream]?.properties?.[addition.field];
        expect({ stream, field: addition.field, declared: field !== undefined }).toEqual({ stream, field: addition.field, declared: true });
        if (field?.description?.startsWith("Added by intercom-sync")) {
          for (const source of addition.sources) expect(field.description).toContain(SOURCE_NAMES[source]);
        }
      }
    }
  });

  test("each adds a field some version's description lacks (none is dead weight)", async () => {
    const docs = await Promise.all(API_VERSIONS.map((version) => spec(version)));
    for (const addition of SCHEMA_ADDITIONS) {
      for (const stream of addition.streams) {
        const source = STREAM_SOURCES.find((s) => s.stream === stream)!;
        const lackedBy = API_VERSIONS.filter((version, i) =>
          generateStreamSchema(docs[i]!, source, [], version).properties?.[addition.field]?.description?.startsWith("Added by")
        );
        expect({ stream, field: addition.field, lackedBy: lackedBy.length > 0 }).toEqual({ stream, field: addition.field, lackedBy: true });
      }
    }
  });
});

describe("format corrections", () => {
  test("each names a field of every version's schema, which now has the corrected format", () => {
    for (const version of API_VERSIONS) {
      for (const correction of FORMAT_CORRECTIONS) {
        for (const stream of correction.streams) {
          for (const path of correction.paths) {
            const node = schemaNodeAt(SCHEMAS_BY_VERSION[version][stream]!, path);
            expect({ version, stream, path, exists: node !== undefined, format: node?.format }).toEqual({
              version,
              stream,
              path,
              exists: true,
              format: correction.format,
            });
          }
        }
      }
    }
  });

  test("the contact lists' urls are relative references, as Intercom sends them", () => {
    const contacts = SCHEMAS_BY_VERSION["2.11"].contacts!;
    for (const path of ["tags.url", "notes.url", "companies.url", "opted_in_subscription_types.url"]) {
      expect({ path, format: schemaNodeAt(contacts, path)?.format }).toEqual({ path, format: "uri-reference" });
    }
  });
});
