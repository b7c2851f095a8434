/**
 * Singer spec (v0.2) message formatters: SCHEMA, RECORD and STATE. Pure functions; the caller writes each
 * message as one JSON line on stdout, SCHEMA before the first RECORD of its stream.
 *
 * @example
 * out(singerSchemaMessage(stream));
 * for (const record of page) out(singerRecordMessage(stream.name, record, clock()));
 * out(singerStateMessage({ contacts: { updated_at: 1717000000 } }));
 */
import type { JsonSchema } from "../schema/json-schema.ts";
import type { JsonRecord, StreamInfo } from "./types.ts";

export interface SingerSchemaMessage {
  type: "SCHEMA";
  stream: string;
  schema: JsonSchema;
  key_properties: string[];
  bookmark_properties?: string[];
}

export interface SingerRecordMessage {
  type: "RECORD";
  stream: string;
  record: JsonRecord;
  time_extracted?: string;
}

export interface SingerStateMessage {
  type: "STATE";
  value: { bookmarks: Record<string, JsonRecord> };
}

export function singerSchemaMessage(stream: StreamInfo): SingerSchemaMessage {
  return {
    type: "SCHEMA",
    stream: stream.name,
    schema: stream.schema,
    key_properties: [...stream.primaryKey],
    ...(stream.cursorField === undefined ? {} : { bookmark_properties: [stream.cursorField] }),
  };
}

/** `timeExtractedMs` (epoch ms), when given, becomes the RFC 3339 `time_extracted`. */
export function singerRecordMessage(stream: string, record: JsonRecord, timeExtractedMs?: number): SingerRecordMessage {
  return {
    type: "RECORD",
    stream,
    record,
    ...(timeExtractedMs === undefined ? {} : { time_extracted: new Date(timeExtractedMs).toISOString() }),
  };
}

/** State as the Singer convention has it, `{"bookmarks": {stream: {...}}}`, so `--state` can read it back. */
export function singerStateMessage(bookmarks: Record<string, JsonRecord>): SingerStateMessage {
  return { type: "STATE", value: { bookmarks } };
}
