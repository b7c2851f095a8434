/**
 * Airbyte protocol message formatters (protocol v0.5+; shapes from airbyte_protocol.yaml). Pure functions:
 * they build AirbyteMessage objects; writing them, one JSON object per line on stdout, is the caller's job.
 *
 * @example
 * const line = JSON.stringify(airbyteRecordMessage("contacts", record, clock())) + "\n";
 */
import type { JsonSchema } from "../schema/json-schema.ts";
import type { JsonRecord, StreamInfo } from "./types.ts";

/** The protocol version this tool speaks, for the SPEC message. */
export const AIRBYTE_PROTOCOL_VERSION = "0.5.2";

export type AirbyteLogLevel = "FATAL" | "ERROR" | "WARN" | "INFO" | "DEBUG" | "TRACE";
export type AirbyteFailureType = "system_error" | "config_error" | "transient_error";
export type AirbyteSyncMode = "full_refresh" | "incremental";
export type AirbyteStreamStatus = "STARTED" | "RUNNING" | "COMPLETE" | "INCOMPLETE";

export interface AirbyteStreamDescriptor {
  name: string;
  namespace?: string;
}

export interface AirbyteStream {
  name: string;
  json_schema: JsonSchema;
  supported_sync_modes: AirbyteSyncMode[];
  source_defined_cursor: boolean;
  default_cursor_field?: string[];
  source_defined_primary_key: string[][];
  is_resumable: boolean;
}

export type AirbyteMessage =
  | { type: "RECORD"; record: { stream: string; data: JsonRecord; emitted_at: number } }
  | {
    type: "STATE";
    state: {
      type: "STREAM";
      stream: { stream_descriptor: AirbyteStreamDescriptor; stream_state: JsonRecord };
      sourceStats?: { recordCount: number };
    };
  }
  | { type: "LOG"; log: { level: AirbyteLogLevel; message: string; stack_trace?: string } }
  | {
    type: "TRACE";
    trace:
      | {
        type: "ERROR";
        emitted_at: number;
        error: {
          message: string;
          internal_message?: string;
          stack_trace?: string;
          failure_type: AirbyteFailureType;
          stream_descriptor?: AirbyteStreamDescriptor;
        };
      }
      | {
        type: "STREAM_STATUS";
        emitted_at: number;
        stream_status: { stream_descriptor: AirbyteStreamDescriptor; status: AirbyteStreamStatus };
      };
  }
  | { type: "CATALOG"; catalog: { streams: AirbyteStream[] } }
  | { type: "CONNECTION_STATUS"; connectionStatus: { status: "SUCCEEDED" | "FAILED"; message?: string } }
  | {
    type: "SPEC";
    spec: {
      documentationUrl?: string;
      connectionSpecification: JsonSchema;
      supportsIncremental: boolean;
      protocol_version: string;
    };
  };

/** One record. `emittedAtMs` is epoch milliseconds (an integer, as the protocol requires). */
export function airbyteRecordMessage(stream: string, data: JsonRecord, emittedAtMs: number): AirbyteMessage {
  return { type: "RECORD", record: { stream, data, emitted_at: Math.trunc(emittedAtMs) } };
}

/**
 * Per-stream state (type STREAM). Emit it only after the records it covers; `recordCount` (records since the
 * previous state of this stream) lets the platform check nothing was lost in between.
 */
export function airbyteStateMessage(stream: string, state: JsonRecord, recordCount?: number): AirbyteMessage {
  return {
    type: "STATE",
    state: {
      type: "STREAM",
      stream: { stream_descriptor: { name: stream }, stream_state: state },
      // The protocol wants a double here: JSON numbers are fine, the "decimal point" note is for Java writers.
      ...(recordCount === undefined ? {} : { sourceStats: { recordCount } }),
    },
  };
}

export function airbyteLogMessage(level: AirbyteLogLevel, message: string, stackTrace?: string): AirbyteMessage {
  return { type: "LOG", log: { level, message, ...(stackTrace === undefined ? {} : { stack_trace: stackTrace }) } };
}

export interface AirbyteTraceErrorOptions {
  /** User-facing: what went wrong and what to do. Never the access token. */
  message: string;
  internalMessage?: string;
  stackTrace?: string;
  /** Default `system_error`. */
  failureType?: AirbyteFailureType;
  /** The stream the error belongs to, when known. */
  stream?: string;
}

/** A TRACE of type ERROR: how a connector reports the failure that ends (or partly ends) a run. */
export function airbyteTraceError(options: AirbyteTraceErrorOptions, emittedAtMs: number): AirbyteMessage {
  return {
    type: "TRACE",
    trace: {
      type: "ERROR",
      emitted_at: emittedAtMs,
      error: {
        message: options.message,
        ...(options.internalMessage === undefined ? {} : { internal_message: options.internalMessage }),
        ...(options.stackTrace === undefined ? {} : { stack_trace: options.stackTrace }),
        failure_type: options.failureType ?? "system_error",
        ...(options.stream === undefined ? {} : { stream_descriptor: { name: options.stream } }),
      },
    },
  };
}

/** A TRACE of type STREAM_STATUS (STARTED → RUNNING → COMPLETE or INCOMPLETE), which the platform tracks. */
export function airbyteStreamStatus(stream: string, status: AirbyteStreamStatus, emittedAtMs: number): AirbyteMessage {
  return {
    type: "TRACE",
    trace: { type: "STREAM_STATUS", emitted_at: emittedAtMs, stream_status: { stream_descriptor: { name: stream }, status } },
  };
}

/** The `discover` answer: every stream with its schema, key and cursor as the source defines them. */
export function airbyteCatalog(streams: readonly StreamInfo[]): AirbyteMessage {
  return { type: "CATALOG", catalog: { streams: streams.map(airbyteStream) } };
}

export function airbyteStream(stream: StreamInfo): AirbyteStream {
  const incremental = stream.cursorField !== undefined;
  return {
    name: stream.name,
    json_schema: stream.schema,
    supported_sync_modes: incremental ? ["full_refresh", "incremental"] : ["full_refresh"],
    source_defined_cursor: incremental,
    ...(incremental ? { default_cursor_field: [stream.cursorField as string] } : {}),
    // Airbyte keys are paths: one single-element path per top-level key field.
    source_defined_primary_key: stream.primaryKey.map((field) => [field]),
    is_resumable: incremental,
  };
}

/** The `check` answer. */
export function airbyteConnectionStatus(status: "SUCCEEDED" | "FAILED", message?: string): AirbyteMessage {
  return { type: "CONNECTION_STATUS", connectionStatus: { status, ...(message === undefined ? {} : { message }) } };
}

/** The `spec` answer: the JSON Schema of the config file. */
export function airbyteSpecMessage(connectionSpecification: JsonSchema, documentationUrl?: string): AirbyteMessage {
  return {
    type: "SPEC",
    spec: {
      ...(documentationUrl === undefined ? {} : { documentationUrl }),
      connectionSpecification,
      supportsIncremental: true,
      protocol_version: AIRBYTE_PROTOCOL_VERSION,
    },
  };
}
