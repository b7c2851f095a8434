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
import { createSnapshotDirSink, type SnapshotFormat, stagingDatabasePath } from "../sinks/snapshot-dir.ts";
import { createSqliteSink } from "../sinks/sqlite.ts";
import { readDatabaseContents, replaceDatabaseState } from "../sinks/sqlite-state.ts";
import type { Sink } from "../sinks/types.ts";
import type { RunState, RunStateConfig } from "../state/run-state.ts";
import { heldInJsonl } from "../verify/held-jsonl.ts";
import { heldInSqlite } from "../verify/held-sqlite.ts";
import type { HeldOutput } from "../verify/held.ts";
import { heldInSnapshotDir } from "../verify/held-snapshot.ts";
import type { Output, OutputKind, WrittenOutput } from "./output.ts";
import { fileRepairTarget, type RepairTarget, snapshotRepairTarget, sqliteRepairTarget } from "./repair-target.ts";

export interface OutputEntry<O extends Output> {
  /** The flag that names the output's file (for messages and the state-path check); none for stdout. */
  file?(output: O): { flag: "--sqlite" | "--output" | "--parquet" | "--csv"; path: string };
  /** Whether it writes to stdout (refused when stdout is closed: every record would be lost). */
  writesStdout: boolean;
  /** What the run state reads and binds for it (the state file alone for stdout). */
  runState(output: O): Pick<RunStateConfig, "sqlite" | "sqliteNamed" | "output" | "newOutput">;
  /**
   * An output that carries its own state (written in the transactions of the records it describes): that state is
   * the one that counts. None when the state file is the one.
   */
  ownState?: OwnState<O>;
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
  /** Where it lives, as a warning names it and `state reset` finds it. */
  location(output: O): StateLocation;
  /** `state show|reset`: the state as stored, or what to tell the user when there is none. */
  read(output: O, statePath: string): Promise<{ state: unknown } | { none: string }>;
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
    runState: () => ({}),
    openSink: (_output, state) => ({ sink: createJsonlSink(runtime.stdout()), store: state.store }),
  },
  // Singer writes STATE messages after the records they cover, so its store wraps the state file's.
  "stdout-singer": {
    writesStdout: true,
    runState: () => ({}),
    openSink: (_output, state) => createSingerOutput(runtime.stdout(), state.store),
  },
  file: {
    file: (output) => ({ flag: "--output", path: output.path }),
    writesStdout: false,
    runState: (output) => ({ output: output.path, newOutput: output.newOutput }),
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
    runState: (output) => ({ sqlite: output.path }),
    ownState: {
      location: (output) => ({ name: `the database ${output.path}`, flags: `--sqlite ${shellWord(output.path)}` }),
      async read(output, statePath) {
        const contents = await readDatabaseContents(output.path);
        if (contents.kind === "stateful") return { state: contents.state };
        return {
          none: contents.kind === "new"
            ? `${output.path} holds no intercom-sync state: the next --sqlite run into it exports everything (or from --since).`
            : `${output.path} was written by intercom-sync 0.1.0 and holds no state of its own; see ${statePath}.`,
        };
      },
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
};

/**
 * `--parquet DIR` / `--csv DIR`: the records and the state go into the directory's staging SQLite database (so the
 * run state treats it as a --sqlite database), and the sink regenerates the snapshot files from it at the end.
 * verify compares the staging rows and checks each file is the one written from them (verify/held-snapshot.ts);
 * --repair writes into the staging database and publishes the repaired streams' files before comparing.
 */
function snapshotDirEntry(format: SnapshotFormat): WrittenOutputEntry<{ kind: SnapshotFormat; path: string }> {
  return {
    file: (output) => ({ flag: `--${format}`, path: output.path }),
    writesStdout: false,
    runState: (output) => ({ sqlite: stagingDatabasePath(output.path), sqliteNamed: { flag: `--${format}`, path: output.path } }),
    ownState: {
      location: (output) => ({ name: `the directory ${output.path}`, flags: `--${format} ${shellWord(output.path)}` }),
      async read(output) {
        const contents = await readDatabaseContents(stagingDatabasePath(output.path));
        if (contents.kind === "stateful") return { state: contents.state };
        return { none: `${output.path} holds no intercom-sync state: the next --${format} run into it exports everything (or from --since).` };
      },
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
