/**
 * What each kind of output does, one entry per kind: how a run opens its sink, whether it carries its own state,
 * how `verify` reads it back and how `verify --repair` writes into it. A new output is one sink (src/sinks/), one
 * kind in output.ts and one entry here (README "Adding an output").
 */
import type { StateLocation } from "../engine/future-cursor.ts";
import type { StateStore } from "../engine/state-store.ts";
import { createSingerOutput } from "../protocols/singer/output.ts";
import { runtime } from "../runtime/mod.ts";
import { createJsonlFileSink } from "../sinks/jsonl-file.ts";
import { createJsonlSink } from "../sinks/jsonl.ts";
import { createMarkdownDirSink, markdownDirDatabasePath, markdownDirProblems } from "../sinks/markdown-dir/sink.ts";
import { createSnapshotDirSink, type SnapshotFormat, stagingDatabasePath } from "../sinks/snapshot-dir.ts";
import { createSqliteSink } from "../sinks/sqlite.ts";
import { readDatabaseContents, replaceDatabaseState } from "../sinks/sqlite-state.ts";
import type { Sink } from "../sinks/types.ts";
import type { CarriedState, RunStateOutput } from "../state/carried-state.ts";
import type { RunState } from "../state/run-state.ts";
import { heldInJsonl } from "../verify/held-jsonl.ts";
import { heldInSqlite } from "../verify/held-sqlite.ts";
import type { HeldOutput } from "../verify/held.ts";
import type { StreamName } from "../streams/catalog.ts";
import { markdownDirStreams } from "./markdown-dir-streams.ts";
import { heldInSnapshotDir } from "../verify/held-snapshot.ts";
import type { Output, OutputFlag, OutputKind, WrittenOutput } from "./output.ts";
import { fileRepairTarget, type RepairTarget, snapshotRepairTarget, sqliteRepairTarget } from "./repair-target.ts";

export interface OutputEntry<O extends Output> {
  /** The flag that names the output's file (for messages and the state-path check); none for stdout. */
  file?(output: O): { flag: OutputFlag; path: string };
  /** Whether it writes to stdout (refused when stdout is closed: every record would be lost). */
  writesStdout: boolean;
  /**
   * What the run state needs to know of it (src/state/carried-state.ts): where it writes, for messages; the state
   * it carries, if any; the file the state file records, if any. Nothing for stdout: the state file alone.
   */
  runState(output: O): RunStateOutput;
  /**
   * An output that carries its own state (written in the transactions of the records it describes): that state is
   * the one that counts. None when the state file is the one.
   */
  ownState?: OwnState<O>;
  /**
   * The streams the run exports, given the ones --streams names (undefined: none named) and whether it names report
   * streams; without it, the named streams or the default set. ConfigError for streams the output cannot hold.
   */
  streams?(named: readonly StreamName[] | undefined, reports: boolean): readonly StreamName[];
  /** The run's sink, and the store the engine saves state through. */
  openSink(output: O, state: RunState): { sink: Sink; store: StateStore };
  /** verify: the records it holds; none when it cannot be read back (stdout). */
  readHeld?(output: O, streams: ReadonlySet<string>): Promise<HeldOutput>;
  /** verify --repair: where the repairs are written, with the state file of the syncs that write it. */
  repairTarget?(output: O, statePath: string): Promise<RepairTarget>;
}

/** An output a sync wrote into a file can be read back and repaired: these are not optional for it. */
export type WrittenOutputEntry<O extends WrittenOutput> = OutputEntry<O> & Required<Pick<OutputEntry<O>, "file" | "readHeld" | "repairTarget">>;

export interface OwnState<O extends Output> {
  /**
   * It as the run state (its `runState().carried`) and `state show|reset` read it: what it holds, and the words
   * that name it (src/state/carried-state.ts).
   */
  carried(output: O): CarriedState;
  /** `state reset`: replace it (the records stay). */
  replace(output: O, state: unknown): Promise<void>;
}

type Registry = {
  [K in OutputKind]: K extends WrittenOutput["kind"] ? WrittenOutputEntry<Extract<WrittenOutput, { kind: K }>>
    : OutputEntry<Extract<Output, { kind: K }>>;
};

