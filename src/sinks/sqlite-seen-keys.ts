/**
 * The keys of complete reads (a stream's `seen.packed`, see engine/deletions/complete-read.ts) inside the
 * database, so that a database kept on its own (the GitHub Action's cache, "keep intercom.db") still finds the
 * deletions of streams read whole. They sit in `_seen_keys`, one row per stream, not in the `_state` row: that row
 * is rewritten with every page, the keys (up to a few hundred KB for 100,000 companies) only when a complete read
 * changed them — in the same transaction as the `_state` row that names them by digest.
 *
 * @example
 * writeStateRow(db, state, Date.now()); // moves each `seen.packed` here (when changed), keeps `{count, digest}`
 * const state = withSeenKeys(db, JSON.parse(row.state)); // `seen.packed` back from here, matched by digest
 */
import type { SqliteDatabase, SqliteStatement } from "../runtime/types.ts";

export const SEEN_KEYS_TABLE_SQL = `
CREATE TABLE IF NOT EXISTS _seen_keys (
  stream TEXT PRIMARY KEY,
  digest TEXT NOT NULL,
  packed TEXT NOT NULL
);`;

interface StateJson {
  streams?: Record<string, { seen?: { digest?: unknown; packed?: unknown } } | undefined>;
}

/** Prepared once per connection: the `_state` row, and so this, is written with every page. */
const statements = new WeakMap<SqliteDatabase, { digest: SqliteStatement; upsert: SqliteStatement }>();

function statementsOf(db: SqliteDatabase): { digest: SqliteStatement; upsert: SqliteStatement } {
  let prepared = statements.get(db);
  if (prepared === undefined) {
    prepared = {
      digest: db.prepare("SELECT digest FROM _seen_keys WHERE stream = ?"),
      upsert: db.prepare(
        "INSERT INTO _seen_keys (stream, digest, packed) VALUES (?, ?, ?) " +
          "ON CONFLICT (stream) DO UPDATE SET digest = excluded.digest, packed = excluded.packed",
      ),
    };
    statements.set(db, prepared);
  }
  return prepared;
}

/**
 * `state` without its packed keys, each written to `_seen_keys` unless the row already holds that digest. Call
 * inside the transaction that writes the `_state` row; the table must exist (ensureTables).
 */
export function storeSeenKeys(db: SqliteDatabase, state: unknown): unknown {
  const streams = (state as StateJson | null)?.streams;
  if (typeof streams !== "object" || streams === null) return state;
  let lean: Record<string, unknown> | undefined;
  for (const [name, stream] of Object.entries(streams)) {
    const seen = stream?.seen;
    if (typeof seen?.packed !== "string" || typeof seen.digest !== "string") continue;
    const { digest, upsert } = statementsOf(db);
    // Asked of the table, not remembered: a rolled-back transaction leaves no stale memory behind.
    if (digest.get(name)?.digest !== seen.digest) upsert.run(name, seen.digest, seen.packed);
    const { packed: _inTable, ...rest } = seen;
    lean ??= { ...streams };
    lean[name] = { ...stream, seen: rest };
  }
  return lean === undefined ? state : { ...(state as object), streams: lean };
}

/** `state` (the `_state` row's JSON) with each `seen` whose digest `_seen_keys` holds given its packed keys. */
export function withSeenKeys(db: SqliteDatabase, state: unknown): unknown {
  const streams = (state as StateJson | null)?.streams;
  // Unvalidated JSON: anything odd is left for the state's own validation to name.
  if (typeof streams !== "object" || streams === null) return state;
  const table = db.prepare("SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND name = '_seen_keys'").get();
  if (table === undefined) return state;
  const read = db.prepare("SELECT packed FROM _seen_keys WHERE stream = ? AND digest = ?");
  for (const [name, stream] of Object.entries(streams)) {
    const seen = stream?.seen;
    if (typeof seen !== "object" || seen === null || typeof seen.digest !== "string" || seen.packed !== undefined) continue;
    const row = read.get(name, seen.digest);
    if (row !== undefined) seen.packed = String(row.packed);
  }
  return state;
}
