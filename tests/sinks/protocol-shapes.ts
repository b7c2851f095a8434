/**
 * The published message shapes of the Airbyte protocol (airbytehq/airbyte-protocol,
 * protocol-models/src/main/resources/airbyte_protocol/airbyte_protocol.yaml) and the Singer spec
 * (singer-io/getting-started, docs/SPEC.md, v0.2.0), transcribed as the JSON Schema subset the tests need,
 * plus a tiny validator for that subset (type, required, enum, properties, items, minItems, $ref).
 */

export interface Shape {
  type?: "object" | "array" | "string" | "integer" | "number" | "boolean";
  required?: string[];
  properties?: Record<string, Shape>;
  items?: Shape;
  enum?: string[];
  minItems?: number;
  $ref?: string;
}

const descriptor: Shape = { $ref: "StreamDescriptor" };

export const AIRBYTE: Record<string, Shape> = {
  AirbyteMessage: {
    type: "object",
    required: ["type"],
    properties: {
      type: { type: "string", enum: ["RECORD", "STATE", "LOG", "SPEC", "CONNECTION_STATUS", "CATALOG", "TRACE", "CONTROL"] },
      log: { $ref: "AirbyteLogMessage" },
      spec: { $ref: "ConnectorSpecification" },
      connectionStatus: { $ref: "AirbyteConnectionStatus" },
      catalog: { $ref: "AirbyteCatalog" },
      record: { $ref: "AirbyteRecordMessage" },
      state: { $ref: "AirbyteStateMessage" },
      trace: { $ref: "AirbyteTraceMessage" },
    },
  },
  AirbyteRecordMessage: {
    type: "object",
    required: ["stream", "data", "emitted_at"],
    properties: { namespace: { type: "string" }, stream: { type: "string" }, data: { type: "object" }, emitted_at: { type: "integer" } },
  },
  AirbyteStateMessage: {
    type: "object",
    properties: {
      type: { type: "string", enum: ["GLOBAL", "STREAM", "LEGACY"] },
      stream: { $ref: "AirbyteStreamState" },
      data: { type: "object" },
      sourceStats: { type: "object", properties: { recordCount: { type: "number" } } },
    },
  },
  AirbyteStreamState: {
    type: "object",
    required: ["stream_descriptor"],
    properties: { stream_descriptor: descriptor, stream_state: { type: "object" } },
  },
  StreamDescriptor: {
    type: "object",
    required: ["name"],
    properties: { name: { type: "string" }, namespace: { type: "string" } },
  },
  AirbyteLogMessage: {
    type: "object",
    required: ["level", "message"],
    properties: {
      level: { type: "string", enum: ["FATAL", "ERROR", "WARN", "INFO", "DEBUG", "TRACE"] },
      message: { type: "string" },
      stack_trace: { type: "string" },
    },
  },
  AirbyteTraceMessage: {
    type: "object",
    required: ["type", "emitted_at"],
    properties: {
      type: { type: "string", enum: ["ERROR", "ESTIMATE", "STREAM_STATUS", "ANALYTICS"] },
      emitted_at: { type: "number" },
      error: {
        type: "object",
        required: ["message"],
        properties: {
          message: { type: "string" },
          internal_message: { type: "string" },
          stack_trace: { type: "string" },
          failure_type: { type: "string", enum: ["system_error", "config_error", "transient_error"] },
          stream_descriptor: descriptor,
        },
      },
      stream_status: {
        type: "object",
        required: ["stream_descriptor", "status"],
        properties: {
          stream_descriptor: descriptor,
          status: { type: "string", enum: ["STARTED", "RUNNING", "COMPLETE", "INCOMPLETE"] },
        },
      },
    },
  },
  AirbyteConnectionStatus: {
    type: "object",
    required: ["status"],
    properties: { status: { type: "string", enum: ["SUCCEEDED", "FAILED"] }, message: { type: "string" } },
  },
  AirbyteCatalog: {
    type: "object",
    required: ["streams"],
    properties: { streams: { type: "array", items: { $ref: "AirbyteStream" } } },
  },
  AirbyteStream: {
    type: "object",
    required: ["name", "json_schema", "supported_sync_modes"],
    properties: {
      name: { type: "string" },
      json_schema: { type: "object" },
      supported_sync_modes: { type: "array", minItems: 1, items: { type: "string", enum: ["full_refresh", "incremental"] } },
      source_defined_cursor: { type: "boolean" },
      default_cursor_field: { type: "array", items: { type: "string" } },
      source_defined_primary_key: { type: "array", items: { type: "array", items: { type: "string" } } },
      namespace: { type: "string" },
      is_resumable: { type: "boolean" },
    },
  },
  ConnectorSpecification: {
    type: "object",
    required: ["connectionSpecification"],
    properties: {
      documentationUrl: { type: "string" },
      connectionSpecification: { type: "object" },
      supportsIncremental: { type: "boolean" },
      protocol_version: { type: "string" },
    },
  },
};

