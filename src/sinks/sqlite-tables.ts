/**
 * Bring a database's tables in line with the streams' layouts: create what is missing, add scalar columns a
 * schema gained, and refuse tables written under another layout version. Run inside the caller's transaction.
 */
import type { SqliteDatabase } from "../runtime/types.ts";
import { SinkError } from "../errors.ts";
import { SEEN_KEYS_TABLE_SQL } from "./sqlite-seen-keys.ts";
import { STATE_TABLE_SQL } from "./sqlite-state.ts";
import { columnDefinition, createLiveViewSql, createTableSql, LAYOUT_VERSION, quoteIdentifier, type TableLayout } from "./table-layout.ts";

const BOOKKEEPING_SQL = `
CREATE TABLE IF NOT EXISTS _meta (
  table_name TEXT PRIMARY KEY,
  layout_version INTEGER NOT NULL,
  columns TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS _sync_runs (
  id INTEGER PRIMARY KEY,
  started_at INTEGER NOT NULL,
  ended_at INTEGER NOT NULL,
  streams TEXT NOT NULL,
  counts TEXT NOT NULL,
  outcome TEXT NOT NULL,
  tool_version TEXT NOT NULL
);`;

export function ensureTables(db: SqliteDatabase, layouts: readonly TableLayout[], path: string): void {
  db.exec(BOOKKEEPING_SQL);
  db.exec(STATE_TABLE_SQL);
  db.exec(SEEN_KEYS_TABLE_SQL);
  const metaRow = db.prepare("SELECT layout_version FROM _meta WHERE table_name = ?");
  const tableRow = db.prepare("SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND name = ?");
  const saveMeta = db.prepare(
    "INSERT INTO _meta (table_name, layout_version, columns) VALUES (?, ?, ?) " +
      "ON CONFLICT (table_name) DO UPDATE SET layout_version = excluded.layout_version, columns = excluded.columns",
  );

  for (const layout of layouts) {
    const version = metaRow.get(layout.table)?.layout_version;
    const exists = tableRow.get(layout.table) !== undefined;
    if (exists && version === undefined) {
      throw new SinkError(
        `SQLite output ${path}: table "${layout.table}" already exists but was not created by intercom-sync ` +
          `(no _meta entry). Choose another --sqlite path, or drop that table.`,
        path,
      );
    }
    if (exists && Number(version) !== LAYOUT_VERSION) throw layoutVersionError(path, layout.table, Number(version));
    if (exists) addMissingColumns(db, layout, path);
    else db.exec(createTableSql(layout));
    db.exec(createLiveViewSql(layout));
    saveMeta.run(layout.table, LAYOUT_VERSION, JSON.stringify(layout.columns.map((column) => column.name)));
  }
}

function layoutVersionError(path: string, table: string, found: number): SinkError {
  const remedy = found > LAYOUT_VERSION
    ? "Upgrade intercom-sync, or write to a new file with --sqlite <other path>."
    : `Write to a new file with --sqlite <other path>, or delete ${path} and run a full sync again.`;
  return new SinkError(
    `SQLite output ${path}: table "${table}" has layout version ${found}, but this intercom-sync writes ` +
      `layout version ${LAYOUT_VERSION}. ${remedy}`,
    path,
  );
}

/** A schema that gained scalar properties gets the columns; old rows hold NULL there (the value is in `data`). */
function addMissingColumns(db: SqliteDatabase, layout: TableLayout, path: string): void {
  const info = db.prepare(`PRAGMA table_info(${quoteIdentifier(layout.table)})`).all();
  const existing = new Set(info.map((row) => String(row.name).toLowerCase()));
  const storedKey = info
    .filter((row) => Number(row.pk) > 0)
    .sort((a, b) => Number(a.pk) - Number(b.pk))
    .map((row) => String(row.name).toLowerCase());
  const wantedKey = layout.primaryKey.map((name) => name.toLowerCase());
  if (storedKey.join("\0") !== wantedKey.join("\0")) {
    throw new SinkError(
      `SQLite output ${path}: table "${layout.table}" is keyed by (${storedKey.join(", ")}) but the stream ` +
        `is now keyed by (${wantedKey.join(", ")}). Write to a new file with --sqlite <other path>, ` +
        `or drop the table "${layout.table}" and run a full sync of that stream.`,
      path,
    );
  }
  for (const column of layout.columns) {
    if (existing.has(column.name.toLowerCase())) continue;
    db.exec(`ALTER TABLE ${quoteIdentifier(layout.table)} ADD COLUMN ${columnDefinition(column, layout)}`);
  }
}
