/**
 * What `sync` and `demo` share: wire the HTTP client, state, sink and progress display to the engine, run
 * it, print the summary and decide the exit code.
 */
import { ConfigError } from "../errors.ts";
import type { StateLocation } from "../engine/future-cursor.ts";
import type { StateStore } from "../engine/state-store.ts";
import { keyFiles } from "../state/key-files.ts";
import { createSingerOutput } from "../protocols/singer/output.ts";
import { runtime } from "../runtime/mod.ts";
import { createJsonlFileSink } from "../sinks/jsonl-file.ts";
import { createJsonlSink } from "../sinks/jsonl.ts";
import { createSqliteSink } from "../sinks/sqlite.ts";
import type { Sink } from "../sinks/types.ts";
import type { Settings } from "../settings/schema.ts";
import { acquireLock } from "../state/mod.ts";
import type { StreamDefinition } from "../streams/types.ts";
import type { Logger } from "./logger.ts";
import { openRunState, type RunState } from "./run-state.ts";
import { refuseStateAsOutput } from "./state-path-check.ts";
import { reportRun, runWithProgress } from "./run-with-progress.ts";

/** What `sync` and `demo` export, and where to: the run's Settings plus the output side the engine does not see. */
export interface ExportConfig {
  settings: Settings;
  streams: readonly StreamDefinition[];
  /** No state file at all (demo). */
  statePath?: string;
  sqlite?: string;
  /** stdout format when not writing SQLite. Default jsonl. */
  format?: "jsonl" | "singer";
  /** demo: refuse a database that does not say it holds this same workspace. */
  ownDatabaseOnly?: boolean;
  /** --output: JSON lines appended to this file, exactly once (the state records its length). */
  output?: string;
  /** --new-output: continue the state's cursors in `output` instead of the file the state records. */
  newOutput?: boolean;
}

export async function runExport(config: ExportConfig, logger: Logger): Promise<number> {
  const { settings } = config;
  if (config.format === "singer" && config.sqlite) throw new ConfigError("--format singer writes to stdout; leave out --sqlite");
  if (settings.since !== undefined && settings.since > Date.now() / 1000) {
    const since = new Date(settings.since * 1000).toISOString().replace(/\.000Z$/, "Z");
    throw new ConfigError(`--since ${since} is in the future: nothing would be exported. Give a past date, e.g. 2024-01-01.`);
  }
  if (config.output !== undefined && config.sqlite !== undefined) {
    throw new ConfigError("--output and --sqlite are two outputs; give one of them");
  }
  if (config.output !== undefined && config.format === "singer") {
    throw new ConfigError("--output writes JSON lines; --format singer writes to stdout: leave out one of them");
  }
  if (config.newOutput && config.output === undefined) {
    throw new ConfigError("--new-output starts a new --output file: give it with --output FILE");
  }
  if (config.statePath !== undefined) {
    await refuseStateAsOutput(config.statePath, [
      { flag: "--output", path: config.output },
      { flag: "--sqlite", path: config.sqlite },
    ]);
  }
  if (config.output === undefined && config.sqlite === undefined && runtime.stdoutIsClosed()) {
    throw new ConfigError(
      "stdout is closed (>&-): every record would be lost while the state moves past it. Send stdout to a file or " +
        "a pipe, or write with --output FILE or --sqlite FILE.",
    );
  }
  const say = (line: string) => logger.warn(line);
  const lock = config.statePath ? await acquireLock(config.statePath, { host: runtime.hostname(), onTakeOver: say, onLost: say }) : undefined;
  let opened: RunState | undefined;
  try {
    const state = await openRunState(
      {
        statePath: config.statePath,
        sqlite: config.sqlite,
        output: config.output,
        newOutput: config.newOutput,
        ownDatabaseOnly: config.ownDatabaseOnly,
        baseUrl: settings.baseUrl,
        since: settings.since,
        fullRefresh: settings.fullRefresh,
        streams: config.streams.map((stream) => stream.name),
        intercomVersion: settings.intercomVersion,
      },
      logger,
    );
    opened = state;
    const { finish, output } = state;
    // Singer writes STATE messages after the records they cover, so its store wraps the state file's.
    // SQLite carries the state in the pages' transactions (see run-state.ts).
    const { sink, store }: { sink: Sink; store: StateStore } = config.format === "singer" ? createSingerOutput(runtime.stdout(), state.store) : {
      sink: output
        ? createJsonlFileSink(output.file, { onAppended: output.recordLength })
        : config.sqlite
        ? createSqliteSink(config.sqlite, { state: (summary) => state.snapshot(summary) })
        : createJsonlSink(runtime.stdout()),
      store: state.store,
    };
    const result = await runWithProgress(settings, logger, {
      sink,
      store,
      ...stateLocation(config),
      // Key lists an earlier version kept beside the state file (companies): read once more, then removed.
      ...(config.statePath ? { keys: keyFiles(config.statePath) } : {}),
      streams: config.streams,
      onWorkspace: state.bind,
    });
    await finish(result);
    return reportRun(result, logger);
  } finally {
    await opened?.close();
    await lock?.release();
  }
}

/** Where the state that counts lives (with --sqlite, the database), as a warning names it and `state reset` finds it. */
function stateLocation(config: ExportConfig): { stateLocation?: StateLocation } {
  if (config.sqlite !== undefined) return { stateLocation: { name: `the database ${config.sqlite}`, flags: `--sqlite ${shellWord(config.sqlite)}` } };
  if (config.statePath !== undefined) {
    return { stateLocation: { name: `the state file ${config.statePath}`, flags: `--state ${shellWord(config.statePath)}` } };
  }
  return {};
}

/** A path as one word of a command to copy into a shell. */
function shellWord(path: string): string {
  return /^[\w@%+=:,./-]+$/.test(path) ? path : `'${path.replaceAll("'", `'\\''`)}'`;
}
