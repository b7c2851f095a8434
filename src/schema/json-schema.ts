/** The subset of JSON Schema (draft 2020-12) used by schemas/*.json. */
export interface JsonSchema {
  $schema?: string;
  $id?: string;
  title?: string;
  description?: string;
  type?: JsonSchemaType | JsonSchemaType[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  additionalProperties?: boolean | JsonSchema;
  /** As in the spec for strings (`uri`, `email`...); `unix-time` marks integer unix-second timestamps (our own). */
  format?: string;
  /** intercom-sync extension: the stream's primary key, for sinks. */
  "x-primary-key"?: string[];
  "x-cursor-field"?: string;
}

export type JsonSchemaType = "string" | "integer" | "number" | "boolean" | "object" | "array" | "null";
