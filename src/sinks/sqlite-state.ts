/**
 * The state a SQLite database carries about itself: one row in `_state` holding the same JSON as the state file
 * (version, workspace, streams, lastRun), written in the transaction of the pages it describes, and the keys of
 * complete reads in `_seen_keys` (sqlite-seen-keys.ts). The database can then never claim records it does not
 * hold, and is enough on its own to resume and to find deletions.
 */
import { runtime } from "../runtime/mod.ts";
import type { SqliteDatabase } from "../runtime/types.ts";
import { sqliteSinkError } from "./sqlite-error.ts";
import { SEEN_KEYS_TABLE_SQL, storeSeenKeys, withSeenKeys } from "./sqlite-seen-keys.ts";

export const STATE_TABLE_SQL = `
CREATE TABLE IF NOT EXISTS _state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  state TEXT NOT NULL,
  saved_at INTEGER NOT NULL
);`;

/**
 * Replace the database's state; call inside the transaction that writes what it describes. Packed key lists go
 * to `_seen_keys` (when changed), the row keeps their digest.
 */
export function writeStateRow(db: SqliteDatabase, state: unknown, savedAtMs: number): void {
  const lean = storeSeenKeys(db, state);
  db.prepare(
    "INSERT INTO _state (id, state, saved_at) VALUES (1, ?, ?) " +
      "ON CONFLICT (id) DO UPDATE SET state = excluded.state, saved_at = excluded.saved_at",
  ).run(JSON.stringify(lean), savedAtMs);
}

/** The last row of `_sync_runs`, as intercom-sync 0.1.0 wrote it: times in unix milliseconds. */
export interface LegacyRun {
  startedAtMs: number;
  endedAtMs: number;
  outcome: string;
}

/** What a `--sqlite` path holds before a run. */
export type DatabaseContents =
  /** No file, or a file without intercom-sync's tables: a new database. */
  | { kind: "new" }
  /** A database that carries its state (this version on). `state` is unvalidated JSON. */
  | { kind: "stateful"; state: unknown }
  /** Tables written by intercom-sync 0.1.0, which kept its state only in the state file. */
  | { kind: "legacy"; lastRun?: LegacyRun };

/** Read what the database at `path` says about itself, without creating or changing it. */
export async function readDatabaseContents(path: string): Promise<DatabaseContents> {
  if (!(await runtime.fileExists(path))) return { kind: "new" };
  let db: SqliteDatabase | undefined;
  try {
    db = await runtime.openSqlite(path);
    db.exec("PRAGMA busy_timeout = 5000");
    const tables = new Set(
      db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('_state', '_meta', '_sync_runs')")
        .all()
        .map((row) => String(row.name)),
    );
    const row = tables.has("_state") ? db.prepare("SELECT state FROM _state WHERE id = 1").get() : undefined;
    if (row !== undefined) return { kind: "stateful", state: withSeenKeys(db, JSON.parse(String(row.state))) };
    if (!tables.has("_meta") || !tables.has("_sync_runs")) return { kind: "new" };
    const last = db.prepare("SELECT started_at, ended_at, outcome FROM _sync_runs ORDER BY id DESC LIMIT 1").get();
    return {
      kind: "legacy",
      lastRun: last === undefined
        ? undefined
        : { startedAtMs: Number(last.started_at), endedAtMs: Number(last.ended_at), outcome: String(last.outcome) },
    };
  } catch (error) {
    throw sqliteSinkError(path, "reading the state it holds", error);
  } finally {
    try {
      db?.close();
    } catch {
      // Only read from; nothing to lose.
    }
  }
}

/** Replace the state a database holds (`state reset --sqlite`), in one transaction; the rows stay as they are. */
export async function replaceDatabaseState(path: string, state: unknown): Promise<void> {
  let db: SqliteDatabase | undefined;
  try {
    db = await runtime.openSqlite(path);
    db.exec("PRAGMA busy_timeout = 5000");
    db.exec("BEGIN IMMEDIATE");
    db.exec(SEEN_KEYS_TABLE_SQL);
    writeStateRow(db, state, Date.now());
    db.exec("COMMIT");
  } catch (error) {
    try {
      db?.exec("ROLLBACK");
    } catch {
      // Nothing was begun, or SQLite already rolled back.
    }
    throw sqliteSinkError(path, "resetting the state it holds", error);
  } finally {
    try {
      db?.close();
    } catch {
      // Closing after a failure: the first error is the one to report.
    }
  }
}
