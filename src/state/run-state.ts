/**
 * The state a run starts from and keeps up to date: the state file's and, with `--sqlite`, the database's own.
 *
 * The database's copy is the one that counts: it is written in the transaction of the pages it describes, so it
 * never claims a record the database lacks. The file is written after it (at most once a second during the run,
 * and at its end) and may lag; it may also claim more than the database holds (a removed, replaced or older
 * database, or a JSON lines run in between). Either way the run continues from what the database holds. Nothing is written before the run's first request
 * (GET /me) succeeded and named the workspace; another workspace's file or database is refused then.
 */
import * as v from "valibot";
import type { SyncResult } from "../engine/run-sync.ts";
import type { StateStore } from "../engine/state-store.ts";
import { type DatabaseContents, type LegacyRun, readDatabaseContents } from "../sinks/sqlite-state.ts";
import type { RunSummary } from "../sinks/types.ts";
import {
  Checkpointer,
  checkWorkspace,
  describeWorkspace,
  emptyState,
  type ExpectedWorkspace,
  loadState,
  mirrorSaves,
  sameWorkspace,
  saveState,
  type SyncState,
  SyncStateSchema,
} from "./mod.ts";
import { TOOL_VERSION } from "../version.ts";
import { bindOutputFile } from "./output-binding.ts";
import { runtime } from "../runtime/mod.ts";
import { versionChangeWarning } from "./version-change.ts";
import type { AppendFile } from "../runtime/types.ts";
import { tailDigest } from "../sinks/output-identity.ts";
import { StateError } from "../errors.ts";

/** Where the run state's warnings go (the CLI's logger): to the user, never to stdout. */
export interface Logger {
  warn(line: string): void;
}

/** How often a state file that mirrors the database is written during a run (its end always writes it). */
const MIRROR_SAVE_EVERY_MS = 1000;

export interface RunStateConfig {
  baseUrl: string;
  statePath?: string;
  sqlite?: string;
  /**
   * When `sqlite` is a `--parquet`/`--csv` directory's staging database: the flag and directory the user gave, so
   * messages name them instead of a --sqlite file the user never named.
   */
  sqliteNamed?: { flag: "--parquet" | "--csv"; path: string };
  since?: number;
  fullRefresh: boolean;
  /** Streams this run exports, for the --since notice. */
  streams: readonly string[];
  /** demo: write only into a new database or one of the same workspace; one that does not say is refused. */
  ownDatabaseOnly?: boolean;
  /** --output: JSON lines appended to this file, its length recorded in the state (see output-binding.ts). */
  output?: string;
  /** --new-output: keep the cursors, bind the state to the --output file instead of the one it records. */
  newOutput?: boolean;
  /** --intercom-version: recorded in the last run, and compared with the one the state records. */
  intercomVersion?: string;
}

export interface RunState {
  store: StateStore;
  /**
   * The state as it stands (with `summary`, its last run as the summary says): what the database records. Not a
   * copy: read it at once.
   */
  snapshot(summary?: RunSummary): Readonly<SyncState>;
  /** Check the workspace the first request reached against the file's and the database's, then bind them. */
  bind(workspace: { appId?: string }): Promise<void>;
  /** Record how the run ended in the file; a run that never reached its workspace writes nothing. */
  finish(result: SyncResult): Promise<void>;
  /** The --output file, cut back (at bind) to what the state records, and how to record its new length. */
  output?: { file: AppendFile; recordLength(length: number): void };
  /** Close the --output file; one this run created but never recorded (a refused run) is removed. */
  close(): Promise<void>;
}

