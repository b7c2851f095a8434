import { describe, expect, test } from "bun:test";
import { createTableSql, quoteIdentifier, scalarType, tableLayout, upsertSql } from "../../src/sinks/table-layout.ts";
import { companySegmentsStream, contactsStream } from "./fixtures.ts";

describe("tableLayout", () => {
  test("columns are key, cursor, scalar properties in schema order, then data, _synced_at and _deleted_at", () => {
    const layout = tableLayout(contactsStream);
    expect(layout.table).toBe("contacts");
    expect(layout.primaryKey).toEqual(["id"]);
    expect(layout.columns.map((c) => [c.name, c.type])).toEqual([
      ["id", "TEXT"],
      ["updated_at", "INTEGER"],
      ["email", "TEXT"],
      ["has_hard_bounced", "INTEGER"],
      ["score", "REAL"],
      ["data", "TEXT"],
      ["_synced_at", "INTEGER"],
      ["_deleted_at", "INTEGER"],
    ]);
  });

  test("objects and arrays get no column: they live only in data", () => {
    const names = tableLayout(contactsStream).columns.map((c) => c.name);
    expect(names).not.toContain("location");
    expect(names).not.toContain("tags");
  });

  test("a composite key keeps its order", () => {
    expect(tableLayout(companySegmentsStream).primaryKey).toEqual(["company_id", "id"]);
  });

  test("a key or cursor missing from the schema still gets an untyped column", () => {
    const layout = tableLayout({ name: "s", primaryKey: ["id"], cursorField: "ts", schema: { properties: {} } });
    expect(layout.columns.map((c) => [c.name, c.type])).toEqual([
      ["id", ""],
      ["ts", ""],
      ["data", "TEXT"],
      ["_synced_at", "INTEGER"],
      ["_deleted_at", "INTEGER"],
    ]);
  });

  test("a property named data, _synced_at or _deleted_at, or differing only in case, does not clash", () => {
    const layout = tableLayout({
      name: "s",
      primaryKey: ["id"],
      schema: {
        properties: {
          id: { type: "string" },
          ID: { type: "string" },
          data: { type: "string" },
          _SYNCED_AT: { type: "integer" },
          _deleted_AT: { type: "string" },
        },
      },
    });
    expect(layout.columns.map((c) => c.name)).toEqual(["id", "data", "_synced_at", "_deleted_at"]);
  });

  test("a stream without a key or with a reserved name is refused", () => {
    expect(() => tableLayout({ name: "s", primaryKey: [], schema: {} })).toThrow(/no primary key/);
    expect(() => tableLayout({ name: "_meta", primaryKey: ["id"], schema: {} })).toThrow(/reserved/);
  });
});

describe("scalarType", () => {
  test("maps JSON Schema scalar types, ignoring null", () => {
    expect(scalarType({ type: "string" })).toBe("TEXT");
    expect(scalarType({ type: ["null", "integer"] })).toBe("INTEGER");
    expect(scalarType({ type: ["number", "null"] })).toBe("REAL");
    expect(scalarType({ type: "boolean" })).toBe("INTEGER");
    expect(scalarType({ type: ["integer", "number"] })).toBe("REAL");
    expect(scalarType({ anyOf: [{ type: "string" }, { type: "null" }] })).toBe("TEXT");
  });

  test("mixed scalar types get an untyped column; objects, arrays and untyped properties get none", () => {
    expect(scalarType({ type: ["string", "integer"] })).toBe("");
    expect(scalarType({ type: ["object", "null"] })).toBeUndefined();
    expect(scalarType({ type: "array" })).toBeUndefined();
    expect(scalarType({})).toBeUndefined();
    expect(scalarType({ type: "null" })).toBeUndefined();
  });
});

describe("SQL", () => {
  test("identifiers are double-quoted with inner quotes doubled", () => {
    expect(quoteIdentifier('we"ird')).toBe('"we""ird"');
    expect(quoteIdentifier("select")).toBe('"select"');
    expect(() => quoteIdentifier("a\0b")).toThrow(/NUL/);
  });

  test("the table declares the composite primary key with NOT NULL key columns", () => {
    const sql = createTableSql(tableLayout(companySegmentsStream));
    expect(sql).toContain('"company_id" TEXT NOT NULL');
    expect(sql).toContain('"id" TEXT NOT NULL');
    expect(sql).toContain('"name" TEXT,');
    expect(sql).toContain('PRIMARY KEY ("company_id", "id")');
  });

  test("the upsert updates every non-key column from excluded", () => {
    const sql = upsertSql(tableLayout(companySegmentsStream));
    expect(sql).toContain('ON CONFLICT ("company_id", "id") DO UPDATE SET');
    expect(sql).toContain('"name" = excluded."name", "data" = excluded."data", "_synced_at" = excluded."_synced_at"');
    expect(sql).not.toContain('"id" = excluded');
  });
});
