import { describe, expect, test } from "bun:test";
import { STREAM_SCHEMAS } from "../../src/schema/catalog-schemas.ts";
import type { JsonSchema } from "../../src/schema/json-schema.ts";
import { createRecordValidator, describe as describeSchema, jsonType } from "../../src/schema/validate.ts";

const schema: JsonSchema = {
  type: "object",
  required: ["id"],
  additionalProperties: true,
  properties: {
    id: { type: "string" },
    count: { type: "integer" },
    score: { type: "number" },
    name: { type: ["string", "null"] },
    state: { type: "string", enum: ["open", "closed"] },
    owner: {
      type: ["object", "null"],
      additionalProperties: true,
      properties: { id: { type: "string" }, email: { type: "string" } },
    },
    parts: {
      type: "object",
      additionalProperties: true,
      properties: {
        items: {
          type: "array",
          items: { type: "object", additionalProperties: true, properties: { author: { type: "object", properties: { id: { type: "string" } } } } },
        },
      },
    },
    value: { anyOf: [{ type: "string" }, { type: "integer" }] },
    anything: {},
  },
};

const check = createRecordValidator(schema);

describe("createRecordValidator", () => {
  test("a record that matches has no mismatches", () => {
    expect(check({ id: "1", count: 2, score: 2.5, name: "x", state: "open", owner: { id: "a" }, value: 3, anything: [1] })).toEqual([]);
  });

  test("unknown extra fields, at the top and nested, are not mismatches", () => {
    expect(check({ id: "1", brand_new: { deep: true }, owner: { id: "a", since: 1 }, parts: { items: [{ extra: 1 }], more: [] } })).toEqual([]);
  });

  test("null is accepted where the schema is nullable, and flagged where it is not", () => {
    expect(check({ id: "1", name: null, owner: null })).toEqual([]);
    expect(check({ id: "1", count: null })).toEqual([{ field: "count", expected: "integer", received: "null" }]);
  });

  test("absent optional fields are fine; an absent primary key is reported as missing", () => {
    expect(check({ id: "1" })).toEqual([]);
    expect(check({})).toEqual([{ field: "id", expected: "string", received: "missing" }]);
  });

  test("a wrong top-level type names the field, what the schema wants and the JSON type found", () => {
    expect(check({ id: 7 })).toEqual([{ field: "id", expected: "string", received: "integer" }]);
    expect(check({ id: "1", name: 5 })).toEqual([{ field: "name", expected: "string | null", received: "integer" }]);
  });

  test("a fractional number where an integer is declared is a mismatch; an integer where a number is declared is not", () => {
    expect(check({ id: "1", count: 1.5, score: 3 })).toEqual([{ field: "count", expected: "integer", received: "number" }]);
  });

  test("a wrong nested type is reported with its dotted path", () => {
    expect(check({ id: "1", owner: { id: 42 } })).toEqual([{ field: "owner.id", expected: "string", received: "integer" }]);
  });

  test("array items are written [] and a field failing in many items counts once per record", () => {
    const record = { id: "1", parts: { items: [{ author: { id: 1 } }, { author: { id: "ok" } }, { author: { id: 3 } }] } };
    expect(check(record)).toEqual([{ field: "parts.items[].author.id", expected: "string", received: "integer" }]);
  });

  test("an array where an object is declared is a mismatch (valibot alone would accept it)", () => {
    expect(check({ id: "1", parts: [] })).toEqual([{ field: "parts", expected: "object", received: "array" }]);
    expect(check([])).toEqual([{ field: "", expected: "object", received: "array" }]);
  });

  test("an enum miss shows the unexpected value; a wrong type under an enum shows only the type", () => {
    expect(check({ id: "1", state: "pending" })).toEqual([{ field: "state", expected: '"open" | "closed"', received: '"pending"' }]);
    expect(check({ id: "1", state: 3 })).toEqual([{ field: "state", expected: '"open" | "closed"', received: "integer" }]);
  });

  test("a long enum value is cut short so summaries stay small", () => {
    const [mismatch] = check({ id: "1", state: "x".repeat(500) });
    expect(mismatch!.received.length).toBeLessThanOrEqual(40);
  });

  test("anyOf accepts any branch and describes all of them on a miss", () => {
    expect(check({ id: "1", value: "a" })).toEqual([]);
    expect(check({ id: "1", value: true })).toEqual([{ field: "value", expected: "string | integer", received: "boolean" }]);
  });

  test("a record that is not an object at all is one mismatch on the record itself", () => {
    expect(check(null)).toEqual([{ field: "", expected: "object", received: "null" }]);
    expect(check("x")).toEqual([{ field: "", expected: "object", received: "string" }]);
  });

  test("several mismatches in one record are all reported", () => {
    expect(check({ id: "1", count: "2", owner: { email: 1 } }).map((m) => m.field)).toEqual(["count", "owner.email"]);
  });
});

describe("helpers", () => {
  test("jsonType tells integers from other numbers, as JSON Schema does", () => {
    expect([1, 1.5, "s", true, null, [], {}, undefined].map(jsonType)).toEqual([
      "integer",
      "number",
      "string",
      "boolean",
      "null",
      "array",
      "object",
      "missing",
    ]);
  });

  test("describe lists enum literals, types and anyOf branches", () => {
    expect(describeSchema({ enum: ["a", null] })).toBe('"a" | null');
    expect(describeSchema({ type: ["object", "null"] })).toBe("object | null");
    expect(describeSchema({})).toBe("any");
  });
});

describe("on the real stream schemas", () => {
  test("a contact with a string timestamp and a nested wrong type is caught with dotted fields", () => {
    const contacts = createRecordValidator(STREAM_SCHEMAS.contacts!);
    expect(contacts({ id: "c1", updated_at: "2024-01-01", location: { city: 12 }, custom_attributes: { any: ["thing"] } })).toEqual([
      { field: "updated_at", expected: "integer", received: "string" },
      { field: "location.city", expected: "string | null", received: "integer" },
    ]);
  });

  test("validating 10k conversations reuses one compiled schema (benchmark, no timing assertion)", () => {
    const conversations = createRecordValidator(STREAM_SCHEMAS.conversations!);
    const record = (i: number) => ({
      type: "conversation",
      id: String(i),
      created_at: 1719492825,
      updated_at: 1719492825 + i,
      state: i % 100 === 0 ? "archived" : "open",
      open: true,
      read: false,
      admin_assignee_id: i % 7 === 0 ? null : 991267715,
      source: { type: "conversation", id: "1", author: { type: "admin", id: "2", name: null, email: "a@b.c" }, attachments: [] },
      contacts: { type: "contact.list", contacts: [{ type: "contact", id: "c", external_id: "70" }] },
      tags: { type: "tag.list", tags: [{ type: "tag", id: "1", name: "vip" }] },
      statistics: null,
      custom_attributes: { tier: "gold", seats: i },
      future_field: { nested: [1, 2, 3] },
    });
    const records = Array.from({ length: 10_000 }, (_, i) => record(i));
    const started = performance.now();
    let mismatches = 0;
    for (const r of records) mismatches += conversations(r).length;
    const ms = performance.now() - started;
    console.log(`validated 10k conversations in ${ms.toFixed(0)} ms (${((ms * 1000) / records.length).toFixed(1)} µs/record)`);
    expect(mismatches).toBe(100); // the "archived" state on every 100th record
  });
});
