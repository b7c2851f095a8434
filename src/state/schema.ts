/**
 * The state file's format (version 1). The valibot schemas are the single source of truth: the types below are
 * inferred from them, and nothing is written to disk unless it passes `SyncStateSchema`.
 *
 * Unknown keys are dropped on load; a change that older builds must not silently drop needs a new `version`.
 *
 * @example
 * const state: SyncState = emptyState({ baseUrl: "https://api.intercom.io" });
 */
import * as v from "valibot";

/** The only format this build reads and writes. A file with a higher version was written by a newer build. */
export const STATE_VERSION = 1;

// Unix *seconds*. The upper bound (year 9999) rejects milliseconds, the classic way to corrupt a cursor.
const UnixSeconds = v.pipe(
  v.number(),
  v.integer("must be whole unix seconds"),
  v.minValue(0, "must not be negative"),
  v.maxValue(253_402_300_799, "looks like milliseconds; unix seconds expected"),
);

/**
 * A time window a stream is working through. Windows are read side by side; the cursor only passes a window once
 * it and every window before it are written, so a run killed mid-window resumes here instead of skipping the rest.
 */
export const WindowSchema = v.pipe(
  v.object({
    /** Unix seconds, inclusive. */
    start: UnixSeconds,
    /** Unix seconds, the run's fixed upper bound for this window. */
    end: UnixSeconds,
    /** Where the next page starts: the API's `starting_after` or `next` URL. Absent: at the window's first page. */
    position: v.optional(v.pipe(v.string(), v.minLength(1))),
    /** Every page of this window is written (it finished before an earlier window did). */
    done: v.optional(v.boolean()),
  }),
  v.check((window) => window.start <= window.end, "window start is after its end"),
);

/**
 * The keys of a stream's last complete read, from which the next complete read's deletions follow. Written as
 * `{count, digest, packed}`: `packed` the sorted keys compactly encoded (engine/deletions/key-codec.ts), so the
 * keys live wherever this state lives (this file, the database, the Airbyte and Singer STATE messages), and
 * `digest` the SHA-256 of the sorted, newline-joined keys, which the packed text must match. A database keeps
 * `packed` in its `_seen_keys` table, written in the same transaction as its `_state` row.
 * Still read: `{count, keys}` (inline up to 1,000 keys) and `{count, digest}` with the keys in a file beside the
 * state (src/state/key-files.ts), as earlier versions wrote them. `count` is the number of keys either way.
 */
export const SeenKeysSchema = v.object({
  count: v.pipe(v.number(), v.integer(), v.minValue(0)),
  keys: v.optional(v.array(v.string())),
  digest: v.optional(v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, "must be a SHA-256 in hex"))),
  packed: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z0-9+/]*={0,2}$/, "must be base64"))),
});

export const StreamStateSchema = v.object({
  /** Unix seconds: every record whose cursor field is below this value has been written. */
  cursor: v.optional(UnixSeconds),
  /** The windows from the cursor on that were started (in progress or done), in time order; absent when none is open. */
  windows: v.optional(v.array(WindowSchema)),
  /** Unix seconds of the stream's last successful completion. */
  lastSyncedAt: v.optional(UnixSeconds),
  /** How the stream's last run ended. */
  outcome: v.optional(v.picklist(["ok", "failed"])),
  /** The last run's error message when it failed. */
  error: v.optional(v.string()),
  /** Streams read whole every run: the keys the last complete read saw (see SeenKeysSchema). */
  seen: v.optional(SeenKeysSchema),
  /** Unix seconds: every deletion (a deletion feed's, e.g. conversations') before this has been written. */
  deletedCursor: v.optional(UnixSeconds),
});

/**
 * The workspace a state (file or database) belongs to, recorded once the run's first request (`GET /me`)
 * succeeded. Both absent: bound to none yet (a new or reset state); the next run binds it.
 */
export const WorkspaceSchema = v.object({
  /** The API base URL the state was built against; without appIds to compare, another base URL is refused. */
  baseUrl: v.optional(v.pipe(v.string(), v.url("must be a URL"))),
  /** Intercom's app (workspace) id, `app.id_code` of `GET /me`; a state from another workspace is refused. */
  appId: v.optional(v.pipe(v.string(), v.minLength(1))),
});

export const LastRunSchema = v.object({
  startedAt: UnixSeconds,
  endedAt: v.optional(UnixSeconds),
  /** "running" on disk means the run is in progress, or was killed. */
  outcome: v.picklist(["ok", "partial", "failed", "running"]),
  toolVersion: v.string(),
  /** The --intercom-version the run used: the shape of the records it wrote. Absent before it was recorded. */
  intercomVersion: v.optional(v.string()),
});

/**
 * The `--output` file the state describes: every byte up to `length` is a whole line whose progress the state
 * holds. A resumed run cuts a killed run's bytes past `length`; a file at another path, shorter than that, or
 * whose bytes before `length` changed is refused (src/cli/output-binding.ts).
 */
export const OutputFileSchema = v.object({
  /** Absolute (resolved) path; an older state may hold it as it was given to --output. */
  path: v.pipe(v.string(), v.minLength(1)),
  /** Bytes, at the last checkpoint. */
  length: v.pipe(v.number(), v.integer(), v.minValue(0)),
  /** SHA-256 of the file's last bytes up to `length` (src/sinks/output-identity.ts); absent in older states. */
  tail: v.optional(v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, "must be a SHA-256 in hex"))),
});

export const SyncStateSchema = v.object({
  version: v.literal(STATE_VERSION),
  workspace: WorkspaceSchema,
  /** Keyed by stream name, e.g. "contacts". */
  streams: v.record(v.string(), StreamStateSchema),
  lastRun: v.optional(LastRunSchema),
  /** Present when the runs write JSON lines into a file with --output. */
  output: v.optional(OutputFileSchema),
});

export type SyncState = v.InferOutput<typeof SyncStateSchema>;
export type StreamState = v.InferOutput<typeof StreamStateSchema>;
export type SeenKeys = v.InferOutput<typeof SeenKeysSchema>;
export type StreamWindow = v.InferOutput<typeof WindowSchema>;
export type Workspace = v.InferOutput<typeof WorkspaceSchema>;
export type LastRun = v.InferOutput<typeof LastRunSchema>;
export type OutputFile = v.InferOutput<typeof OutputFileSchema>;

/**
 * The state of a first run: no stream has a cursor yet.
 * @example
 * const state = emptyState({ baseUrl: "https://api.intercom.io", appId: "abc123" });
 */
export function emptyState(workspace: Workspace): SyncState {
  return { version: STATE_VERSION, workspace: { ...workspace }, streams: {} };
}
