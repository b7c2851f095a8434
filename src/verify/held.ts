/**
 * What an output holds, as `verify` compares it: per stream the keys of its live rows (deleted ones left out),
 * the newest cursor value among them, and for conversations the part count each held record states.
 * Filled from a SQLite database (held-sqlite.ts), a JSON lines file (held-jsonl.ts) or a snapshot directory
 * (held-snapshot.ts).
 */
import { streamByName } from "../streams/catalog.ts";
import type { JsonRecord } from "../streams/types.ts";

/** A record's identity as one string: its primary key fields in catalog order, joined by "/". */
export function keyOf(primaryKey: readonly string[], record: JsonRecord): string {
  return primaryKey.map((field) => String(record[field] ?? "")).join("/");
}

export interface HeldStream {
  /** Keys of the live rows. */
  keys: Set<string>;
  /** The newest cursor value (e.g. updated_at) among the live rows, when the stream has a cursor. */
  newest?: number;
  /**
   * The stream's file does not hold the rows compared (a snapshot directory's file older than its staging rows, or
   * changed since written): what is wrong and what to run. The stream then differs, whatever Intercom says.
   */
  fileProblem?: string;
}

export interface HeldOutput {
  /** Only the streams the output has rows (or a table) for. */
  streams: Map<string, HeldStream>;
  /** Held conversation id → the `statistics.count_conversation_parts` its record states. */
  conversationPartCounts: Map<string, number>;
}

/** The held parts per conversation id, from conversation_parts' `conversation_id/id` keys. */
export function partsPerConversation(parts: HeldStream | undefined): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of parts?.keys ?? []) {
    const conversation = key.slice(0, key.lastIndexOf("/"));
    counts.set(conversation, (counts.get(conversation) ?? 0) + 1);
  }
  return counts;
}

/** The part count a conversation record states, when it states one. */
export function statedPartCount(record: JsonRecord): number | undefined {
  const count = (record.statistics as JsonRecord | null | undefined)?.count_conversation_parts;
  return typeof count === "number" ? count : undefined;
}

/**
 * The field of a child stream's key that names its parent (conversation_parts: conversation_id), so rows of a
 * parent that is no longer live are not live either (a deleted conversation's parts are implied deleted).
 */
export function parentKeyField(stream: string): { parent: string; field: string } | undefined {
  const read = streamByName(stream)?.read;
  if (!read || (read.kind !== "child" && read.kind !== "embedded")) return undefined;
  const field = Object.entries(read.copy).find(([, from]) => from === "id")?.[0];
  return field ? { parent: read.parent, field } : undefined;
}

/**
 * The streams to read for `selected`: conversation_parts is compared against the part counts its conversations
 * state (and a deleted conversation's parts are not live), so its conversations are read with it even when only
 * the parts are asked for. `onlySelected` then drops what was read only for that.
 */
export function streamsToRead(selected: ReadonlySet<string>): Set<string> {
  const read = new Set(selected);
  if (selected.has("conversation_parts")) read.add("conversations");
  return read;
}

export function onlySelected(held: HeldOutput, selected: ReadonlySet<string>): HeldOutput {
  for (const name of [...held.streams.keys()]) if (!selected.has(name)) held.streams.delete(name);
  return held;
}
