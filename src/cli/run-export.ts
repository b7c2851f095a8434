/**
 * What `sync` and `demo` share: wire the HTTP client, state, sink and progress display to the engine, run
 * it, print the summary and decide the exit code.
 */
import { CancelledError, TimeLimitError } from "../engine/errors.ts";
import { runSync, type SyncResult } from "../engine/run-sync.ts";
import { memoryStateStore, type StateStore } from "../engine/state-store.ts";
import { createApiClient } from "../http/client.ts";
import { AuthError, ConfigError, PermissionError } from "../http/errors.ts";
import { createSingerOutput } from "../protocols/singer/output.ts";
import { runtime } from "../runtime/mod.ts";
import { BrokenPipeError, type AppendFile } from "../runtime/types.ts";
import { createJsonlFileSink } from "../sinks/jsonl-file.ts";
import { createJsonlSink } from "../sinks/jsonl.ts";
import { createSqliteSink } from "../sinks/sqlite.ts";
import type { Sink } from "../sinks/types.ts";
import { acquireLock, Checkpointer, emptyState, loadState, saveState } from "../state/mod.ts";
import type { StreamDefinition } from "../streams/types.ts";
import { TOOL_NAME, TOOL_VERSION } from "../version.ts";
import { EXIT } from "./exit-codes.ts";
import { describeFailure } from "./failure.ts";
import { bindOutputFile } from "./output-binding.ts";
import type { Logger } from "./logger.ts";
import { createProgress } from "./progress.ts";
import { printSummary } from "./summary.ts";

export interface ExportConfig {
  baseUrl: string;
  token: string;
  intercomVersion: string;
  streams: readonly StreamDefinition[];
  /** No state file at all (demo). */
  statePath?: string;
  sqlite?: string;
  since?: number;
  fullRefresh: boolean;
  lookbackDays: number;
  searchLagMinutes: number;
  windowDays: number;
  activityLogsWindowDays: number;
  concurrency: number;
  failFast: boolean;
  /** stdout format when not writing SQLite. Default jsonl. */
  format?: "jsonl" | "singer";
  /** --output: JSON lines appended to this file, exactly once (the state records its length). */
  output?: string;
  /** --max-duration: stop at the next checkpoints once exceeded (exit 5). */
  maxDuration?: { ms: number; text: string };
}

export async function runExport(config: ExportConfig, logger: Logger): Promise<number> {
  if (config.format === "singer" && config.sqlite) throw new ConfigError("--format singer writes to stdout; leave out --sqlite");
  if (config.output !== undefined && config.sqlite !== undefined) {
    throw new ConfigError("--output and --sqlite are two outputs; give one of them");
  }
  if (config.output !== undefined && config.format === "singer") {
    throw new ConfigError("--output writes JSON lines; --format singer writes to stdout: leave out one of them");
  }
  if (config.output === undefined && config.sqlite === undefined && runtime.stdoutIsClosed()) {
    throw new ConfigError(
      "stdout is closed (>&-): every record would be lost while the state moves past it. Send stdout to a file or " +
        "a pipe, or write with --output FILE or --sqlite FILE.",
    );
  }
  const lock = config.statePath ? await acquireLock(config.statePath, { host: runtime.hostname() }) : undefined;
  let outputFile: AppendFile | undefined;
  try {
    const state = await openState(config);
    const { finish, output } = state;
    outputFile = output?.file;
    // Singer writes STATE messages after the records they cover, so its store wraps the state file's.
    const { sink, store }: { sink: Sink; store: StateStore } =
      config.format === "singer"
        ? createSingerOutput(runtime.stdout(), state.store)
        : { sink: output ? createJsonlFileSink(output.file, { onAppended: output.recordLength }) : stdoutOrSqlite(config), store: state.store };
    const progress = createProgress(logger);
    const client = createApiClient({
      baseUrl: config.baseUrl,
      token: config.token,
      intercomVersion: config.intercomVersion,
      userAgent: `${TOOL_NAME}/${TOOL_VERSION}`,
      onEvent: progress.onHttpEvent,
    });
    const interrupt = new AbortController();
    const stop = () => interrupt.abort(new CancelledError());
    runtime.onSignal("SIGINT", stop);
    runtime.onSignal("SIGTERM", stop);
    const { maxDuration } = config;
    const timeLimit = maxDuration && setTimeout(() => interrupt.abort(new TimeLimitError(maxDuration.text)), maxDuration.ms);
    let result: SyncResult;
    try {
      result = await runSync({
        client,
        sink,
        store,
        streams: config.streams,
        since: config.since,
        fullRefresh: config.fullRefresh,
        lookbackDays: config.lookbackDays,
        searchLagMinutes: config.searchLagMinutes,
        windowDays: config.windowDays,
        activityLogsWindowDays: config.activityLogsWindowDays,
        concurrency: config.concurrency,
        failFast: config.failFast,
        signal: interrupt.signal,
        onEvent: progress.onEngineEvent,
        onHttpEvent: progress.onHttpEvent,
      });
    } finally {
      clearTimeout(timeLimit);
      progress.stop();
    }
    await finish(result);
    const exitCode = exitCodeFor(result);
    if (result.fatal instanceof BrokenPipeError) return exitCode;
    printSummary(result, logger);
    if (result.fatal && exitCode !== EXIT.ok) logger.error(describeFailure(result.fatal).message);
    return exitCode;
  } finally {
    await outputFile?.close();
    await lock?.release();
  }
}

