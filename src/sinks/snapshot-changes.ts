/**
 * A change counter per staging table of a snapshot directory, raised by triggers in the transaction of every write
 * that changes what the table's snapshot file holds: an insert, an update of `data` or `_deleted_at` (a record
 * read again unchanged only moves `_synced_at`, which is no change), a delete. A publication records the counter
 * beside the file; the next one finds it equal and knows, without reading a row, that the file still stands for
 * the table (snapshot-publish.ts). Triggers live in the transaction of the writes they count, so a killed run's
 * committed pages are counted and its rolled-back ones are not.
 */
import { runtime } from "../runtime/mod.ts";
import type { SqliteDatabase } from "../runtime/types.ts";
import { stagingDatabasePath } from "./snapshot-paths.ts";
import { quoteIdentifier } from "./table-layout.ts";

const COUNTERS = "_snapshot_changes";

const triggerNames = (table: string) => ["insert", "update", "delete"].map((kind) => `_snapshot_${kind}_${table}`);
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** Counters and triggers for `tables` (which exist); one whose triggers were missing counts as changed. */
export function watchChanges(db: SqliteDatabase, tables: readonly string[]): void {
  db.exec(`CREATE TABLE IF NOT EXISTS ${COUNTERS} (stream TEXT PRIMARY KEY, changes INTEGER NOT NULL)`);
  const triggers = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all().map((row) => String(row.name)));
  for (const table of tables) {
    if (triggerNames(table).every((name) => triggers.has(name))) continue;
    const [onInsert, onUpdate, onDelete] = triggerNames(table).map(quoteIdentifier);
    const bump = `UPDATE ${COUNTERS} SET changes = changes + 1 WHERE stream = ${literal(table)};`;
    const on = quoteIdentifier(table);
    db.exec("BEGIN IMMEDIATE");
    try {
      // Raised now too: whatever was written before the triggers existed went uncounted.
      db.exec(`INSERT INTO ${COUNTERS} (stream, changes) VALUES (${literal(table)}, 1) ON CONFLICT (stream) DO UPDATE SET changes = changes + 1`);
      db.exec(`CREATE TRIGGER IF NOT EXISTS ${onInsert} AFTER INSERT ON ${on} BEGIN ${bump} END`);
      db.exec(
        `CREATE TRIGGER IF NOT EXISTS ${onUpdate} AFTER UPDATE ON ${on} ` +
          `WHEN old.data IS NOT new.data OR old._deleted_at IS NOT new._deleted_at BEGIN ${bump} END`,
      );
      db.exec(`CREATE TRIGGER IF NOT EXISTS ${onDelete} AFTER DELETE ON ${on} BEGIN ${bump} END`);
      db.exec("COMMIT");
    } catch (error) {
      db.exec("ROLLBACK");
      throw error;
    }
  }
}

/** The table's counter; undefined when it is not watched (a staging database no run has opened since). */
export function changeCount(db: SqliteDatabase, table: string): number | undefined {
  const triggers = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'trigger' AND name IN (?, ?, ?)").get(...triggerNames(table));
  if (Number(triggers?.n) !== 3) return undefined;
  const row = db.prepare(`SELECT changes FROM ${COUNTERS} WHERE stream = ?`).get(table);
  return row === undefined ? undefined : Number(row.changes);
}

/** watchChanges on a directory's staging database, once its tables exist (after its sink opened), before writes. */
export async function watchStagingChanges(dir: string, tables: readonly string[]): Promise<void> {
  const db = await runtime.openSqlite(stagingDatabasePath(dir));
  try {
    db.exec("PRAGMA busy_timeout = 5000");
    watchChanges(db, tables);
  } finally {
    db.close();
  }
}
