/**
 * The yes/no twin (fast-check.ts) must agree with valibot on every value: it decides alone whether a record is
 * reported. Values are generated from every stream schema of every API version, mostly right and with a few
 * wrong spots (wrong type, a fraction for an integer, a missing required key, an enum miss, an array for an
 * object), plus records from the fake Intercom.
 */
import { describe, expect, test } from "bun:test";
import * as v from "valibot";
import { createFakeIntercom } from "../../src/fake/mod.ts";
import { SCHEMAS_BY_VERSION } from "../../src/schema/catalog-schemas.ts";
import { fastCheck } from "../../src/schema/fast-check.ts";
import type { JsonSchema } from "../../src/schema/json-schema.ts";
import { createRecordValidator, toValibot } from "../../src/schema/validate.ts";

/** A small seeded generator (mulberry32), so a failure reproduces. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WRONG: unknown[] = ["text", 7, 1.5, true, null, [], {}, [1, "a"], { id: 1 }, -0, ""];

/** A value for `schema`: right, except that each node is wrong with probability `wrongRate`. */
function sample(schema: JsonSchema, next: () => number, wrongRate: number, depth = 0): unknown {
  if (next() < wrongRate || depth > 6) return WRONG[Math.floor(next() * WRONG.length)];
  if (schema.anyOf) return sample(schema.anyOf[Math.floor(next() * schema.anyOf.length)]!, next, wrongRate, depth + 1);
  if (schema.enum) return next() < 0.1 ? "not-in-the-enum" : schema.enum[Math.floor(next() * schema.enum.length)];
  const types = schema.type === undefined ? ["string"] : Array.isArray(schema.type) ? schema.type : [schema.type];
  const type = types[Math.floor(next() * types.length)];
  switch (type) {
    case "null":
      return null;
    case "string":
      return "s";
    case "integer":
      return Math.floor(next() * 1000);
    case "number":
      return next() * 10;
    case "boolean":
      return next() < 0.5;
    case "array":
      return Array.from({ length: Math.floor(next() * 3) }, () => (schema.items ? sample(schema.items, next, wrongRate, depth + 1) : 1));
    default: {
      const out: Record<string, unknown> = {};
      const required = new Set(schema.required ?? []);
      for (const [key, property] of Object.entries(schema.properties ?? {})) {
        // Optional keys are left out now and then; required ones only as a (rare) mistake.
        if (next() < (required.has(key) ? wrongRate : 0.2)) continue;
        out[key] = sample(property, next, wrongRate, depth + 1);
      }
      return out;
    }
  }
}

describe("fastCheck agrees with valibot", () => {
  for (const [version, schemas] of Object.entries(SCHEMAS_BY_VERSION)) {
    test(`every stream schema of API ${version}`, () => {
      const disagreements: string[] = [];
      let failing = 0;
      let passing = 0;
      for (const [stream, schema] of Object.entries(schemas)) {
        const compiled = toValibot(schema);
        const matches = fastCheck(compiled);
        const next = random(stream.length * 7919 + Number(version.replace(".", "")));
        for (let i = 0; i < 300; i++) {
          const value = sample(schema, next, i < 100 ? 0 : i < 200 ? 0.01 : 0.1);
          const expected = v.safeParse(compiled, value).success;
          if (expected) passing++;
          else failing++;
          if (matches(value) !== expected) disagreements.push(`${stream} #${i}: valibot ${expected}`);
        }
        for (const value of WRONG) {
          if (matches(value) !== v.safeParse(compiled, value).success) disagreements.push(`${stream}: ${JSON.stringify(value)}`);
        }
      }
      expect(disagreements.slice(0, 10)).toEqual([]);
      // Both verdicts really occur, so agreement means something.
      expect(failing).toBeGreaterThan(100);
      expect(passing).toBeGreaterThan(100);
    });
  }

  test("a key valibot finds on the prototype chain (`constructor`) counts as present, as valibot does", () => {
    const properties: Record<string, JsonSchema> = Object.fromEntries([["constructor", { type: "string" }]]);
    const compiled = toValibot({ type: "object", required: ["constructor"], properties });
    expect(fastCheck(compiled)({})).toBe(v.safeParse(compiled, {}).success);
    expect(fastCheck(compiled)({ constructor: "x" })).toBe(true);
  });

  test("an integer field with a fraction, NaN for a number, an array for an object all fail", () => {
    const schema: JsonSchema = {
      type: "object",
      properties: { n: { type: "integer" }, x: { type: "number" }, o: { type: ["object", "null"], properties: {} } },
    };
    const matches = fastCheck(toValibot(schema));
    expect(matches({ n: 1, x: 1.5, o: null })).toBe(true);
    expect(matches({ n: 1.5 })).toBe(false);
    expect(matches({ x: Number.NaN })).toBe(false);
    expect(matches({ o: [] })).toBe(false);
  });

  test("records of the fake Intercom: same verdict, same mismatches as valibot alone", async () => {
    const fake = createFakeIntercom({ seed: 3, sizes: { contacts: 300, conversations: 40 }, rateLimit: { limit: 1e9, windowMs: 10_000 } });
    const post = async (path: string) => {
      const response = await fake.handler(
        new Request(`http://fake.local${path}`, {
          method: "POST",
          headers: { Authorization: "Bearer test-token", "Content-Type": "application/json" },
          body: JSON.stringify({ query: { field: "updated_at", operator: "<", value: 4e9 }, pagination: { per_page: 150 } }),
        }),
      );
      const body = (await response.json()) as { data?: Record<string, unknown>[]; conversations?: Record<string, unknown>[] };
      return body.data ?? body.conversations ?? [];
    };
    const schemas = SCHEMAS_BY_VERSION["2.11"];
    for (const [stream, records] of [["contacts", await post("/contacts/search")], ["conversations", await post("/conversations/search")]] as const) {
      const compiled = toValibot(schemas[stream]!);
      const validate = createRecordValidator(schemas[stream]!);
      expect(records.length).toBeGreaterThan(0);
      for (const record of records) {
        const broken = { ...record, updated_at: "yesterday" };
        expect(fastCheck(compiled)(record)).toBe(v.safeParse(compiled, record).success);
        expect(fastCheck(compiled)(broken)).toBe(false);
        expect(validate(broken)).toContainEqual({ field: "updated_at", expected: "integer", received: "string" });
      }
    }
  });
});
