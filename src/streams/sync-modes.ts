/**
 * How each stream can be synced, as the engine really does it: the one answer `streams`, Airbyte's `discover`
 * and Singer's `--discover` all give. A stream is incremental when a later run reads only what changed since its
 * cursor. A child follows its parent: incremental when the parent is filtered on the server (conversation parts
 * of the conversations updated since the cursor), a full read when the parent is read whole every run (company
 * segments: every company's, every run).
 * @example
 * incrementalCursor(streamByName("conversation_parts")!) // "updated_at"
 * incrementalCursor(streamByName("company_segments")!)   // undefined
 */
import { streamByName } from "./catalog.ts";
import type { StreamDefinition } from "./types.ts";

/** The cursor field a protocol declares for the stream, or undefined when every run reads it whole. */
export function incrementalCursor(stream: StreamDefinition): string | undefined {
  if (stream.sync === "full") return undefined;
  if (stream.sync !== "child") return stream.cursorField;
  const parent = stream.parent ? streamByName(stream.parent.stream) : undefined;
  // A document is rendered only for the records its parent emits: those changed since the cursor, even where the
  // parent is read whole and filtered here (articles); an export's other files hold the events of its window.
  const parentFiltered = parent?.sync === "search" || parent?.sync === "created-window" ||
    ((stream.read.kind === "document" || stream.read.kind === "export-file") && parent?.sync === "client-cursor");
  // Conversation parts carry their own updated_at, which destinations can order and deduplicate by.
  return parentFiltered ? (stream.cursorField ?? "updated_at") : undefined;
}

export type SyncMode = "full_refresh" | "incremental";

export function syncModes(stream: StreamDefinition): SyncMode[] {
  return incrementalCursor(stream) === undefined ? ["full_refresh"] : ["full_refresh", "incremental"];
}

/**
 * The cursor the Airbyte and Singer protocols declare: incrementalCursor's, and for membership links
 * (company_segments), read whole on every run, their `updated_at` all the same. Read incrementally there, such a
 * stream sends only the links its last complete read did not see (or whose row changed since the saved cursor),
 * and the links gone as deletions (engine/deletions/new-since-last-read.ts). The command line has no such mode:
 * `streams` answers incrementalCursor.
 * @example
 * protocolCursor(streamByName("company_segments")!) // "updated_at"
 */
export function protocolCursor(stream: StreamDefinition): string | undefined {
  return incrementalCursor(stream) ?? keyDiffCursor(stream);
}

/** The cursor of a stream read whole that the protocols serve incrementally by comparing keys, else undefined. */
export function keyDiffCursor(stream: StreamDefinition): string | undefined {
  return stream.read.kind === "membership" ? (stream.cursorField ?? "updated_at") : undefined;
}

export function protocolSyncModes(stream: StreamDefinition): SyncMode[] {
  return protocolCursor(stream) === undefined ? ["full_refresh"] : ["full_refresh", "incremental"];
}