/** Which AirbyteMessage property carries the payload of each message type. */
export const AIRBYTE_PAYLOAD: Record<string, string> = {
  RECORD: "record",
  STATE: "state",
  LOG: "log",
  SPEC: "spec",
  CONNECTION_STATUS: "connectionStatus",
  CATALOG: "catalog",
  TRACE: "trace",
};

export const SINGER: Record<string, Shape> = {
  RECORD: {
    type: "object",
    required: ["type", "stream", "record"],
    properties: { type: { type: "string" }, stream: { type: "string" }, record: { type: "object" }, time_extracted: { type: "string" } },
  },
  SCHEMA: {
    type: "object",
    required: ["type", "stream", "schema", "key_properties"],
    properties: {
      type: { type: "string" },
      stream: { type: "string" },
      schema: { type: "object" },
      key_properties: { type: "array", items: { type: "string" } },
      bookmark_properties: { type: "array", items: { type: "string" } },
    },
  },
  STATE: { type: "object", required: ["type", "value"], properties: { type: { type: "string" } } },
};

/** Problems found, as "path: what"; empty when `value` fits `shape`. Unknown properties are allowed (both protocols do). */
export function validate(value: unknown, shape: Shape, definitions: Record<string, Shape>, path = "$"): string[] {
  if (shape.$ref !== undefined) {
    const target = definitions[shape.$ref];
    if (target === undefined) return [`${path}: unknown $ref ${shape.$ref}`];
    return validate(value, target, definitions, path);
  }
  if (shape.type !== undefined && !hasType(value, shape.type)) return [`${path}: expected ${shape.type}, got ${JSON.stringify(value)}`];
  const problems: string[] = [];
  if (shape.enum !== undefined && !shape.enum.includes(value as string)) {
    problems.push(`${path}: ${JSON.stringify(value)} not in ${shape.enum.join("|")}`);
  }
  if (Array.isArray(value)) {
    if (shape.minItems !== undefined && value.length < shape.minItems) problems.push(`${path}: fewer than ${shape.minItems} items`);
    if (shape.items) value.forEach((item, i) => problems.push(...validate(item, shape.items as Shape, definitions, `${path}[${i}]`)));
  } else if (typeof value === "object" && value !== null) {
    const object = value as Record<string, unknown>;
    for (const key of shape.required ?? []) if (!(key in object)) problems.push(`${path}: missing required ${key}`);
    for (const [key, inner] of Object.entries(shape.properties ?? {})) {
      if (key in object) problems.push(...validate(object[key], inner, definitions, `${path}.${key}`));
    }
  }
  return problems;
}

function hasType(value: unknown, type: NonNullable<Shape["type"]>): boolean {
  switch (type) {
    case "object":
      return typeof value === "object" && value !== null && !Array.isArray(value);
    case "array":
      return Array.isArray(value);
    case "integer":
      return Number.isInteger(value);
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    default:
      return typeof value === type;
  }
}

/** Validate an Airbyte message as it would travel: serialised to one JSON line and parsed back. */
export function validateAirbyte(message: unknown): string[] {
  const line = JSON.stringify(message);
  if (line.includes("\n")) return ["$: serialised message spans more than one line"];
  const parsed = JSON.parse(line) as Record<string, unknown>;
  const problems = validate(parsed, { $ref: "AirbyteMessage" }, AIRBYTE);
  const payload = AIRBYTE_PAYLOAD[String(parsed.type)];
  // The yaml makes every payload optional; a message of a type without its payload is still useless.
  if (payload !== undefined && !(payload in parsed)) problems.push(`$: ${String(parsed.type)} message without ${payload}`);
  return problems;
}

export function validateSinger(message: unknown): string[] {
  const line = JSON.stringify(message);
  if (line.includes("\n")) return ["$: serialised message spans more than one line"];
  const parsed = JSON.parse(line) as Record<string, unknown>;
  const shape = SINGER[String(parsed.type).toUpperCase()];
  return shape ? validate(parsed, shape, SINGER) : [`$: unknown Singer message type ${String(parsed.type)}`];
}
