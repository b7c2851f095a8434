/** A sink that keeps every page in memory, and can be told to fail, for engine tests. */
import type { Deletion, JsonRecord, Sink, StreamInfo } from "../../src/sinks/types.ts";

export interface MemorySink extends Sink {
  readonly records: Map<string, JsonRecord[]>;
  /** Deletions written, per stream. */
  readonly deletions: Map<string, Deletion[]>;
  readonly streams: StreamInfo[];
  pages: number;
  /** Throw on the page with this index (0-based, over all streams), simulating a crash mid-run. */
  failOnPage?: number;
  all(stream: string): JsonRecord[];
}

export function memorySink(): MemorySink {
  const records = new Map<string, JsonRecord[]>();
  const deletions = new Map<string, Deletion[]>();
  const sink: MemorySink = {
    records,
    deletions,
    streams: [],
    pages: 0,
    async open(streams) {
      sink.streams.push(...streams);
    },
    async write(stream, page, deleted = []) {
      if (sink.failOnPage !== undefined && sink.pages === sink.failOnPage) {
        sink.pages++;
        throw new Error("simulated crash while writing");
      }
      sink.pages++;
      const list = records.get(stream) ?? [];
      list.push(...page.map((record) => structuredClone(record)));
      records.set(stream, list);
      if (deleted.length > 0) deletions.set(stream, [...(deletions.get(stream) ?? []), ...deleted]);
    },
    async close() {},
    all: (stream) => records.get(stream) ?? [],
  };
  return sink;
}

/** A record's primary key as one string. */
export function keyOf(record: JsonRecord, primaryKey: readonly string[]): string {
  return primaryKey.map((field) => String(record[field])).join("|");
}