export async function openRunState(config: RunStateConfig, logger: Logger): Promise<RunState> {
  const run: ExpectedWorkspace = { baseUrl: config.baseUrl };
  const file = config.statePath ? await loadState(config.statePath, undefined) : undefined;
  // A file that names its workspace is checked once GET /me named the run's (bind); one that only knows its base
  // URL (0.1.0) is refused at once. --full-refresh too: another workspace's state describes another workspace's
  // output file and keys (`state reset` unbinds a state file).
  if (file && config.statePath && file.workspace.appId === undefined) {
    checkWorkspace(config.statePath, file.workspace, run);
  }
  const database: DatabaseContents = config.sqlite ? await readDatabaseContents(config.sqlite) : { kind: "new" };
  const databaseState = database.kind === "stateful" ? parseDatabaseState(config, database.state) : undefined;
  const binding = config.statePath
    ? await bindOutputFile({
      statePath: config.statePath,
      saved: file,
      output: config.output,
      fullRefresh: config.fullRefresh,
      newOutput: config.newOutput,
      otherTarget: config.sqlite ? databaseWords(config).flags : "stdout",
    })
    : { state: file, start: 0, created: false };
  const outputFile = binding.file;
  let bound = false;
  const close = async () => {
    await outputFile?.close();
    // Nothing may stay behind from a refused run: a file it created is empty (appends come after bind).
    if (binding.created && !bound && binding.path !== undefined) await runtime.removeFile(binding.path).catch(() => {});
  };
  let initial: SyncState;
  try {
    initial = startingState(config, binding.state, database, databaseState, logger);
  } catch (error) {
    await close();
    throw error;
  }
  noteSince(config, initial, logger);
  // With --sqlite the database's own state says what its rows were written with.
  const versionChange = versionChangeWarning(config.sqlite ? databaseState : initial, config);
  if (versionChange) logger.warn(versionChange);

  const checkpointer = new Checkpointer(
    config.statePath ?? "(no state file)",
    initial,
    !config.statePath ? { save: async () => {} } : outputFile
      ? {
        // The snapshot is taken first, then the file fsynced: a saved length never exceeds what is on disk.
        // The bytes before that length never change again, so their digest is taken from the file.
        save: async (path, snapshot) => {
          await outputFile.sync();
          if (snapshot.output) snapshot.output.tail = await tailDigest(outputFile, snapshot.output.length);
          await saveState(path, snapshot);
        },
      }
      : {},
  );
  const outputPath = binding.path;
  if (outputFile && outputPath !== undefined) checkpointer.setOutput({ path: outputPath, length: binding.start });
  // With --sqlite the database's `_state` is the copy that counts; the file only mirrors it, so pages need not wait
  // for it (an --output file's length, by contrast, lives only in the file).
  const fileMirrorsDatabase = config.sqlite !== undefined && outputFile === undefined;
  const version = config.intercomVersion === undefined ? {} : { intercomVersion: config.intercomVersion };
  const lastRunOf = (startedAtMs: number, endedAtMs: number, outcome: RunSummary["outcome"]) =>
    checkpointer.setLastRun({
      startedAt: Math.floor(startedAtMs / 1000),
      endedAt: Math.floor(endedAtMs / 1000),
      outcome,
      toolVersion: TOOL_VERSION,
      ...version,
    });
  return {
    ...(outputFile && outputPath !== undefined
      ? { output: { file: outputFile, recordLength: (length: number) => checkpointer.setOutput({ path: outputPath, length }) } }
      : {}),
    close,
    store: {
      // update() replaces a stream's object rather than changing it, so what get() returned stays as it was.
      get: (stream) => checkpointer.view().streams[stream],
      update: (stream, patch) => checkpointer.update(stream, patch),
      save: fileMirrorsDatabase ? mirrorSaves(() => checkpointer.save(), MIRROR_SAVE_EVERY_MS) : () => checkpointer.save(),
    },
    snapshot(summary) {
      if (summary) lastRunOf(summary.startedAt, summary.endedAt, summary.outcome);
      // Turned into the `_state` row's JSON at once.
      return checkpointer.view();
    },
    async bind({ appId }) {
      const reached: ExpectedWorkspace = { baseUrl: config.baseUrl, ...(appId === undefined ? {} : { appId }) };
      if (file && config.statePath) checkWorkspace(config.statePath, file.workspace, reached);
      // Even a full refresh never mixes two workspaces' rows in one database.
      if (databaseState && !sameWorkspace(databaseState.workspace, reached)) {
        throw new StateError(
          `${capitalised(databaseWords(config).the)} holds ${describeWorkspace(databaseState.workspace)}, but this run syncs ` +
            `${describeWorkspace(reached)}. Its rows would mix. Use ${databaseWords(config).separate} per workspace. ` +
            "It was left untouched.",
          config.sqlite!,
        );
      }
      checkpointer.setWorkspace(reached);
      checkpointer.setLastRun({ startedAt: Math.floor(Date.now() / 1000), outcome: "running", toolVersion: TOOL_VERSION, ...version });
      bound = true;
      await checkpointer.save();
      if (binding.notice) logger.warn(binding.notice);
      // Only now that the state says `start`: pages a killed run appended past it (and a torn last line) go.
      if (outputFile && outputFile.length > binding.start) {
        if (binding.cutReason) logger.warn(binding.cutReason);
        await outputFile.truncate(binding.start);
      }
    },
    async finish(result) {
      if (!bound) return;
      lastRunOf(result.startedAt, result.endedAt, result.outcome);
      await checkpointer.save();
      await checkpointer.flush();
    },
  };
}

