/**
 * A stream's progress, as one valibot schema: what the engine records (state-store.ts infers its types from it)
 * and what a state file, a database's `_state` row or a protocol STATE message must hold to be read back
 * (src/state/schema.ts validates with it). It lives here, below both, so the two cannot drift apart.
 */
import * as v from "valibot";

/** Unix *seconds*. The upper bound (year 9999) rejects milliseconds, the classic way to corrupt a cursor. */
export const UnixSeconds = v.pipe(
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
    /** Unix seconds, exclusive: the run's fixed upper bound for this window. */
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
 * `{count, digest, packed}`: `packed` the sorted keys compactly encoded (deletions/key-codec.ts), so the keys live
 * wherever this state lives (a state file, the database, the Airbyte and Singer STATE messages), and `digest` the
 * SHA-256 of the sorted, newline-joined keys, which the packed text must match. A database keeps `packed` in its
 * `_seen_keys` table, written in the same transaction as its `_state` row.
 * Still read: `{count, keys}` (inline up to 1,000 keys) and `{count, digest}` with the keys in a file beside the
 * state (src/state/key-files.ts), as earlier versions wrote them. `count` is the number of keys either way.
 */
export const SeenKeysSchema = v.object({
  count: v.pipe(v.number(), v.integer(), v.minValue(0)),
  keys: v.optional(v.array(v.string())),
  digest: v.optional(v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, "must be a SHA-256 in hex"))),
  packed: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z0-9+/]*={0,2}$/, "must be base64"))),
});

/**
 * A reporting export job a report stream enqueued whose window is not written yet: recorded (and made durable)
 * before it is polled, so a run killed mid-job lets the next one poll and download it instead of enqueueing again.
 */
export const ReportJobSchema = v.object({
  jobId: v.pipe(v.string(), v.minLength(1)),
  /** The reporting dataset exported, or "content_data" for a Content Data Export job (content-export/content-job.ts). */
  datasetId: v.pipe(v.string(), v.minLength(1)),
  /** The attribute ids it was asked for, in the order asked: a job is re-used only for the very same ones. */
  attributeIds: v.array(v.string()),
  /** Unix seconds, the window [start, end) it exports. */
  start: UnixSeconds,
  end: UnixSeconds,
  /** Unix seconds when it was enqueued: an old job is not re-used (its download will have expired). */
  enqueuedAt: UnixSeconds,
});

/** What a pass records of a stream: its reading's progress under one parent (see StreamProgressSchema.parents). */
const PassProgressEntries = {
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
  /** A stream read whole every run: the keys its last complete read saw (deletions/complete-read.ts). */
  seen: v.optional(SeenKeysSchema),
  /** Unix seconds: every deletion of the stream's deletion feed (e.g. conversations') before this has been written. */
  deletedCursor: v.optional(UnixSeconds),
  /** A report stream: its jobs enqueued whose windows are not written yet (reports/held-jobs.ts). */
  reportJobs: v.optional(v.array(ReportJobSchema)),
};

/** A stream's progress on the pass of one of its further parents (engine/parent-progress.ts). */
export const ParentProgressSchema = v.object(PassProgressEntries);

export const StreamProgressSchema = v.object({
  ...PassProgressEntries,
  /**
   * A child read on the passes of several parents (custom object instances, referred to by conversations and
   * tickets): its progress on each further parent's pass, by parent stream; the first parent's is the fields
   * above. Each parent's read resumes and moves on its own.
   */
  parents: v.optional(v.record(v.string(), ParentProgressSchema)),
});
