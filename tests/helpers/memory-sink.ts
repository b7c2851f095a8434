/** A sink that keeps every page in memory, and can be told to fail, for engine tests. */
import type { JsonRecord, Sink, StreamInfo } from "../../src/sinks/types.ts";

export interface MemorySink extends Sink {
  readonly records: Map<string, JsonRecord[]>;
  readonly streams: StreamInfo[];
  pages: number;
  /** Throw on the page with this index (0-based, over all streams), simulating a crash mid-run. */
  failOnPage?: number;
  all(stream: string): JsonRecord[];
}

export function memorySink(): MemorySink {
  const records = new Map<string, JsonRecord[]>();
  const sink: MemorySink = {
    records,
    streams: [],
    pages: 0,
    async open(streams) {
      sink.streams.push(...streams);
    },
    async write(stream, page) {
      if (sink.failOnPage !== undefined && sink.pages === sink.failOnPage) {
        sink.pages++;
        throw new Error("simulated crash while writing");
      }
      sink.pages++;
      const list = records.get(stream) ?? [];
      list.push(...page.map((record) => structuredClone(record)));
      records.set(stream, list);
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
