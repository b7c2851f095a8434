/** Catalog schemas in draft-07, and schema mismatches as one summary line per run. */
import { describe, expect, test } from "bun:test";
import { DRAFT_07, toDraft07 } from "../../src/protocols/draft-07.ts";
import { mismatchSummary } from "../../src/protocols/mismatch-summary.ts";
import { STREAM_SCHEMAS } from "../../src/streams/schemas.ts";

describe("toDraft07", () => {
  test("every stream schema converts: only $schema changes", () => {
    for (const [name, schema] of Object.entries(STREAM_SCHEMAS)) {
      const { $schema, ...rest } = toDraft07(schema) as Record<string, unknown>;
      expect({ name, $schema }).toEqual({ name, $schema: DRAFT_07 });
      const { $schema: _, ...original } = schema as Record<string, unknown>;
      expect(rest).toEqual(original);
    }
  });

  test("$defs become definitions; a 2020-12-only keyword is refused", () => {
    expect(toDraft07({ $defs: { a: { type: "string" } }, properties: { x: { $ref: "#/$defs/a" } } } as never)).toEqual({
      $schema: DRAFT_07,
      definitions: { a: { type: "string" } },
      properties: { x: { $ref: "#/definitions/a" } },
    } as never);
    expect(() => toDraft07({ properties: { x: { prefixItems: [] } } } as never)).toThrow(/prefixItems/);
  });
});

describe("mismatchSummary", () => {
  test("nothing → no line; rows → one line, long lists shortened", () => {
    expect(mismatchSummary([])).toBeUndefined();
    const row = (field: string, count: number) => ({ stream: "contacts", field, expected: "string", received: "null", count });
    expect(mismatchSummary([row("email", 3), row("name", 1)])).toBe(
      "records that do not match their schema (written all the same): contacts.email expected string, got null (3 records); contacts.name expected string, got null (1 record)",
    );
    expect(mismatchSummary(Array.from({ length: 25 }, (_, i) => row(`f${i}`, 1)))).toEndWith("; and 5 more");
  });
});
