import { describe, expect, test } from "bun:test";
import {
  AIRBYTE_PROTOCOL_VERSION,
  airbyteCatalog,
  airbyteConnectionStatus,
  airbyteLogMessage,
  airbyteRecordMessage,
  airbyteSpecMessage,
  airbyteStateMessage,
  airbyteStreamStatus,
  airbyteTraceError,
} from "../../src/sinks/airbyte.ts";
import type { StreamInfo } from "../../src/sinks/types.ts";
import { companySegmentsStream, contactsStream, FIXED_MS } from "./fixtures.ts";
import { validateAirbyte } from "./protocol-shapes.ts";

describe("Airbyte messages match the published protocol shapes", () => {
  test("RECORD carries stream, data and an integer emitted_at in ms", () => {
    const message = airbyteRecordMessage("contacts", { id: "c1", nested: { a: [1] } }, FIXED_MS + 0.7);
    expect(validateAirbyte(message)).toEqual([]);
    expect(message).toEqual({
      type: "RECORD",
      record: { stream: "contacts", data: { id: "c1", nested: { a: [1] } }, emitted_at: FIXED_MS },
    });
  });

  test("STATE is per stream (type STREAM) with a stream_descriptor, and optional sourceStats", () => {
    const message = airbyteStateMessage("contacts", { updated_at: 1717000000 }, 250);
    expect(validateAirbyte(message)).toEqual([]);
    expect(message).toEqual({
      type: "STATE",
      state: {
        type: "STREAM",
        stream: { stream_descriptor: { name: "contacts" }, stream_state: { updated_at: 1717000000 } },
        sourceStats: { recordCount: 250 },
      },
    });
    expect(validateAirbyte(airbyteStateMessage("tags", {}))).toEqual([]);
    expect("sourceStats" in (airbyteStateMessage("tags", {}) as { state: object }).state).toBe(false);
  });

  test("LOG has a protocol level and a message, and a stack trace only when given", () => {
    expect(validateAirbyte(airbyteLogMessage("INFO", "starting contacts"))).toEqual([]);
    expect(airbyteLogMessage("ERROR", "boom", "at x")).toEqual({ type: "LOG", log: { level: "ERROR", message: "boom", stack_trace: "at x" } });
  });

  test("TRACE ERROR has emitted_at, failure_type and the stream descriptor when the stream is known", () => {
    const message = airbyteTraceError(
      { message: "The access token was rejected.", internalMessage: "401", failureType: "config_error", stream: "contacts" },
      FIXED_MS,
    );
    expect(validateAirbyte(message)).toEqual([]);
    expect(message).toEqual({
      type: "TRACE",
      trace: {
        type: "ERROR",
        emitted_at: FIXED_MS,
        error: {
          message: "The access token was rejected.",
          internal_message: "401",
          failure_type: "config_error",
          stream_descriptor: { name: "contacts" },
        },
      },
    });
    const bare = airbyteTraceError({ message: "x" }, FIXED_MS);
    expect(validateAirbyte(bare)).toEqual([]);
    expect(bare).toMatchObject({ trace: { error: { failure_type: "system_error" } } });
  });

  test("TRACE STREAM_STATUS names the stream and a protocol status", () => {
    for (const status of ["STARTED", "RUNNING", "COMPLETE", "INCOMPLETE"] as const) {
      expect(validateAirbyte(airbyteStreamStatus("contacts", status, FIXED_MS))).toEqual([]);
    }
  });

  test("CATALOG: incremental streams declare the cursor, every stream its key as paths", () => {
    const message = airbyteCatalog([contactsStream, companySegmentsStream]);
    expect(validateAirbyte(message)).toEqual([]);
    const streams = (message as Extract<typeof message, { type: "CATALOG" }>).catalog.streams;
    expect(streams[0]).toEqual({
      name: "contacts",
      json_schema: contactsStream.schema,
      supported_sync_modes: ["full_refresh", "incremental"],
      source_defined_cursor: true,
      default_cursor_field: ["updated_at"],
      source_defined_primary_key: [["id"]],
      is_resumable: true,
    });
    expect(streams[1]).toEqual({
      name: "company_segments",
      json_schema: companySegmentsStream.schema,
      supported_sync_modes: ["full_refresh"],
      source_defined_cursor: false,
      source_defined_primary_key: [["company_id"], ["id"]],
      is_resumable: false,
    });
    // Every key and cursor path points at a top-level property of the stream's own schema.
    for (const stream of streams) {
      const properties = Object.keys(stream.json_schema.properties ?? {});
      for (const path of [...stream.source_defined_primary_key, stream.default_cursor_field ?? []]) {
        for (const field of path) expect(properties).toContain(field);
      }
    }
  });

  test("CONNECTION_STATUS and SPEC", () => {
    expect(validateAirbyte(airbyteConnectionStatus("SUCCEEDED"))).toEqual([]);
    expect(airbyteConnectionStatus("FAILED", "401: token rejected")).toEqual({
      type: "CONNECTION_STATUS",
      connectionStatus: { status: "FAILED", message: "401: token rejected" },
    });
    const spec = airbyteSpecMessage(
      { type: "object", required: ["access_token"], properties: { access_token: { type: "string" } } },
      "https://example.com/docs",
    );
    expect(validateAirbyte(spec)).toEqual([]);
    expect(spec).toMatchObject({ spec: { protocol_version: AIRBYTE_PROTOCOL_VERSION, documentationUrl: "https://example.com/docs" } });
  });

  test("every message serialises to a single JSON line even when records hold newlines", () => {
    const message = airbyteRecordMessage("notes", { body: "line one\nline two" }, FIXED_MS);
    expect(JSON.stringify(message)).not.toContain("\n");
    expect(validateAirbyte(message)).toEqual([]);
  });
});

describe("the shape check itself rejects what the protocol rejects", () => {
  test("missing required fields, wrong types and unknown enums are reported", () => {
    expect(validateAirbyte({ type: "RECORD", record: { stream: "x", data: {} } })).toContain("$.record: missing required emitted_at");
    expect(validateAirbyte({ type: "RECORD", record: { stream: "x", data: [], emitted_at: 1.5 } })).toHaveLength(2);
    expect(validateAirbyte({ type: "STATE", state: { type: "STREAM", stream: { stream_state: {} } } })).toContain(
      "$.state.stream: missing required stream_descriptor",
    );
    expect(validateAirbyte({ type: "LOG", log: { level: "NOTICE", message: "x" } })).toHaveLength(1);
    expect(validateAirbyte({ type: "RECORDS" })).toHaveLength(1);
    expect(validateAirbyte({ type: "CATALOG" })).toContain("$: CATALOG message without catalog");
    const noModes: StreamInfo = { name: "x", primaryKey: ["id"], schema: {} };
    const catalog = airbyteCatalog([noModes]) as { catalog: { streams: { supported_sync_modes: string[] }[] } };
    catalog.catalog.streams[0]!.supported_sync_modes = [];
    expect(validateAirbyte(catalog)).toContain("$.catalog.streams[0].supported_sync_modes: fewer than 1 items");
  });
});
