/**
 * Our stream schemas are JSON Schema 2020-12; Airbyte (and most Singer targets) expect draft-07. The schemas use
 * only keywords both drafts share, so the conversion is the `$schema` URI plus, should they ever appear,
 * `$defs` → `definitions` with their `$ref`s. A 2020-12-only keyword fails loudly instead of being misread.
 * @example
 * toDraft07({ $schema: "https://json-schema.org/draft/2020-12/schema", type: "object" })
 * // { $schema: "http://json-schema.org/draft-07/schema#", type: "object" }
 */
import type { JsonSchema } from "../schema/json-schema.ts";

export const DRAFT_07 = "http://json-schema.org/draft-07/schema#";

const ONLY_2020_12 = [
  "prefixItems",
  "dependentRequired",
  "dependentSchemas",
  "unevaluatedProperties",
  "unevaluatedItems",
  "$dynamicRef",
  "$dynamicAnchor",
];

export function toDraft07(schema: JsonSchema): JsonSchema {
  const converted = convert(schema, "$") as Record<string, unknown>;
  return { ...converted, $schema: DRAFT_07 } as JsonSchema;
}

function convert(value: unknown, path: string): unknown {
  if (Array.isArray(value)) return value.map((item, index) => convert(item, `${path}[${index}]`));
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (ONLY_2020_12.includes(key)) throw new Error(`${path}.${key} has no draft-07 equivalent`);
    if (key === "$defs") out.definitions = convert(inner, `${path}.definitions`);
    else if (key === "$ref" && typeof inner === "string") out.$ref = inner.replace(/^#\/\$defs\//, "#/definitions/");
    else out[key] = convert(inner, `${path}.${key}`);
  }
  return out;
}
