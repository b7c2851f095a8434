/**
 * The `data` column is JSON.stringify of the record without a replacer (its fast path); a bigint, which only
 * a caller's own records can hold, still becomes its digits as before instead of failing the page.
 */
import { describe, expect, test } from "bun:test";
import { rowValues, toSqlValue } from "../../src/sinks/sqlite-row.ts";
import { tableLayout } from "../../src/sinks/table-layout.ts";

const layout = tableLayout({
  name: "things",
  primaryKey: ["id"],
  cursorField: "updated_at",
  schema: { type: "object", properties: { id: { type: "string" }, updated_at: { type: "integer" }, tags: { type: "object" } } },
});

describe("rowValues", () => {
  test("data is the record's JSON text, exactly as JSON.stringify writes it", () => {
    const record = { id: "1", updated_at: 5, tags: { list: [1, "two", null], nested: { "é": "ü" } }, extra: 1.5 };
    const values = rowValues(layout, record, 99);
    expect(values).toEqual(["1", 5, JSON.stringify(record), 99, null]); // _deleted_at: a written record lives
  });

  test("a bigint anywhere in the record is written as its digits, as before", () => {
    const record = { id: "1", updated_at: 5, tags: { big: 12345678901234567890n } };
    const [, , data] = rowValues(layout, record, 99);
    expect(data).toBe('{"id":"1","updated_at":5,"tags":{"big":"12345678901234567890"}}');
    expect(toSqlValue({ big: 1n })).toBe('{"big":"1"}');
  });

  test("a record that cannot be JSON at all (a cycle) still fails loudly", () => {
    const record: Record<string, unknown> = { id: "1", updated_at: 5 };
    record.self = record;
    expect(() => rowValues(layout, record, 99)).toThrow(TypeError);
  });
});
