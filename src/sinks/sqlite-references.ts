/**
 * A link whose other end Intercom deleted is deleted with it: a contact_tags row naming a deleted tag, a
 * contact_companies row naming a deleted company (StreamInfo.references). The rows are marked in the transaction
 * that writes the deletion, with its time; on opening, rows an earlier run left live (a database written before
 * this rule, or a run that exported the tags but not contact_tags) are marked from the referenced table's own
 * `_deleted_at`. A referenced stream is keyed by `id` (tags, companies, segments).
 */
import type { SqliteDatabase, SqliteStatement } from "../runtime/types.ts";
import { DELETED_AT_COLUMN, quoteIdentifier } from "./table-layout.ts";
import type { Deletion, StreamInfo } from "./types.ts";

/**
 * Referenced stream → per column naming it, the statement that marks the live rows whose column is one of a JSON
 * array of ids: run(deleted_at, ids JSON).
 */
export type References = Map<string, SqliteStatement[]>;

export function prepareReferences(db: SqliteDatabase, streams: readonly StreamInfo[]): References {
  const references: References = new Map();
  for (const info of streams) {
    for (const [field, referenced] of Object.entries(info.references ?? {})) {
      // One scan of the link table per page of deletions, however many ids it names.
      const sql = `UPDATE ${quoteIdentifier(info.name)} SET ${DELETED_AT_COLUMN} = ? ` +
        `WHERE ${quoteIdentifier(field)} IN (SELECT value FROM json_each(?)) AND ${DELETED_AT_COLUMN} IS NULL`;
      const list = references.get(referenced) ?? [];
      list.push(db.prepare(sql));
      references.set(referenced, list);
    }
  }
  return references;
}

/** Marks the rows that name the deleted records of `stream`, each group at its deletion's time. */
export function markReferences(references: References, stream: string, deletions: readonly Deletion[]): void {
  const referrers = references.get(stream);
  if (referrers === undefined || deletions.length === 0) return;
  const idsByTime = new Map<number, string[]>();
  for (const deletion of deletions) {
    const id = deletion.key.id;
    if (id === undefined) continue;
    const ids = idsByTime.get(deletion.deletedAt) ?? [];
    ids.push(id);
    idsByTime.set(deletion.deletedAt, ids);
  }
  for (const [deletedAt, ids] of idsByTime) {
    const json = JSON.stringify(ids);
    for (const mark of referrers) mark.run(deletedAt, json);
  }
}

/**
 * Marks live rows naming a record already marked deleted in its own table, at that record's `_deleted_at`. Costs a
 * scan of a link table only when its referenced table holds a deleted row. Run inside the opening transaction.
 */
export function markStaleReferences(db: SqliteDatabase, streams: readonly StreamInfo[]): void {
  for (const info of streams) {
    for (const [field, referenced] of Object.entries(info.references ?? {})) {
      if (!hasDeletedAtColumn(db, referenced)) continue;
      const table = quoteIdentifier(referenced);
      const anyDeleted = db.prepare(`SELECT 1 AS found FROM ${table} WHERE ${DELETED_AT_COLUMN} IS NOT NULL LIMIT 1`).get();
      if (anyDeleted === undefined) continue;
      const link = quoteIdentifier(info.name);
      const column = quoteIdentifier(field);
      db.exec(
        `UPDATE ${link} SET ${DELETED_AT_COLUMN} = ` +
          `(SELECT ${DELETED_AT_COLUMN} FROM ${table} AS referenced WHERE referenced.id = ${link}.${column}) ` +
          `WHERE ${DELETED_AT_COLUMN} IS NULL AND ${column} IN (SELECT id FROM ${table} WHERE ${DELETED_AT_COLUMN} IS NOT NULL)`,
      );
    }
  }
}

/** The referenced table exists and has the deletion column (not a table of a version before deletions). */
function hasDeletedAtColumn(db: SqliteDatabase, table: string): boolean {
  const columns = db.prepare(`PRAGMA table_info(${quoteIdentifier(table)})`).all();
  return columns.some((row) => String(row.name) === DELETED_AT_COLUMN);
}
