/**
 * Test helper: what the OpenAPI 2.11 spec says a response looks like (schema and examples), per path,
 * method and status. Lives in tests/ because src/ must never read the spec.
 *
 * Reads the committed subset in tests/spec-data/ (every response and component the tests use), so these
 * tests run on any clone; tests/schema/spec-data-up-to-date.test.ts keeps it equal to the full description.
 */
import { convertOpenApiSchema, type OpenApiDocument, type OpenApiSchema } from "../../scripts/gen-schemas.ts";
import type { OpenApiMediaType as MediaType, OpenApiOperation as Operation } from "../../scripts/openapi-types.ts";
import { loadSpecData } from "../../scripts/spec-data.ts";
import type { JsonSchema } from "../../src/schema/json-schema.ts";

const cached = new Map<string, Promise<OpenApiDocument>>();

/** The spec of one version (2.11 unless said), parsed once per test process. */
export function spec(version = "2.11"): Promise<OpenApiDocument> {
  let doc = cached.get(version);
  if (doc === undefined) cached.set(version, doc = loadSpecData(version));
  return doc;
}

function media(doc: OpenApiDocument, path: string, method: string, status: string): MediaType | undefined {
  const operation = doc.paths[path]?.[method] as Operation | undefined;
  if (operation === undefined) throw new Error(`the spec has no ${method.toUpperCase()} ${path}`);
  return operation.responses?.[status]?.content?.["application/json"];
}

/** The spec's response body schema, or undefined when that status is not declared for the operation. */
export function responseSchemaNode(
  doc: OpenApiDocument,
  path: string,
  method: string,
  status: string,
): OpenApiSchema | undefined {
  return media(doc, path, method, status)?.schema;
}

/**
 * The response schema as JSON Schema in strict mode: the spec's `required` lists and enums as written,
 * objects still open. Falls back to `components/schemas/<fallback>` when the status is not declared
 * (the spec declares no 429 anywhere the exporter calls, and no 401 on some search endpoints).
 */
export function strictResponseSchema(
  doc: OpenApiDocument,
  path: string,
  method: string,
  status: string,
  fallback?: string,
): JsonSchema {
  const node = responseSchemaNode(doc, path, method, status) ??
    (fallback === undefined ? undefined : { $ref: `#/components/schemas/${fallback}` });
  if (node === undefined) throw new Error(`the spec declares no ${status} body for ${method.toUpperCase()} ${path}`);
  return convertOpenApiSchema(doc, node, { strict: true });
}

/** Every example body the spec gives for a response. */
export function responseExamples(doc: OpenApiDocument, path: string, method: string, status = "200"): unknown[] {
  const content = media(doc, path, method, status);
  if (content === undefined) return [];
  const named = Object.values(content.examples ?? {}).map((example) => example.value);
  return content.example === undefined ? named : [content.example, ...named];
}

/** A record assembled from the `example` of each property of a component (the spec's field docs). */
export function recordFromPropertyExamples(doc: OpenApiDocument, component: string): Record<string, unknown> {
  return exampleOf(doc, { $ref: `#/components/schemas/${component}` }, 0) as Record<string, unknown>;
}

function exampleOf(doc: OpenApiDocument, node: OpenApiSchema, depth: number): unknown {
  if (node.example !== undefined) return node.example;
  if (node.$ref !== undefined) {
    const target = doc.components.schemas[node.$ref.replace("#/components/schemas/", "")];
    return target === undefined || depth > 8 ? undefined : exampleOf(doc, target, depth + 1);
  }
  const first = node.allOf?.[0] ?? node.oneOf?.[0] ?? node.anyOf?.[0];
  if (first !== undefined) return exampleOf(doc, first, depth + 1);
  if (node.type === "array" && node.items !== undefined) {
    const item = exampleOf(doc, node.items, depth + 1);
    return item === undefined ? [] : [item];
  }
  if (node.properties !== undefined) {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(node.properties)) {
      const value = exampleOf(doc, child, depth + 1);
      if (value !== undefined) out[key] = value;
    }
    return out;
  }
  return undefined;
}

/** Example bodies of every response, anywhere in the spec, whose schema is exactly `components/schemas/<component>`. */
export function componentExamples(doc: OpenApiDocument, component: string): unknown[] {
  const ref = `#/components/schemas/${component}`;
  const out: unknown[] = [];
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const method of Object.keys(operations)) {
      const operation = operations[method] as Operation | undefined;
      for (const status of Object.keys(operation?.responses ?? {})) {
        if (responseSchemaNode(doc, path, method, status)?.$ref === ref) out.push(...responseExamples(doc, path, method, status));
      }
    }
  }
  return out;
}
