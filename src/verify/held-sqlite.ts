/**
 * The live rows of a `--sqlite` database: every table named as a stream, its primary key columns; a row whose
 * `_deleted_at` is set is deleted (a database written before deletions existed has no such column: all live).
 */
import { ConfigError } from "../errors.ts";
import { runtime } from "../runtime/mod.ts";
import type { SqliteDatabase } from "../runtime/types.ts";
import { STREAMS } from "../streams/catalog.ts";
import { type HeldOutput, type HeldStream, keyOf, onlySelected, streamsToRead } from "./held.ts";

export const DELETED_AT_COLUMN = "_deleted_at";

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

export async function heldInSqlite(path: string, selected: ReadonlySet<string>): Promise<HeldOutput> {
  const streams = streamsToRead(selected);
  // Opening would create an empty database: a mistyped path must say so instead of verifying nothing.
  if (!(await runtime.fileExists(path))) throw new ConfigError(`no SQLite database at ${path}: pass the --sqlite file a sync wrote`);
  const db = await runtime.openSqlite(path);
  try {
    const tables = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all().map((row) => String(row.name)));
    const held: HeldOutput = { streams: new Map(), conversationPartCounts: new Map() };
    for (const stream of STREAMS) {
      if (!streams.has(stream.name) || !tables.has(stream.name)) continue;
      const columns = new Set(db.prepare(`PRAGMA table_info(${quote(stream.name)})`).all().map((row) => String(row.name)));
      const live = columns.has(DELETED_AT_COLUMN) ? ` WHERE ${quote(DELETED_AT_COLUMN)} IS NULL` : "";
      const cursor = stream.cursorField && columns.has(stream.cursorField) ? stream.cursorField : undefined;
      held.streams.set(stream.name, readTable(db, stream.name, stream.primaryKey, cursor, live));
      if (stream.name === "conversations") {
        const sql = `SELECT id, json_extract(data, '$.statistics.count_conversation_parts') AS parts FROM conversations${live}`;
        for (const row of db.prepare(sql).all()) {
          if (typeof row.parts === "number") held.conversationPartCounts.set(String(row.id), row.parts);
        }
      }
    }
    return onlySelected(held, selected);
  } finally {
    db.close();
  }
}

function readTable(db: SqliteDatabase, table: string, primaryKey: readonly string[], cursor: string | undefined, live: string): HeldStream {
  const keys = new Set<string>();
  for (const row of db.prepare(`SELECT ${primaryKey.map(quote).join(", ")} FROM ${quote(table)}${live}`).all()) {
    keys.add(keyOf(primaryKey, row));
  }
  const stream: HeldStream = { keys };
  if (cursor) {
    const newest = db.prepare(`SELECT max(${quote(cursor)}) AS newest FROM ${quote(table)}${live}`).get()?.newest;
    if (typeof newest === "number" || typeof newest === "bigint") stream.newest = Number(newest);
  }
  return stream;
}
