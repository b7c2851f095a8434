/**
 * The state a run starts from and keeps up to date: the state file's and, for an output that carries its own (a
 * `--sqlite` database, a `--parquet` directory: `config.output.carried`, given by the output's registry entry), the
 * output's. No output kind is named here (carried-state.ts).
 *
 * The output's copy is the one that counts: it is written in the transaction of the pages it describes, so it
 * never claims a record the output lacks. The file is written after it (at most once a second during the run,
 * and at its end) and may lag; it may also claim more than the output holds (a removed, replaced or older
 * database, or a JSON lines run in between). Either way the run continues from what the output holds. Nothing is
 * written before the run's first request (GET /me) succeeded and named the workspace; another workspace's file or
 * output is refused then.
 */
import * as v from "valibot";
import type { SyncResult } from "../engine/run-sync.ts";
import type { StateStore } from "../engine/state-store.ts";
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
import type { CarriedContents, CarriedState, LegacyRun, RunStateOutput } from "./carried-state.ts";

/** Where the run state's warnings go (the CLI's logger): to the user, never to stdout. */
export interface Logger {
  warn(line: string): void;
}

/** How often a state file that mirrors the output's own state is written during a run (its end always writes it). */
const MIRROR_SAVE_EVERY_MS = 1000;

export interface RunStateConfig {
  baseUrl: string;
  statePath?: string;
  /** Where the run writes, as its registry entry describes it for the run state. */
  output: RunStateOutput;
  since?: number;
  fullRefresh: boolean;
  /** Streams this run exports, for the --since notice. */
  streams: readonly string[];
  /** demo: write only into a new output or one of the same workspace; one that does not say is refused. */
  ownOutputOnly?: boolean;
  /** --intercom-version: recorded in the last run, and compared with the one the state records. */
  intercomVersion?: string;
}

