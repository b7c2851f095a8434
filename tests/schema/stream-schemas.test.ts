import { describe, expect, test } from "bun:test";
import { STREAM_SCHEMAS } from "../../src/streams/schemas.ts";
import type { JsonSchema } from "../../src/schema/json-schema.ts";

const EXPECTED_KEYS: Record<string, { primaryKey: string[]; cursorField?: string }> = {
  admins: { primaryKey: ["id"] },
  teams: { primaryKey: ["id"] },
  tags: { primaryKey: ["id"] },
  segments: { primaryKey: ["id"], cursorField: "updated_at" },
  company_attributes: { primaryKey: ["model", "full_name"] },
  contact_attributes: { primaryKey: ["model", "full_name"] },
  companies: { primaryKey: ["id"], cursorField: "updated_at" },
  company_segments: { primaryKey: ["company_id", "id"], cursorField: "updated_at" },
  contacts: { primaryKey: ["id"], cursorField: "updated_at" },
  conversations: { primaryKey: ["id"], cursorField: "updated_at" },
  conversation_parts: { primaryKey: ["conversation_id", "id"] },
  tickets: { primaryKey: ["id"], cursorField: "updated_at" },
  activity_logs: { primaryKey: ["id"], cursorField: "created_at" },
};

function* objectNodes(schema: JsonSchema, path = ""): Generator<[string, JsonSchema]> {
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.includes("object")) yield [path || "(record)", schema];
  for (const [key, child] of Object.entries(schema.properties ?? {})) yield* objectNodes(child, path ? `${path}.${key}` : key);
  if (schema.items !== undefined) yield* objectNodes(schema.items, `${path}[]`);
  for (const branch of schema.anyOf ?? []) yield* objectNodes(branch, path);
}

describe.each(Object.entries(EXPECTED_KEYS))("%s schema", (stream, keys) => {
  const schema = STREAM_SCHEMAS[stream]!;

  test("declares the agreed primary key and cursor field", () => {
    expect(schema["x-primary-key"]).toEqual(keys.primaryKey);
    expect(schema["x-cursor-field"]).toBe(keys.cursorField);
  });

  test("requires only the primary key fields, which are non-null strings", () => {
    expect(schema.required).toEqual(keys.primaryKey);
    for (const key of keys.primaryKey) expect(schema.properties?.[key]?.type).toBe("string");
    for (const [path, node] of objectNodes(schema)) {
      if (path !== "(record)") expect(node.required, `${path} must not require anything`).toBeUndefined();
    }
  });

  test("the cursor field is a unix-seconds integer", () => {
    if (keys.cursorField === undefined) return;
    const cursor = schema.properties?.[keys.cursorField];
    expect(cursor?.type).toBe("integer");
  });

  test("every object, however deep, allows unknown properties", () => {
    for (const [path, node] of objectNodes(schema)) expect(node.additionalProperties, path).toBe(true);
  });

  test("is a draft 2020-12 schema with a title naming the stream", () => {
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema.title).toBe(stream);
  });
});

test("the data attribute streams document why (model, full_name) is their key", () => {
  for (const stream of ["company_attributes", "contact_attributes"]) {
    expect(STREAM_SCHEMAS[stream]!.description).toContain("Primary key (model, full_name)");
  }
});

test("conversations say that list/search items carry no conversation_parts, and the property stays optional", () => {
  const schema = STREAM_SCHEMAS.conversations!;
  expect(schema.description).toContain("no conversation_parts");
  expect(schema.properties?.conversation_parts).toBeDefined();
});

test("nullable OpenAPI fields become a type array including null", () => {
  expect(STREAM_SCHEMAS.contacts!.properties?.external_id?.type).toEqual(["string", "null"]);
  expect(STREAM_SCHEMAS.conversations!.properties?.admin_assignee_id?.type).toEqual(["integer", "null"]);
});

test("growing vocabularies are not enums, so a new value is not a mismatch", () => {
  expect(STREAM_SCHEMAS.activity_logs!.properties?.activity_type?.enum).toBeUndefined();
  expect(STREAM_SCHEMAS.conversation_parts!.properties?.part_type?.enum).toBeUndefined();
  expect(STREAM_SCHEMAS.tickets!.properties?.ticket_state?.enum).toBeUndefined();
  expect(STREAM_SCHEMAS.conversations!.properties?.state?.enum).toEqual(["open", "closed", "snoozed"]);
});
