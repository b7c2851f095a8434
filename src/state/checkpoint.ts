/**
 * The in-memory state of a run and its saves. Streams run concurrently and each checkpoints after every page;
 * saves never overlap and never go backwards: while one write is in flight, any number of `save()` calls share
 * a single follow-up write, which takes the newest snapshot when it starts.
 *
 * @example
 * const checkpoints = new Checkpointer(statePath, state);
 * checkpoints.update("contacts", { windows: [{ start, end, position: nextCursor }] });
 * await checkpoints.save(); // after the sink has made the page durable
 * await checkpoints.flush(); // at the end of the run
 */
import * as v from "valibot";
import {
  type LastRun,
  LastRunSchema,
  type OutputFile,
  OutputFileSchema,
  type StreamState,
  StreamStateSchema,
  type SyncState,
  type Workspace,
  WorkspaceSchema,
} from "./schema.ts";
import { saveState } from "./store.ts";
import { StateError } from "../errors.ts";

export interface CheckpointerOptions {
  /** Writes one snapshot to disk. Default: `saveState`. */
  save?: (path: string, state: SyncState) => Promise<void>;
}

export class Checkpointer {
  #state: SyncState;
  readonly #save: (path: string, state: SyncState) => Promise<void>;
  /** The write in flight. */
  #writing: Promise<void> | undefined;
  /** The one write queued behind it, shared by every save() made meanwhile. */
  #pending: Promise<void> | undefined;

  constructor(
    /** The state file. */
    readonly path: string,
    initial: SyncState,
    options: CheckpointerOptions = {},
  ) {
    this.#state = structuredClone(initial);
    this.#save = options.save ?? saveState;
  }

  /**
   * The current (possibly unsaved) state itself, not a copy: for reading at once (the engine's per-page lookups,
   * the JSON of the database's `_state` row), never to keep or change. Copying the whole state for each of those
   * was a tenth of a fast run's CPU.
   */
  view(): Readonly<SyncState> {
    return this.#state;
  }

  /**
   * Merge `patch` into `stream`'s state. A key present with the value `undefined` is removed
   * (e.g. `{ windows: undefined }` once a window is done).
   * @throws StateError when the result would not validate; the state is then unchanged.
   */
  update(stream: string, patch: Partial<StreamState>): void {
    const merged: Record<string, unknown> = { ...this.#state.streams[stream] };
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined) delete merged[key];
      else merged[key] = structuredClone(value);
    }
    const result = v.safeParse(StreamStateSchema, merged);
    if (!result.success) throw invalid(this.path, `stream ${stream}`, result.issues);
    this.#state.streams[stream] = result.output;
  }

  /** Bind the state to the workspace the run's first request reached. */
  setWorkspace(workspace: Workspace): void {
    const result = v.safeParse(WorkspaceSchema, workspace);
    if (!result.success) throw invalid(this.path, "workspace", result.issues);
    this.#state.workspace = result.output;
  }

  /** Replace the record of the run (its start, end and outcome). */
  setLastRun(lastRun: LastRun): void {
    const result = v.safeParse(LastRunSchema, lastRun);
    if (!result.success) throw invalid(this.path, "lastRun", result.issues);
    this.#state.lastRun = result.output;
  }

  /** Record the --output file and its length (undefined: the runs no longer write one). */
  setOutput(output: OutputFile | undefined): void {
    if (output === undefined) {
      delete this.#state.output;
      return;
    }
    const result = v.safeParse(OutputFileSchema, output);
    if (!result.success) throw invalid(this.path, "output", result.issues);
    this.#state.output = result.output;
  }

  /** Resolves once a snapshot at least as new as the state at this call is on disk. */
  save(): Promise<void> {
    if (this.#pending !== undefined) return this.#pending;
    if (this.#writing === undefined) return this.#write();
    const pending = this.#writing
      .catch(() => {}) // that write's callers hear of its failure; this one is a fresh attempt
      .then(() => {
        this.#pending = undefined;
        return this.#write();
      });
    this.#pending = pending;
    return pending;
  }

  /** Resolves when every requested save has been written; rejects if the last one failed. */
  async flush(): Promise<void> {
    // The pending write starts only after the one in flight, so awaiting it covers both.
    await (this.#pending ?? this.#writing);
  }

  #write(): Promise<void> {
    const snapshot = structuredClone(this.#state);
    // The executor turns a synchronous throw of an injected save into a rejection.
    const started = new Promise<void>((resolve) => resolve(this.#save(this.path, snapshot)));
    const writing: Promise<void> = started.finally(() => {
      if (this.#writing === writing) this.#writing = undefined;
    });
    this.#writing = writing;
    return writing;
  }
}

function invalid(path: string, what: string, issues: readonly v.BaseIssue<unknown>[]): StateError {
  const details = issues.map((issue) => `${v.getDotPath(issue) ?? what}: ${issue.message}`).join("; ");
  return new StateError(`Refusing an invalid update of ${what} in ${path}: ${details}.`, path);
}
