/**
 * Counts schema mismatches per stream and field over a whole run, in bounded memory, for the end-of-run report.
 *
 * A workspace with a wildly different shape (or enum misses with many distinct values) could produce a new
 * (field, expected, received) triple on every record; past `maxKeysPerStream` triples per stream the rest are
 * folded into one row with field {@link OTHER_FIELDS}, so memory stays flat and the total count stays right.
 *
 * @example
 * const counter = new MismatchCounter();
 * counter.add("contacts", validate(record));
 * for (const row of counter.summary()) console.error(`${row.stream}.${row.field}: ${row.count}`);
 */
import type { RecordMismatch } from "./validate.ts";

export interface MismatchSummaryRow {
  stream: string;
  field: string;
  expected: string;
  received: string;
  count: number;
}

export interface MismatchCounterOptions {
  /** Distinct (field, expected, received) triples remembered per stream. Default 100. */
  maxKeysPerStream?: number;
}

/** The field of the row that collects mismatches beyond the per-stream cap. */
export const OTHER_FIELDS = "(other fields)";

const DEFAULT_MAX_KEYS_PER_STREAM = 100;
const SEPARATOR = "\u0000";

interface StreamCounts {
  counts: Map<string, number>;
  overflow: number;
}

export class MismatchCounter {
  readonly #maxKeysPerStream: number;
  readonly #streams = new Map<string, StreamCounts>();

  constructor(options: MismatchCounterOptions = {}) {
    this.#maxKeysPerStream = options.maxKeysPerStream ?? DEFAULT_MAX_KEYS_PER_STREAM;
  }

  /** Count one record's mismatches (an empty list is a no-op, so call it for every record). */
  add(stream: string, mismatches: readonly RecordMismatch[]): void {
    if (mismatches.length === 0) return;
    let entry = this.#streams.get(stream);
    if (entry === undefined) {
      entry = { counts: new Map(), overflow: 0 };
      this.#streams.set(stream, entry);
    }
    for (const { field, expected, received } of mismatches) {
      const key = `${field}${SEPARATOR}${expected}${SEPARATOR}${received}`;
      const count = entry.counts.get(key);
      if (count !== undefined) entry.counts.set(key, count + 1);
      else if (entry.counts.size < this.#maxKeysPerStream) entry.counts.set(key, 1);
      else entry.overflow += 1;
    }
  }

  /** Total mismatches counted for a stream (or all streams), overflow included. */
  total(stream?: string): number {
    let sum = 0;
    for (const [name, entry] of this.#streams) {
      if (stream !== undefined && name !== stream) continue;
      for (const count of entry.counts.values()) sum += count;
      sum += entry.overflow;
    }
    return sum;
  }

  /** One row per stream and (field, expected, received): by stream, then most frequent first, then field. */
  summary(): MismatchSummaryRow[] {
    const rows: MismatchSummaryRow[] = [];
    for (const [stream, entry] of this.#streams) {
      for (const [key, count] of entry.counts) {
        const [field = "", expected = "", received = ""] = key.split(SEPARATOR);
        rows.push({ stream, field, expected, received, count });
      }
      if (entry.overflow > 0) rows.push({ stream, field: OTHER_FIELDS, expected: "*", received: "*", count: entry.overflow });
    }
    return rows.sort(
      (a, b) =>
        compare(a.stream, b.stream) ||
        b.count - a.count ||
        compare(a.field, b.field) ||
        compare(a.expected, b.expected) ||
        compare(a.received, b.received),
    );
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