/** Where the run starts: the database's own state when it has one, else what the file may vouch for. */
function startingState(
  config: RunStateConfig,
  file: SyncState | undefined,
  database: DatabaseContents,
  databaseState: SyncState | undefined,
  logger: Logger,
): SyncState {
  const fresh = (): SyncState => ({ ...(file ?? emptyState({ baseUrl: config.baseUrl })), streams: {} });
  if (!config.sqlite) return file ?? emptyState({ baseUrl: config.baseUrl });
  const db = config.sqlite;
  const words = databaseWords(config);
  const stateFile = config.statePath ?? "the state file";
  const fileHasProgress = file !== undefined && Object.keys(file.streams).length > 0 && !config.fullRefresh;

  if (databaseState) {
    if (file && !config.fullRefresh && claimsMore(file, databaseState)) {
      logger.warn(
        `${stateFile} records more than ${words.the} holds (a replaced or older database?): continuing ` +
          "from the database's own state, so what it lacks is read again.",
      );
    }
    // The file's lastRun is the newer one when only the file saw a run; the streams are the database's.
    return { ...databaseState, lastRun: file?.lastRun ?? databaseState.lastRun };
  }
  if (database.kind === "legacy") {
    if (config.ownDatabaseOnly) {
      throw new StateError(
        `${capitalised(words.the)} was written by an older intercom-sync and does not say which workspace it holds; ` +
          `demo writes only into a new database or its own. Use ${words.another}.`,
        db,
      );
    }
    if (file && matchesLastRun(file, database.lastRun)) return file;
    if (fileHasProgress) {
      logger.warn(
        `${capitalised(words.the)} (written by intercom-sync 0.1.0) does not end with the run ${stateFile} records: ` +
          "exporting everything (from --since) into it rather than trusting the file's cursors.",
      );
    }
    return fresh();
  }
  if (fileHasProgress) {
    logger.warn(
      `${stateFile} has cursors but ${words.the} holds no intercom-sync state (new, removed or replaced): ` +
        "exporting everything (from --since) into it.",
    );
  }
  return fresh();
}

/**
 * Take-over of a 0.1.0 database (no state inside): its state file was saved after each page the database
 * committed, so its cursors are safe exactly when the database ends with the run the file records. 0.1.0
 * wrote `_sync_runs` in unix milliseconds, taken just after the file's start (seconds) and before its end.
 */
function matchesLastRun(file: SyncState, run: LegacyRun | undefined): boolean {
  const last = file.lastRun;
  if (run === undefined || last === undefined || last.endedAt === undefined || last.outcome === "running") return false;
  const started = Math.floor(run.startedAtMs / 1000);
  const ended = Math.floor(run.endedAtMs / 1000);
  const MINUTE = 60;
  return (
    run.outcome === last.outcome &&
    started >= last.startedAt &&
    started - last.startedAt <= MINUTE &&
    ended <= last.endedAt &&
    last.endedAt - ended <= MINUTE
  );
}

/** The file knows of a run the database never saw, or has a stream further on than the database. */
function claimsMore(file: SyncState, database: SyncState): boolean {
  if ((file.lastRun?.startedAt ?? 0) > (database.lastRun?.startedAt ?? 0)) {
    return JSON.stringify(file.streams) !== JSON.stringify(database.streams);
  }
  return Object.entries(file.streams).some(([name, stream]) => {
    if (stream.cursor === undefined) return false;
    const own = database.streams[name]?.cursor;
    return own === undefined || stream.cursor > own;
  });
}

function parseDatabaseState(config: RunStateConfig, json: unknown): SyncState {
  const result = v.safeParse(SyncStateSchema, json);
  if (result.success) return result.output;
  const words = databaseWords(config);
  const version = (json as { version?: unknown } | null)?.version;
  const why = typeof version === "number" && version > 1
    ? `has state format version ${version}, written by a newer intercom-sync; upgrade intercom-sync`
    : `holds an invalid intercom-sync state (${result.issues[0]?.message}); use ${words.another} or --full-refresh into a new one`;
  throw new StateError(`${capitalised(words.the)} ${why}. It was left untouched.`, config.sqlite!);
}

/** The database as messages name it: a snapshot directory's staging database by the directory and its flag. */
function databaseWords(config: RunStateConfig): { the: string; flags: string; another: string; separate: string } {
  const named = config.sqliteNamed;
  if (named) {
    return {
      the: `the ${named.flag} directory ${named.path}`,
      flags: `${named.flag} ${named.path}`,
      another: `another ${named.flag} directory`,
      separate: `a separate ${named.flag} directory`,
    };
  }
  return {
    the: `the database ${config.sqlite}`,
    flags: `--sqlite ${config.sqlite}`,
    another: "another --sqlite path",
    separate: "a separate --sqlite file",
  };
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** --since only applies to streams without saved progress: say which use their cursor instead. */
function noteSince(config: RunStateConfig, state: SyncState, logger: Logger): void {
  if (config.since === undefined || config.fullRefresh) return;
  const resumed = config.streams.filter((name) => state.streams[name]?.cursor !== undefined || state.streams[name]?.windows);
  if (resumed.length === 0) return;
  const since = new Date(config.since * 1000).toISOString().replace(/\.000Z$/, "Z");
  const which = resumed.length === config.streams.length ? "every stream" : resumed.join(", ");
  logger.warn(
    `--since ${since} is not used for ${which}: saved state exists, so they continue from their saved cursors ` +
      "(see `intercom-sync state show`; --full-refresh starts over from --since).",
  );
}
