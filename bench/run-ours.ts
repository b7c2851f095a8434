/**
 * One measured run of intercom-sync (the engine the CLI runs, wired the way the CLI wires it) into SQLite,
 * in its own process so its peak RSS is its own. Prints a RunReport.
 * Usage: bun bench/run-ours.ts '<OursArgs as JSON>'
 */
import { runSync } from "../src/engine/run-sync.ts";
import { createApiClient } from "../src/http/client.ts";
import { createSqliteSink } from "../src/sinks/sqlite.ts";
import { createJsonlFileSink } from "../src/sinks/jsonl-file.ts";
import { runtime } from "../src/runtime/mod.ts";
import type { Sink } from "../src/sinks/types.ts";
import { selectStreams } from "../src/streams/select.ts";
import type { StreamName } from "../src/streams/catalog.ts";
import { TOOL_NAME, TOOL_VERSION } from "../src/version.ts";
import { childArgs, report } from "./child.ts";
import { cpuMs, peakRssMb } from "./rss.ts";
import { sampleThreadCpu } from "./threads.ts";
import { exportDigest } from "./export-digest.ts";
import type { RunReport } from "./types.ts";

export interface OursArgs {
  config: string;
  url: string;
  token: string;
  dbPath: string;
  streams: string[];
  /** Omitted: the engine's default, as the CLI without --concurrency. */
  concurrency?: number;
  /** Stop (cancel) the run after this many seconds; omitted: run to the end. */
  capSeconds?: number;
  /** Report a digest of the exported tables (bench/export-digest.ts), taken after the run's figures. */
  digest?: boolean;
  /** "jsonl": JSON lines appended to `<dbPath>.jsonl` (as `--output`) instead of SQLite. Default "sqlite". */
  output?: "sqlite" | "jsonl";
}

async function openSink(args: OursArgs): Promise<Sink> {
  if (args.output !== "jsonl") return createSqliteSink(args.dbPath);
  const file = await runtime.openAppendFile(`${args.dbPath}.jsonl`, { create: true });
  return createJsonlFileSink(file!, { onAppended: () => {} });
}

if (import.meta.main) {
  const args = childArgs<OursArgs>();
  const client = createApiClient({ baseUrl: args.url, token: args.token, userAgent: `${TOOL_NAME}/${TOOL_VERSION} bench` });
  const signal = args.capSeconds === undefined ? undefined : AbortSignal.timeout(args.capSeconds * 1000);
  const sink = await openSink(args);
  const threads = sampleThreadCpu();
  const began = performance.now();
  const result = await runSync({
    client,
    sink,
    streams: selectStreams(args.streams as StreamName[]),
    ...(args.concurrency === undefined ? {} : { concurrency: args.concurrency }),
    signal,
  });
  const elapsedMs = performance.now() - began;
  const threadCpu = threads.stop();
  const capped = signal?.aborted === true;
  const failed = result.streams.filter((stream) => stream.outcome === "failed");
  if (failed.length > 0) {
    throw new Error(`streams failed: ${failed.map((stream) => `${stream.name}: ${stream.error?.message}`).join("; ")}`);
  }
  const out: RunReport = {
    config: args.config,
    streams: result.streams.map((stream) => ({
      stream: stream.name,
      records: stream.records,
      requests: result.http.byStream[stream.name]?.requests ?? 0,
      rateLimited: result.http.byStream[stream.name]?.rateLimited ?? 0,
      durationMs: Math.round(stream.durationMs),
      capped: stream.outcome === "cancelled",
    })),
    elapsedMs: Math.round(elapsedMs),
    peakRssMb: peakRssMb(),
    cpuMs: cpuMs(),
    threads: threadCpu,
    ...(capped ? { capSeconds: args.capSeconds } : {}),
  };
  // After the peak RSS and CPU were read: the digest's own reading is no part of the run.
  if (args.digest && args.output !== "jsonl") out.digest = await exportDigest(args.dbPath, args.streams);
  report(out);
}