export interface RunState {
  store: StateStore;
  /**
   * The state as it stands (with `summary`, its last run as the summary says): what an output carrying its own
   * state records. Not a copy: read it at once.
   */
  snapshot(summary?: RunSummary): Readonly<SyncState>;
  /** Check the workspace the first request reached against the file's and the output's, then bind them. */
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
  const { carried, appendFile } = config.output;
  const contents: CarriedContents = carried ? await carried.read() : { kind: "new" };
  const carriedState = carried && contents.kind === "stateful" ? parseCarriedState(carried, contents.state) : undefined;
  const binding = config.statePath
    ? await bindOutputFile({
      statePath: config.statePath,
      saved: file,
      output: appendFile?.path,
      fullRefresh: config.fullRefresh,
      newOutput: appendFile?.newOutput,
      otherTarget: config.output.target,
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
    initial = carried
      ? startingState(config, carried, binding.state, contents, carriedState, logger)
      : (binding.state ?? emptyState({ baseUrl: config.baseUrl }));
  } catch (error) {
    await close();
    throw error;
  }
  noteSince(config, initial, logger);
  // An output's own state says what its records were written with.
  const versionChange = versionChangeWarning(carried ? carriedState : initial, {
    intercomVersion: config.intercomVersion,
    fullRefresh: config.fullRefresh,
    ...(carried ? { carried } : {}),
    ...(appendFile ? { file: appendFile.path } : {}),
  });
  if (versionChange) logger.warn(versionChange);
  if (carried?.problems && contents.kind === "stateful" && !config.fullRefresh) {
    for (const problem of await carried.problems()) logger.warn(problem);
  }

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
  // An output's own state is the copy that counts; the file only mirrors it, so pages need not wait for it (an
  // --output file's length, by contrast, lives only in the file).
  const fileMirrorsOutput = carried !== undefined && outputFile === undefined;
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
      save: fileMirrorsOutput ? mirrorSaves(() => checkpointer.save(), MIRROR_SAVE_EVERY_MS) : () => checkpointer.save(),
    },
    snapshot(summary) {
      if (summary) lastRunOf(summary.startedAt, summary.endedAt, summary.outcome);
      // Turned into the `_state` row's JSON at once.
      return checkpointer.view();
    },
    async bind({ appId }) {
      const reached: ExpectedWorkspace = { baseUrl: config.baseUrl, ...(appId === undefined ? {} : { appId }) };
      if (file && config.statePath) checkWorkspace(config.statePath, file.workspace, reached);
      // Even a full refresh never mixes two workspaces' rows in one output.
      if (carried && carriedState && !sameWorkspace(carriedState.workspace, reached)) {
        throw new StateError(
          `The ${carried.noun} ${carried.path} holds ${describeWorkspace(carriedState.workspace)}, but this run syncs ` +
            `${describeWorkspace(reached)}. Its rows would mix. Use a separate ${carried.freshOne} per workspace. ` +
            `The ${carried.noun} was left untouched.`,
          carried.path,
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

/** Where a run into an output that carries its state starts: its own state when it has one, else what the file may vouch for. */
function startingState(
  config: RunStateConfig,
  carried: CarriedState,
  file: SyncState | undefined,
  contents: CarriedContents,
  carriedState: SyncState | undefined,
  logger: Logger,
): SyncState {
  const fresh = (): SyncState => ({ ...(file ?? emptyState({ baseUrl: config.baseUrl })), streams: {} });
  const { noun } = carried;
  const db = `${noun} ${carried.path}`;
  const stateFile = config.statePath ?? "the state file";
  const fileHasProgress = file !== undefined && Object.keys(file.streams).length > 0 && !config.fullRefresh;

  if (carriedState) {
    if (file && !config.fullRefresh && claimsMore(file, carriedState)) {
      logger.warn(
        `${stateFile} records more than the ${db} holds (a replaced or older ${noun}?): continuing ` +
          `from the ${noun}'s own state, so what it lacks is read again.`,
      );
    }
    // The file's lastRun is the newer one when only the file saw a run; the streams are the output's.
    return { ...carriedState, lastRun: file?.lastRun ?? carriedState.lastRun };
  }
  if (contents.kind === "legacy") {
    if (config.ownOutputOnly) {
      throw new StateError(
        `The ${db} was written by an older intercom-sync and does not say which workspace it holds; ` +
          `demo writes only into a new ${noun} or its own. Use another ${carried.flag} path.`,
        carried.path,
      );
    }
    if (file && matchesLastRun(file, contents.lastRun)) return file;
    if (fileHasProgress) {
      logger.warn(
        `The ${db} (written by intercom-sync 0.1.0) does not end with the run ${stateFile} records: ` +
          "exporting everything (from --since) into it rather than trusting the file's cursors.",
      );
    }
    return fresh();
  }
  if (fileHasProgress) {
    logger.warn(
      `${stateFile} has cursors but the ${db} holds no intercom-sync state (new, removed or replaced): ` +
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

/** The file knows of a run the output never saw, or has a stream further on than the output. */
function claimsMore(file: SyncState, carried: SyncState): boolean {
  if ((file.lastRun?.startedAt ?? 0) > (carried.lastRun?.startedAt ?? 0)) {
    return JSON.stringify(file.streams) !== JSON.stringify(carried.streams);
  }
  return Object.entries(file.streams).some(([name, stream]) => {
    if (stream.cursor === undefined) return false;
    const own = carried.streams[name]?.cursor;
    return own === undefined || stream.cursor > own;
  });
}

function parseCarriedState(carried: CarriedState, json: unknown): SyncState {
  const result = v.safeParse(SyncStateSchema, json);
  if (result.success) return result.output;
  const version = (json as { version?: unknown } | null)?.version;
  const why = typeof version === "number" && version > 1
    ? `has state format version ${version}, written by a newer intercom-sync; upgrade intercom-sync`
    : `holds an invalid intercom-sync state (${result.issues[0]?.message}); use another ${carried.flag} path or --full-refresh into a new file`;
  throw new StateError(`The ${carried.noun} ${carried.path} ${why}. The ${carried.noun} was left untouched.`, carried.path);
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
