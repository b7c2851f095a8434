/**
 * Rows a SQLite output sets aside until they can appear at once (`Page.staged`: a report window's rows, handed
 * over in chunks as its file is read). They go to a temporary table per pass and stream, on disk rather than in
 * the process's memory, and move into the stream's table with one INSERT … SELECT inside the transaction of the
 * pass's batch that brings progress, after that batch marks the rows they replace: the window is never missing,
 * nor there twice. A temporary table lives only as long as the connection, so a pass that fails leaves nothing.
 *
 * @example
 * const staging = sqliteStaging(db);
 * staging.add("report_x@0", layout, rowsValues);           // in a transaction of its own
 * staging.moveInto("report_x@0", layout);                   // inside the transaction that writes the progress
 */
import type { SqliteDatabase, SqlValue } from "../runtime/types.ts";
import { quoteIdentifier, type TableLayout } from "./table-layout.ts";

export interface SqliteStaging {
  /** Sets rows aside (each its column values in the layout's order) for `pass`. */
  add(pass: string, layout: TableLayout, rows: readonly SqlValue[][]): void;
  /** Upserts the rows set aside for `pass` into the layout's table, then forgets them. Call inside a transaction. */
  moveInto(pass: string, layout: TableLayout): void;
}

export function sqliteStaging(db: SqliteDatabase): SqliteStaging {
  const tables = new Map<string, string>();
  let made = 0;
  const key = (pass: string, layout: TableLayout) => `${pass}\u0000${layout.table}`;
  const columns = (layout: TableLayout) => layout.columns.map((column) => quoteIdentifier(column.name)).join(", ");
  return {
    add(pass, layout, rows) {
      let table = tables.get(key(pass, layout));
      if (table === undefined) {
        table = `_staged_${++made}`;
        db.exec(`CREATE TEMP TABLE ${quoteIdentifier(table)} AS SELECT ${columns(layout)} FROM main.${quoteIdentifier(layout.table)} WHERE 0`);
        tables.set(key(pass, layout), table);
      }
      const names = layout.columns.map(() => "?").join(", ");
      const insert = db.prepare(`INSERT INTO temp.${quoteIdentifier(table)} (${columns(layout)}) VALUES (${names})`);
      for (const values of rows) insert.run(...values);
    },
    moveInto(pass, layout) {
      const table = tables.get(key(pass, layout));
      if (table === undefined) return;
      const keys = layout.primaryKey.map(quoteIdentifier);
      const updates = layout.columns.map((column) => quoteIdentifier(column.name)).filter((name) => !keys.includes(name))
        .map((name) => `${name} = excluded.${name}`);
      // `WHERE true`: SQLite's documented way to tell an upsert's ON CONFLICT from a join's ON.
      db.exec(
        `INSERT INTO main.${quoteIdentifier(layout.table)} (${columns(layout)}) ` +
          `SELECT ${columns(layout)} FROM temp.${quoteIdentifier(table)} WHERE true ORDER BY rowid ` +
          `ON CONFLICT (${keys.join(", ")}) DO UPDATE SET ${updates.join(", ")}`,
      );
      db.exec(`DROP TABLE temp.${quoteIdentifier(table)}`);
      tables.delete(key(pass, layout));
    },
  };
}
