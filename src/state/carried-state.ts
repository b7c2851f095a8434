/**
 * Where a run writes, as the run state needs to know it, and nothing more: the run state knows no output kind. Each
 * output's entry in src/outputs/registry.ts gives its `RunStateOutput`, so a new output adds nothing here.
 *
 * An output that carries its own state (a database, or a directory staging in one, whose state is written in the
 * transactions of the records it describes) gives a `CarriedState`: that state never claims a record the output
 * lacks, so it is the one a run continues from, and the state file only mirrors it.
 * @example
 * const carried: CarriedState = {
 *   noun: "database", path: "intercom.db", flag: "--sqlite", freshOne: "--sqlite file",
 *   read: () => readDatabaseContents("intercom.db"),
 * };
 */
import type { DatabaseContents, LegacyRun } from "../sinks/sqlite-state.ts";

export type { LegacyRun };

/** What an output says about itself before a run: nothing yet, its state (unvalidated JSON), or 0.1.0's tables. */
export type CarriedContents = DatabaseContents;

export interface CarriedState {
  /** What the user calls it, for messages: "database", "directory". */
  noun: string;
  /** Its path, as given. */
  path: string;
  /** The flag that names it: "--sqlite". */
  flag: string;
  /** A fresh one to use instead, for messages: "--sqlite file", "--parquet directory". */
  freshOne: string;
  /** What it holds, read without creating or changing it. */
  read(): Promise<CarriedContents>;
  /**
   * What it found wrong with what it holds that the state cannot see (files deleted by hand), one warning each,
   * for the run to say at its start (not with --full-refresh, which writes everything again).
   */
  problems?(): Promise<string[]>;
}

export interface RunStateOutput {
  /** Where the run writes, as a message names it: "stdout", "--sqlite intercom.db". */
  target: string;
  /** An output that carries its own state (the one that counts). */
  carried?: CarriedState;
  /**
   * An append-only file whose identity (path, length, digest of its tail) the state file records, so that a run
   * continues only the file its state describes (output-binding.ts); `newOutput` binds the state to it afresh.
   */
  appendFile?: { path: string; newOutput: boolean };
}
