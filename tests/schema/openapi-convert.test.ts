import { expect, test } from "bun:test";
import { convertOpenApiSchema, type OpenApiDocument } from "../../scripts/gen-schemas.ts";

const doc: OpenApiDocument = {
  paths: {},
  components: {
    schemas: {
      node: {
        type: "object",
        required: ["id", "kind"],
        properties: {
          id: { type: "string" },
          kind: { type: "string", enum: ["a", "b"] },
          type: { type: "string", enum: ["node"] },
          at: { type: "integer", format: "date-time", nullable: true },
          parent: { $ref: "#/components/schemas/node" },
          ref: { $ref: "#/components/schemas/ref", nullable: true },
          merged: { type: "object", nullable: true, allOf: [{ $ref: "#/components/schemas/ref" }] },
          either: { oneOf: [{ type: "string" }, { type: "integer" }], nullable: true },
          dangling: { $ref: "#/components/schemas/nowhere" },
          map: { type: "object", additionalProperties: { type: "string" } },
        },
      },
      ref: { type: "object", required: ["type"], properties: { type: { type: "string", enum: ["ref"] } } },
    },
  },
};
const root = { $ref: "#/components/schemas/node" };

test("nullable becomes a type array with null; integer date-time becomes format unix-time", () => {
  const schema = convertOpenApiSchema(doc, root, { strict: false });
  expect(schema.properties?.at).toEqual({ type: ["integer", "null"], format: "unix-time" });
});

test("$ref with a nullable sibling, and allOf with nullable, both resolve and accept null", () => {
  const schema = convertOpenApiSchema(doc, root, { strict: true });
  expect(schema.properties?.ref?.type).toEqual(["object", "null"]);
  expect(schema.properties?.merged).toMatchObject({ type: ["object", "null"], required: ["type"] });
  expect(schema.properties?.merged?.properties?.type).toEqual({ type: "string", enum: ["ref"] });
});

test("oneOf becomes anyOf, with a null branch when nullable", () => {
  const schema = convertOpenApiSchema(doc, root, { strict: false });
  expect(schema.properties?.either).toEqual({ anyOf: [{ type: "string" }, { type: "integer" }, { type: "null" }] });
});

test("a recursive $ref is expanded once and then left open, so generation terminates", () => {
  const schema = convertOpenApiSchema(doc, root, { strict: false });
  expect(schema.properties?.parent?.description).toContain("Left open");
  expect(schema.properties?.parent?.type).toBeUndefined();
});

test("a $ref to an undefined component is left open instead of failing", () => {
  const schema = convertOpenApiSchema(doc, root, { strict: false });
  expect(schema.properties?.dangling).toEqual({ description: "Left open: #/components/schemas/nowhere is not defined in the spec." });
});

test("every object allows unknown properties, typed maps included", () => {
  const schema = convertOpenApiSchema(doc, root, { strict: false });
  expect(schema.additionalProperties).toBe(true);
  expect(schema.properties?.map?.additionalProperties).toBe(true);
});

test("lax mode drops required lists and multi-valued enums, keeps the record's own type, and lets sub-objects be null", () => {
  const schema = convertOpenApiSchema(doc, root, { strict: false });
  expect(schema.required).toBeUndefined();
  expect(schema.properties?.kind?.enum).toBeUndefined();
  expect(schema.properties?.type?.enum).toEqual(["node"]);
  expect(schema.properties?.map?.type).toEqual(["object", "null"]);
});

test("strict mode keeps the spec's required lists and every enum", () => {
  const schema = convertOpenApiSchema(doc, root, { strict: true });
  expect(schema.required).toEqual(["id", "kind"]);
  expect(schema.properties?.kind?.enum).toEqual(["a", "b"]);
  expect(schema.properties?.map?.type).toBe("object");
});
