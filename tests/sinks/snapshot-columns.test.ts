/** A snapshot's columns come from the stream's schema; each cell is typed, or NULL when the value does not fit. */
import { expect, test } from "bun:test";
import { fieldValue, propertyKind, snapshotColumns, snapshotValue } from "../../src/sinks/snapshot-columns.ts";
import { customAttributeKind } from "../../src/sinks/custom-attributes.ts";
import type { StreamInfo } from "../../src/sinks/types.ts";

const stream: StreamInfo = {
  name: "contacts",
  primaryKey: ["id"],
  cursorField: "updated_at",
  schema: {
    type: "object",
    properties: {
      updated_at: { type: "integer", format: "unix-time" },
      id: { type: "string" },
      seats: { type: ["integer", "null"] },
      score: { type: "number" },
      both: { anyOf: [{ type: "integer" }, { type: "number" }] },
      vip: { type: "boolean" },
      mixed: { type: ["string", "integer"] },
      location: { type: ["object", "null"] },
      tags: { type: "array" },
      Data: { type: "string" },
    },
  },
};

test("columns: the key, the cursor, every property typed, custom attributes, then data, _synced_at, _deleted_at", () => {
  const columns = snapshotColumns(stream, [{ name: "plan", kind: "string" }, { name: "seats", kind: "integer" }]);
  expect(columns.map((column) => [column.name, column.kind])).toEqual([
    ["id", "string"],
    ["updated_at", "timestamp"],
    ["seats", "integer"],
    ["score", "float"],
    ["both", "float"],
    ["vip", "boolean"],
    ["mixed", "string"],
    ["location", "json"],
    ["tags", "json"],
    // "Data" is left out: readers match column names case-insensitively and `data` is the record.
    ["custom_plan", "string"],
    ["custom_seats", "integer"],
    ["data", "json"],
    ["_synced_at", "timestamp"],
    ["_deleted_at", "timestamp"],
  ]);
});

test("cells: integers as bigint, unix seconds as Date, objects as JSON text; a value not of its type is NULL", () => {
  expect(fieldValue("integer", 42)).toBe(42n);
  expect(fieldValue("integer", 1.5)).toBeNull();
  expect(fieldValue("integer", "42")).toBeNull();
  expect(fieldValue("float", 3)).toBe(3);
  expect(fieldValue("boolean", true)).toBe(true);
  expect(fieldValue("boolean", 1)).toBeNull();
  expect(fieldValue("timestamp", 1734537460)).toEqual(new Date(1734537460000));
  expect(fieldValue("timestamp", "2026-10-01")).toEqual(new Date("2026-10-01T00:00:00Z"));
  expect(fieldValue("timestamp", "soon")).toBeNull();
  expect(fieldValue("string", 7)).toBe("7");
  expect(fieldValue("json", { a: [1] })).toBe('{"a":[1]}');
  expect(fieldValue("json", null)).toBeNull();
  expect(propertyKind(undefined)).toBe("json");
});

test("a custom attribute's cell is its custom_attributes value; bookkeeping cells come from the stored row", () => {
  const columns = snapshotColumns(stream, [{ name: "seats", kind: "integer" }]);
  const record = { id: "c1", updated_at: 10, custom_attributes: { seats: 3 } };
  const row = { record, data: JSON.stringify(record), syncedAt: 20, deletedAt: 30 };
  const cells = Object.fromEntries(columns.map((column) => [column.name, snapshotValue(column, row)]));
  expect(cells).toMatchObject({
    id: "c1",
    custom_seats: 3n,
    data: row.data,
    _synced_at: new Date(20_000),
    _deleted_at: new Date(30_000),
    seats: null,
  });
  expect(snapshotValue(columns.find((c) => c.name === "custom_seats")!, { ...row, record: { id: "c2" } })).toBeNull();
});

test("data_type → column kind: string, integer, float, boolean, date as a timestamp, anything else JSON text", () => {
  expect(["string", "integer", "float", "boolean", "date", "list", undefined].map(customAttributeKind)).toEqual([
    "string",
    "integer",
    "float",
    "boolean",
    "timestamp",
    "json",
    "json",
  ]);
});
