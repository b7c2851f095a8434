/** One interface for every output: JSON lines, SQLite, Airbyte and Singer messages. */
import type { JsonSchema } from "../schema/json-schema.ts";

export type JsonRecord = Record<string, unknown>;

export interface StreamInfo {
  name: string;
  /** Field names that together identify a record, e.g. ["company_id", "id"]. */
  primaryKey: string[];
  /** The field incremental sync follows, when the stream has one. */
  cursorField?: string;
  schema: JsonSchema;
}

export interface RunSummary {
  startedAt: number;
  endedAt: number;
  streams: { name: string; records: number; outcome: "ok" | "failed" | "skipped"; error?: string }[];
  outcome: "ok" | "partial" | "failed";
  toolVersion: string;
}

export interface Sink {
  open(streams: StreamInfo[]): Promise<void>;
  /**
   * Hand over one page of records of one stream. When the promise resolves the records are durable
   * (flushed to stdout / committed to the database), so the caller may checkpoint state past them.
   */
  write(stream: string, records: readonly JsonRecord[]): Promise<void>;
  /** Called once at the end of a run (also after failures), before close. */
  finish?(summary: RunSummary): Promise<void>;
  close(): Promise<void>;
}
