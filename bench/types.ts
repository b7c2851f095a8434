/** What the bench's child processes report back (one JSON line on stdout) and what bench/results.json holds. */

/** The streams every configuration measures; the SDK baseline exports exactly these. */
export const BENCH_STREAMS = ["contacts", "conversations", "conversation_parts"] as const;
export type BenchStream = (typeof BENCH_STREAMS)[number];

export interface StreamMeasure {
  stream: string;
  records: number;
  /** HTTP requests attributed to this stream (attempts, retries included). */
  requests: number;
  /** 429 answers this client saw for the stream. */
  rateLimited: number;
  /** Wall time the stream was being read (for side-by-side streams, its own start to its own end). */
  durationMs: number;
  /** True when the time cap stopped the stream before it was complete. */
  capped: boolean;
}

/** A child's report for one configuration. */
export interface RunReport {
  config: string;
  streams: StreamMeasure[];
  elapsedMs: number;
  /** Peak resident set size of the child (VmHWM), in MiB. */
  peakRssMb: number;
  /** CPU time (user + system) the child spent; near elapsedMs means the child itself was the bottleneck. */
  cpuMs: number;
  /** Set when the run was stopped by the time cap. */
  capSeconds?: number;
  note?: string;
  /** CPU time per thread of the child over the run (bench/threads.ts; Linux only), busiest first. */
  threads?: { name: string; cpuMs: number }[];
  /** What the run wrote: a SHA-256 over the table's rows in key order (bench/export-digest.ts), for A/B runs. */
  digest?: string;
}

/** The fake's own counters, read from its /__bench/stats route. */
export interface FakeCounters {
  requests: number;
  rateLimited: number;
  byRoute: Record<string, number>;
  /** CPU time the fake's process used (it shares the machine's CPUs with the measured process). */
  cpuMs: number;
}

export interface RateLimit {
  limit: number;
  windowMs: number;
}