export const OUTPUTS: Registry = {
  "stdout-jsonl": {
    writesStdout: true,
    runState: () => ({ target: "stdout" }),
    openSink: (_output, state) => ({ sink: createJsonlSink(runtime.stdout()), store: state.store }),
  },
  // Singer writes STATE messages after the records they cover, so its store wraps the state file's.
  "stdout-singer": {
    writesStdout: true,
    runState: () => ({ target: "stdout" }),
    openSink: (_output, state) => createSingerOutput(runtime.stdout(), state.store),
  },
  file: {
    file: (output) => ({ flag: "--output", path: output.path }),
    writesStdout: false,
    runState: (output) => ({ target: `--output ${output.path}`, appendFile: { path: output.path, newOutput: output.newOutput } }),
    openSink(_output, state) {
      // The run state opened the file (cut back to what the state records) when it bound the state to it.
      const file = state.output;
      if (!file) throw new Error("an --output run needs a state file to record the file's length");
      return { sink: createJsonlFileSink(file.file, { onAppended: file.recordLength }), store: state.store };
    },
    readHeld: (output, streams) => heldInJsonl(output.path, streams),
    repairTarget: (output, statePath) => fileRepairTarget(output.path, statePath),
  },
  // The database carries the state in the pages' transactions (see state/run-state.ts).
  sqlite: {
    file: (output) => ({ flag: "--sqlite", path: output.path }),
    writesStdout: false,
    runState: (output) => carriedRunState(carriedDatabase(output.path)),
    ownState: {
      carried: (output) => carriedDatabase(output.path),
      replace: (output, state) => replaceDatabaseState(output.path, state),
    },
    openSink: (output, state) => ({
      sink: createSqliteSink(output.path, { state: (summary) => state.snapshot(summary) }),
      store: state.store,
    }),
    readHeld: (output, streams) => heldInSqlite(output.path, streams),
    repairTarget: (output) => sqliteRepairTarget(output.path),
  },
  parquet: snapshotDirEntry("parquet") as WrittenOutputEntry<Extract<Output, { kind: "parquet" }>>,
  csv: snapshotDirEntry("csv") as WrittenOutputEntry<Extract<Output, { kind: "csv" }>>,
  // The directory's database holds its state (in the transaction after each page's files), as a --sqlite one does.
  "markdown-dir": {
    file: (output) => ({ flag: "--markdown-dir", path: output.path }),
    writesStdout: false,
    runState: (output) => carriedRunState(carriedMarkdownDir(output.path)),
    ownState: {
      carried: (output) => carriedMarkdownDir(output.path),
      replace: (output, state) => replaceDatabaseState(markdownDirDatabasePath(output.path), state),
    },
    streams: markdownDirStreams,
    openSink: (output, state) => ({
      sink: createMarkdownDirSink(output.path, { state: (summary) => state.snapshot(summary) }),
      store: state.store,
    }),
  },
};

/**
 * `--parquet DIR` / `--csv DIR`: the records and the state go into the directory's staging SQLite database, and the
 * sink regenerates the snapshot files from it at the end.
 * verify compares the staging rows and checks each file is the one written from them (verify/held-snapshot.ts);
 * --repair writes into the staging database and publishes the repaired streams' files before comparing.
 */
function snapshotDirEntry(format: SnapshotFormat): WrittenOutputEntry<{ kind: SnapshotFormat; path: string }> {
  return {
    file: (output) => ({ flag: `--${format}`, path: output.path }),
    writesStdout: false,
    runState: (output) => carriedRunState(carriedDirectory(format, output.path)),
    ownState: {
      carried: (output) => carriedDirectory(format, output.path),
      replace: (output, state) => replaceDatabaseState(stagingDatabasePath(output.path), state),
    },
    openSink: (output, state) => ({
      sink: createSnapshotDirSink(output.path, format, { state: (summary) => state.snapshot(summary) }),
      store: state.store,
    }),
    readHeld: (output, streams) => heldInSnapshotDir(output.path, format, streams),
    repairTarget: (output) => snapshotRepairTarget(output.path, format),
  };
}

/** A --sqlite database, as the run state sees the state it carries. */
function carriedDatabase(path: string): CarriedState {
  return { noun: "database", path, flag: "--sqlite", freshOne: "--sqlite file", read: () => readDatabaseContents(path) };
}

/** A snapshot directory: its state is its staging database's, but messages name the directory and its flag. */
function carriedDirectory(format: SnapshotFormat, dir: string): CarriedState {
  return directoryWithDatabase(`--${format}`, dir, stagingDatabasePath(dir));
}

/** A --markdown-dir directory: its state is in its own database, as the files it has written. */
function carriedMarkdownDir(dir: string): CarriedState {
  return { ...directoryWithDatabase("--markdown-dir", dir, markdownDirDatabasePath(dir)), problems: () => markdownDirProblems(dir) };
}

function directoryWithDatabase(flag: string, dir: string, database: string): CarriedState {
  return { noun: "directory", path: dir, flag, freshOne: `${flag} directory`, read: () => readDatabaseContents(database) };
}

/** The run state of an output that carries its own state: that state, and its flag and path for messages. */
function carriedRunState(carried: CarriedState): RunStateOutput {
  return { target: `${carried.flag} ${carried.path}`, carried };
}

/** Where an output's own state lives, as a warning names it and `state reset` finds it. */
export function ownStateLocation(carried: CarriedState): StateLocation {
  return { name: `the ${carried.noun} ${carried.path}`, flags: `${carried.flag} ${shellWord(carried.path)}` };
}

/** `state show|reset`: the state an output carries, as stored, or what to tell the user when there is none. */
export async function readOwnState(carried: CarriedState, statePath: string): Promise<{ state: unknown } | { none: string }> {
  const contents = await carried.read();
  if (contents.kind === "stateful") return { state: contents.state };
  return {
    none: contents.kind === "new"
      ? `${carried.path} holds no intercom-sync state: the next ${carried.flag} run into it exports everything (or from --since).`
      : `${carried.path} was written by intercom-sync 0.1.0 and holds no state of its own; see ${statePath}.`,
  };
}

/** The entry of `output`'s kind, typed for it. */
export function outputEntry<O extends WrittenOutput>(output: O): WrittenOutputEntry<O>;
export function outputEntry<O extends Output>(output: O): OutputEntry<O>;
export function outputEntry<O extends Output>(output: O): OutputEntry<O> {
  return OUTPUTS[output.kind] as unknown as OutputEntry<O>;
}

/** A path as one word of a command to copy into a shell. */
export function shellWord(path: string): string {
  return /^[\w@%+=:,./-]+$/.test(path) ? path : `'${path.replaceAll("'", `'\\''`)}'`;
}