interface OpenedState {
  store: StateStore;
  finish(result: SyncResult): Promise<void>;
  /** The --output file, cut back to what the state records, and how to record its new length. */
  output?: { file: AppendFile; recordLength(length: number): void };
}

async function openState(config: ExportConfig): Promise<OpenedState> {
  if (!config.statePath) return { store: memoryStateStore(), finish: async () => {} };
  const path = config.statePath;
  const loaded = await loadState(path, { baseUrl: config.baseUrl });
  const bound = await bindOutputFile({
    statePath: path,
    saved: loaded,
    output: config.output,
    fullRefresh: config.fullRefresh,
    otherTarget: config.sqlite ? `--sqlite ${config.sqlite}` : "stdout",
  });
  const saved = bound.state;
  const file = bound.file;
  // The snapshot is taken first, then the file fsynced: a saved length never exceeds what is on disk.
  const checkpointer = new Checkpointer(path, saved ?? emptyState({ baseUrl: config.baseUrl }), {
    save: file && (async (statePath, snapshot) => {
      await file.sync();
      await saveState(statePath, snapshot);
    }),
  });
  checkpointer.setOutput(file && config.output !== undefined ? { path: config.output, length: bound.start } : undefined);
  const startedAt = Math.floor(Date.now() / 1000);
  checkpointer.setLastRun({ startedAt, outcome: "running", toolVersion: TOOL_VERSION });
  await checkpointer.save();
  // Only now that the state says `start`: pages a killed run appended past it (and a torn last line) go.
  if (file && file.length > bound.start) await file.truncate(bound.start);
  const output = file && { file, recordLength: (length: number) => checkpointer.setOutput({ path: config.output!, length }) };
  return {
    output,
    store: {
      get: (stream) => checkpointer.state.streams[stream],
      update: (stream, patch) => checkpointer.update(stream, patch),
      save: () => checkpointer.save(),
    },
    async finish(result) {
      checkpointer.setLastRun({
        startedAt,
        endedAt: Math.floor(Date.now() / 1000),
        outcome: result.outcome,
        toolVersion: TOOL_VERSION,
      });
      await checkpointer.save();
      await checkpointer.flush();
    },
  };
}

function stdoutOrSqlite(config: ExportConfig): Sink {
  return config.sqlite ? createSqliteSink(config.sqlite) : createJsonlSink(runtime.stdout());
}

export function exitCodeFor(result: SyncResult): number {
  if (result.fatal) return describeFailure(result.fatal).exitCode;
  if (result.outcome === "ok") return EXIT.ok;
  const failed = result.streams.filter((stream) => stream.outcome !== "ok");
  const anyOk = failed.length < result.streams.length;
  if (anyOk) return EXIT.partial;
  const permissionOnly = failed.every((stream) => stream.error instanceof PermissionError || stream.error instanceof AuthError);
  return permissionOnly ? EXIT.auth : EXIT.failure;
}
