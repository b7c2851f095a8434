/** One interface for every output: JSON lines, SQLite, Airbyte and Singer messages. */
import type { JsonSchema } from "../schema/json-schema.ts";

export type JsonRecord = Record<string, unknown>;

export interface StreamInfo {
  name: string;
  /** Field names that together identify a record, e.g. ["company_id", "id"]. */
  primaryKey: string[];
  /** The field incremental sync follows, when the stream has one. */
  cursorField?: string;
  schema: JsonSchema;
  /**
   * For a child stream: its parent and the fields copied from the parent (child field → parent field), so a
   * parent's deletion can mark its children too (SQLite marks a deleted conversation's parts).
   */
  parent?: { stream: string; copy: Record<string, string> };
  /** Fields naming a record of another stream (field → stream): a deletion there deletes the rows naming it. */
  references?: Record<string, string>;
}

/**
 * A record Intercom no longer has: its primary key fields (as strings) and when it went, unix seconds. JSON lines
 * write it as `{"stream":…,"deleted":{…key, "deleted_at":…}}` (deletedFields); see src/engine/deletions/.
 * A deletion of a link stream may name only the parent's key fields: that parent's list was read whole and is
 * empty, so every row of it is deleted as of `deletedAt` (its updated_at; src/engine/children.ts).
 * @example { key: { id: "512" }, deletedAt: 1734537460 }
 * @example { key: { contact_id: "65a1…" }, deletedAt: 1734537460 } // contact 65a1… has no tags left
 */
export interface Deletion {
  key: Record<string, string>;
  deletedAt: number;
  /**
   * What the Airbyte and Singer tombstones carry in the stream's cursor field, when not `deletedAt`: a company
   * segment link carries its segment's updated_at, so the link put back later (a record with that updated_at, sent
   * after) wins over its deletion where a destination keeps the greatest cursor per key.
   */
  cursor?: number;
}

/**
 * One parent's children as of `at`: `key` names the parent by the child's copied key fields, `at` is unix seconds
 * (the parent's updated_at). Only embedded lists read whole make one (src/engine/children.ts).
 * @example { key: { contact_id: "65a1…" }, at: 1734537460 }
 */
export interface ChildSet {
  key: Record<string, unknown>;
  at: number;
}

/** The `deleted` object of a JSON line: the key fields and `deleted_at`. */
export function deletedFields(deletion: Deletion): JsonRecord {
  return { ...deletion.key, deleted_at: deletion.deletedAt };
}

export interface RunSummary {
  startedAt: number;
  endedAt: number;
  streams: { name: string; records: number; outcome: "ok" | "failed"; error?: string }[];
  outcome: "ok" | "partial" | "failed";
  toolVersion: string;
}

/** One stream's records within a batch. */
export interface Page {
  stream: string;
  records: readonly JsonRecord[];
  /** Records of the stream found deleted; written after `records`. */
  deletions?: readonly Deletion[];
  /**
   * Parents whose complete set of child rows is in `records` (none of them, when a parent has none left). A
   * sink that keeps rows (SQLite) marks every other row of such a parent deleted as of `at` before it writes
   * `records`, so a link removed in Intercom (a tag taken off a contact) leaves the live rows; the other sinks
   * ignore it (their rows carry `<parent>_updated_at`, so a consumer can keep the newest snapshot per parent).
   */
  replaces?: readonly ChildSet[];
  /**
   * Part of a whole that must appear at once (a report window's rows, handed over in chunks as its file is read):
   * a sink that keeps rows (SQLite) sets it aside and writes it in the transaction of the same pass's next batch
   * with progress, after that batch's `replaces`; a pass that never brings progress leaves nothing of it. The
   * other sinks write it as any page (JSON lines files hold every batch without progress until then anyway).
   */
  staged?: boolean;
  /** The progress display's estimate of the stream's total, when the API told it. */
  expected?: number;
}

/**
 * Pages that belong together and the progress they complete. `progress` is absent when the pages complete no
 * progress yet (a company scroll page: only the whole scroll moves the cursor); a sink that promises
 * exactly-once keeps such pages until a later batch of the same pass brings progress.
 */
export interface PageBatch {
  /** The pass (its root stream) the pages come from: batches of one pass complete in order. */
  pass: string;
  pages: readonly Page[];
  /**
   * Applies the progress to the in-memory state and returns its undo. A sink calls it once, when the pages are
   * durable or inside the transaction that makes them so; if that transaction then fails, it calls the undo.
   */
  progress?: () => () => void;
}

export interface Sink {
  open(streams: StreamInfo[]): Promise<void>;
  /**
   * Hand over one page of records of one stream. When the promise resolves the records are durable
   * (flushed to stdout / committed to the database), so the caller may checkpoint state past them.
   */
  write(stream: string, records: readonly JsonRecord[], deletions?: readonly Deletion[]): Promise<void>;
  /**
   * Optional: take a whole batch and apply its progress itself, so that the state can never describe records
   * the output does not hold (SQLite: in the pages' transaction; a file: after the bytes are appended). Without
   * it the engine writes the pages one by one and applies the progress after the last.
   */
  commit?(batch: PageBatch): Promise<void>;
  /** Called once at the end of a run (also after failures), before close. */
  finish?(summary: RunSummary): Promise<void>;
  close(): Promise<void>;
}
