/**
 * The named overrides in scripts/schema-overrides.ts stay honest, for every API version: each names a field the
 * version's description really has, each widens what the description declares (an override limited to some
 * versions says why for each of the others; an override that adds nothing is dead weight, one whose field
 * was renamed would silently do nothing), each says why, and the committed schemas carry them.
 */
import { describe, expect, test } from "bun:test";
import { generateStreamSchema, STREAM_SOURCES } from "../../scripts/gen-schemas.ts";
import { declaredTypes, SCHEMA_OVERRIDES, schemaNodeAt } from "../../scripts/schema-overrides.ts";
import { API_VERSIONS } from "../../src/api-versions.ts";
import { SCHEMAS_BY_VERSION } from "../../src/schema/catalog-schemas.ts";
import { spec } from "./openapi-responses.ts";

const rows = SCHEMA_OVERRIDES.flatMap((override) =>
  override.streams.flatMap((stream) => override.paths.map((path) => [`${stream}: ${path}`, stream, path, override] as const))
);

describe("schema overrides", () => {
  test("each (stream, field) is overridden once, and every override gives a reason", () => {
    const names = rows.map(([name]) => name);
    expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([]);
    for (const override of SCHEMA_OVERRIDES) expect(override.why.length, override.paths.join()).toBeGreaterThan(20);
  });

  const perVersion = rows.flatMap(([name, stream, path, override]) =>
    API_VERSIONS.map((version) => [`${version} ${name}`, version, stream, path, override] as const)
  );

  test.each(perVersion)("%s: applies where the description is too narrow, and only there", async (_name, version, stream, path, override) => {
    const source = STREAM_SOURCES.find((s) => s.stream === stream);
    expect(source, `${stream} is not a stream`).toBeDefined();
    const asDescribed = schemaNodeAt(generateStreamSchema(await spec(version), source!, [], version), path);
    const declared = asDescribed === undefined ? undefined : declaredTypes(asDescribed);
    const widens = declared !== undefined && override.add.some((type) => !allows(declared, type));
    const exception = override.except?.[version];
    if (exception !== undefined) {
      // Left out for this version, with the evidence: the field is gone, the description already allows the
      // types, or it documents a different value (2.16 sends 0 where 2.11 sent null).
      expect(exception.length, `${version} ${path}: say why the override is left out`).toBeGreaterThan(10);
      if (exception.includes("declared nullable")) expect(widens, `${version} ${path} is not nullable there`).toBe(false);
      return;
    }
    expect(asDescribed, `${stream} has no field ${path} in the ${version} description`).toBeDefined();
    expect(declared!.length, `${path} declares no type to widen`).toBeGreaterThan(0);
    expect(widens, `${version} ${path} already allows ${override.add.join(", ")}: add ${version} to its except list`).toBe(true);

    const node = schemaNodeAt(SCHEMAS_BY_VERSION[version][stream]!, path)!;
    const committed = declaredTypes(node);
    for (const type of [...declared!, ...override.add]) expect(allows(committed, type), `${path} allows ${type}`).toBe(true);
    expect(node.description).toContain(`Widened by intercom-sync: ${override.why}`);
  });
});

function allows(types: readonly string[], type: string): boolean {
  return types.includes(type) || (type === "integer" && types.includes("number"));
}
