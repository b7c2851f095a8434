/** The parts of an OpenAPI 3.0 description the schema generator and the spec-data subsetter read. */

/** An OpenAPI 3.0 document, parsed; only the parts the converter reads are typed. */
export interface OpenApiDocument {
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, OpenApiSchema> };
}

/** An OpenAPI 3.0.1 schema object (loosely typed: the spec is data, not code we trust). */
export interface OpenApiSchema {
  $ref?: string;
  type?: string;
  nullable?: boolean;
  description?: string;
  format?: string;
  enum?: unknown[];
  properties?: Record<string, OpenApiSchema>;
  required?: string[];
  items?: OpenApiSchema;
  allOf?: OpenApiSchema[];
  oneOf?: OpenApiSchema[];
  anyOf?: OpenApiSchema[];
  additionalProperties?: boolean | OpenApiSchema;
  example?: unknown;
}

/** A response body's media type: its schema and examples. */
export interface OpenApiMediaType {
  schema?: OpenApiSchema;
  example?: unknown;
  examples?: Record<string, { value?: unknown }>;
}

/** An operation, as far as its responses. */
export interface OpenApiOperation {
  responses?: Record<string, { content?: Record<string, OpenApiMediaType> }>;
}
