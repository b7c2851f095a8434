import { describe, expect, test } from "bun:test";
import { singerRecordMessage, singerSchemaMessage, singerStateMessage } from "../../src/sinks/singer.ts";
import { companySegmentsStream, contactsStream, FIXED_MS } from "./fixtures.ts";
import { validateSinger } from "./protocol-shapes.ts";

// RFC 3339 date-time with a time zone, as the Singer spec asks for time_extracted.
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

describe("Singer messages match the Singer spec", () => {
  test("SCHEMA names the stream, its schema, key_properties and the cursor as bookmark_properties", () => {
    const message = singerSchemaMessage(contactsStream);
    expect(validateSinger(message)).toEqual([]);
    expect(message).toEqual({
      type: "SCHEMA",
      stream: "contacts",
      schema: contactsStream.schema,
      key_properties: ["id"],
      bookmark_properties: ["updated_at"],
    });
  });

  test("key and bookmark properties are top-level properties of the schema, as the spec requires", () => {
    for (const stream of [contactsStream, companySegmentsStream]) {
      const message = singerSchemaMessage(stream);
      const properties = Object.keys(message.schema.properties ?? {});
      for (const field of [...message.key_properties, ...(message.bookmark_properties ?? [])]) expect(properties).toContain(field);
    }
  });

  test("a stream without a cursor has no bookmark_properties; a composite key keeps its order", () => {
    const message = singerSchemaMessage(companySegmentsStream);
    expect(validateSinger(message)).toEqual([]);
    expect(message.key_properties).toEqual(["company_id", "id"]);
    expect("bookmark_properties" in message).toBe(false);
  });

  test("RECORD carries the record, and time_extracted as RFC 3339 when a time is given", () => {
    const message = singerRecordMessage("contacts", { id: "c1", n: { x: 1 } }, FIXED_MS);
    expect(validateSinger(message)).toEqual([]);
    expect(message).toEqual({ type: "RECORD", stream: "contacts", record: { id: "c1", n: { x: 1 } }, time_extracted: "2024-01-02T03:04:05.000Z" });
    expect(message.time_extracted).toMatch(RFC3339);
    const bare = singerRecordMessage("contacts", { id: "c1" });
    expect(validateSinger(bare)).toEqual([]);
    expect("time_extracted" in bare).toBe(false);
  });

  test("STATE holds bookmarks per stream under value", () => {
    const message = singerStateMessage({ contacts: { updated_at: 1717000000 }, tags: {} });
    expect(validateSinger(message)).toEqual([]);
    expect(message).toEqual({ type: "STATE", value: { bookmarks: { contacts: { updated_at: 1717000000 }, tags: {} } } });
  });
});

describe("the Singer shape check rejects malformed messages", () => {
  test("missing key_properties, a non-object record or a STATE without value are reported", () => {
    expect(validateSinger({ type: "SCHEMA", stream: "x", schema: {} })).toContain("$: missing required key_properties");
    expect(validateSinger({ type: "RECORD", stream: "x", record: [1] })).toHaveLength(1);
    expect(validateSinger({ type: "STATE" })).toContain("$: missing required value");
  });
});
