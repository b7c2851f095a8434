/**
 * The named overrides in scripts/schema-overrides.ts stay honest: each names a field the 2.11 description
 * really has, each widens what the description declares (an override that adds nothing is dead weight, one
 * whose field was renamed would silently do nothing), each says why, and the committed schemas carry them.
 */
import { describe, expect, test } from "bun:test";
import { generateStreamSchema, STREAM_SOURCES } from "../../scripts/gen-schemas.ts";
import { declaredTypes, SCHEMA_OVERRIDES, schemaNodeAt } from "../../scripts/schema-overrides.ts";
import { STREAM_SCHEMAS } from "../../src/schema/catalog-schemas.ts";
import { spec } from "./openapi-responses.ts";

const rows = SCHEMA_OVERRIDES.flatMap((override) =>
  override.streams.flatMap((stream) => override.paths.map((path) => [`${stream}: ${path}`, stream, path, override] as const)),
);

describe("schema overrides", () => {
  test("each (stream, field) is overridden once, and every override gives a reason", () => {
    const names = rows.map(([name]) => name);
    expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([]);
    for (const override of SCHEMA_OVERRIDES) expect(override.why.length, override.paths.join()).toBeGreaterThan(20);
  });

  test.each(rows)("%s: exists in the description and the override widens it", async (_name, stream, path, override) => {
    const source = STREAM_SOURCES.find((s) => s.stream === stream);
    expect(source, `${stream} is not a stream`).toBeDefined();
    const asDescribed = schemaNodeAt(generateStreamSchema(await spec(), source!, []), path);
    expect(asDescribed, `${stream} has no field ${path} in the 2.11 description`).toBeDefined();
    const declared = declaredTypes(asDescribed!);
    expect(declared.length, `${path} declares no type to widen`).toBeGreaterThan(0);
    expect(override.add.some((type) => !declared.includes(type)), `${path} already allows ${override.add.join(", ")}`).toBe(true);

    const committed = declaredTypes(schemaNodeAt(STREAM_SCHEMAS[stream]!, path)!);
    for (const type of [...declared, ...override.add]) {
      expect(committed.includes(type) || (type === "integer" && committed.includes("number")), `${path} allows ${type}`).toBe(true);
    }
    expect(schemaNodeAt(STREAM_SCHEMAS[stream]!, path)!.description).toContain(`Widened by intercom-sync: ${override.why}`);
  });
});
