/**
 * The state file's format (version 1). The valibot schemas are the single source of truth: the types below are
 * inferred from them, and nothing is written to disk unless it passes `SyncStateSchema`. A stream's progress is
 * the engine's own schema (engine/progress-schema.ts), so what the engine records is what this file validates.
 *
 * Unknown keys are dropped on load; a change that older builds must not silently drop needs a new `version`.
 *
 * @example
 * const state: SyncState = emptyState({ baseUrl: "https://api.intercom.io" });
 */
import * as v from "valibot";
import { SeenKeysSchema, StreamProgressSchema, UnixSeconds, WindowSchema } from "../engine/progress-schema.ts";

/** The only format this build reads and writes. A file with a higher version was written by a newer build. */
export const STATE_VERSION = 1;

// A stream's progress is the engine's schema, shared so the state file and the engine cannot drift apart.
export const StreamStateSchema = StreamProgressSchema;

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
