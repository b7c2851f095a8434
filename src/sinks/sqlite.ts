/**
 * The SQLite sink: one table per stream (see table-layout.ts), each page upserted in one transaction, each run
 * recorded in `_sync_runs`. Works on bun:sqlite and node:sqlite through the runtime module.
 *
 * @example
 * const sink = createSqliteSink("intercom.db");
 * await sink.open(streams);
 * await sink.write("contacts", page); // committed when this resolves: safe to checkpoint state
 * // With `state`, commit(batch) writes the pages and the progress they complete into `_state` at once.
 * await sink.finish(summary);
 * await sink.close();
 */
import { runtime } from "../runtime/mod.ts";
import type { SqliteDatabase, SqliteStatement, SqlValue } from "../runtime/types.ts";
import { InvalidRecordError, SinkError } from "../errors.ts";
import { type DatabaseRole, sqliteSinkError } from "./sqlite-error.ts";
import { rowValues } from "./sqlite-row.ts";
import { markReferences, markStaleReferences, prepareReferences, type References } from "./sqlite-references.ts";
import { ensureTables } from "./sqlite-tables.ts";
import { markDeletedSql, type TableLayout, tableLayout, upsertSql } from "./table-layout.ts";
import { writeStateRow } from "./sqlite-state.ts";
import { type SqliteStaging, sqliteStaging } from "./sqlite-staging.ts";
import { refreshCustomViews } from "./sqlite-custom-views.ts";
import { startWalCheckpoints, type WalCheckpoints } from "./sqlite-checkpoints.ts";
import type { ChildSet, Deletion, JsonRecord, PageBatch, RunSummary, Sink, StreamInfo } from "./types.ts";

/**
 * 16 KiB pages, not SQLite's 4 KiB: a contact row is about 3 KB, so at 4 KiB nearly every row takes a page of its
 * own and each page's commit writes that many WAL frames. Measured on 200,000 contacts: the main thread's CPU
 * about a fifth lower, the commit's CPU less than half, the file about a quarter smaller.
 */
export const NEW_DATABASE_PAGE_SIZE = 16_384;
export interface SqliteSinkOptions {
  /** Milliseconds since the epoch, for `_synced_at`. Default `Date.now`. */
  clock?: () => number;
  /** How long a write waits for another process's lock before failing. Default 5000 ms. */
  busyTimeoutMs?: number;
  /**
   * The run's state as the state file holds it (JSON). When given, the database carries it in `_state`: written
   * when the database is opened, with every batch that completes progress, and at finish (with the summary).
   */
  state?: (summary?: RunSummary) => unknown;
  /** The option a fix names (default --sqlite; a snapshot directory's staging database: its --parquet/--csv). */
  role?: DatabaseRole;
  /** Who checkpoints the WAL (default: a checkpoint thread, see sqlite-checkpoints.ts); for tests. */
  walCheckpoints?: (conn: SqliteDatabase, path: string) => Promise<WalCheckpoints>;
}

interface OpenTable {
  layout: TableLayout;
  upsert: SqliteStatement;
  /** Marks rows deleted by the key fields a deletion names (all of the primary key, or a link's parent key). */
  markDeleted: (fields: readonly string[]) => SqliteStatement;
  /** Tables of child streams: a deleted record's children are marked too (a conversation's parts). */
  children: { markDeleted: SqliteStatement; fields: { child: string; parent: string }[] }[];
  /** For a child stream: marks one parent's rows deleted by the copied key fields (`Page.replaces`). */
  replaced?: { markDeleted: SqliteStatement; fields: string[] };
}

export function createSqliteSink(path: string, options: SqliteSinkOptions = {}): Sink {
  const clock = options.clock ?? Date.now;
  const busyTimeoutMs = Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000));
  let db: SqliteDatabase | undefined;
  const tables = new Map<string, OpenTable>();
  let references: References = new Map();
  let staging: SqliteStaging | undefined;
  let checkpoints: WalCheckpoints | undefined;

  function opened(): SqliteDatabase {
    if (db === undefined) throw new SinkError(`SQLite output ${path}: write() before open()`, path);
    return db;
  }

  function tableFor(stream: string): OpenTable {
    const table = tables.get(stream);
    if (table === undefined) {
      throw new SinkError(`SQLite output ${path}: stream "${stream}" was not declared in open()`, path);
    }
    return table;
  }

  function upsert(table: OpenTable, records: readonly JsonRecord[], syncedAt: number): void {
    records.forEach((record, index) => table.upsert.run(...values(table, record, syncedAt, index)));
  }

  function values(table: OpenTable, record: JsonRecord, syncedAt: number, index: number): SqlValue[] {
    try {
      return rowValues(table.layout, record, syncedAt);
    } catch (error) {
      throw error instanceof InvalidRecordError ? new InvalidRecordError(`record ${index + 1} of the page: ${error.message}`) : error;
    }
  }

  /**
   * Marks the rows of `deletions` deleted, with their children's rows and the link rows naming them (a deleted
   * tag's contact_tags rows); rows and data stay. A deletion naming only some key fields (a contact whose list of
   * tags is now empty) marks every row that has them.
   */
  function markDeleted(table: OpenTable, deletions: readonly Deletion[]): void {
    for (const deletion of deletions) {
      const fields = table.layout.primaryKey.filter((field) => deletion.key[field] !== undefined);
      if (fields.length === 0) continue;
      table.markDeleted(fields).run(deletion.deletedAt, ...fields.map((field) => deletion.key[field]!));
      for (const child of table.children) {
        child.markDeleted.run(deletion.deletedAt, ...child.fields.map(({ parent }) => deletion.key[parent] ?? null));
      }
    }
    markReferences(references, table.layout.table, deletions);
  }

  /**
   * Before a page's rows are upserted: every row of each listed parent is marked deleted as of the parent's time;
   * the upsert then brings back (`_deleted_at` NULL) the links the parent still has.
   */
  function markReplaced(table: OpenTable, sets: readonly ChildSet[]): void {
    const replaced = table.replaced;
    if (replaced === undefined) return;
    for (const set of sets) {
      replaced.markDeleted.run(set.at, ...replaced.fields.map((field) => (set.key[field] ?? null) as SqlValue));
    }
  }

  /** Run `fn` in a write transaction; on any failure roll back and throw a SinkError. */
  function transaction(conn: SqliteDatabase, doing: string, fn: () => void): void {
    let began = false;
    try {
      // IMMEDIATE takes the write lock up front, so a lock conflict fails here rather than mid-page.
      conn.exec("BEGIN IMMEDIATE");
      began = true;
      fn();
      conn.exec("COMMIT");
    } catch (error) {
      if (began) rollback(conn);
      if (error instanceof InvalidRecordError) {
        throw new SinkError(
          `SQLite output ${path}: ${doing} failed: ${error.message}. The whole page was rolled back and state ` +
            `was not advanced; please report this with the stream name.`,
          path,
          error,
        );
      }
      throw sqliteSinkError(path, doing, error, options.role);
    }
  }

  return {
    async open(streams: StreamInfo[]) {
      if (db !== undefined) throw new SinkError(`SQLite output ${path}: open() called twice`, path);
      let layouts: TableLayout[];
      try {
        layouts = streams.map(tableLayout);
      } catch (error) {
        throw sqliteSinkError(path, "laying out tables", error, options.role);
      }
      let conn: SqliteDatabase | undefined;
      try {
        conn = await runtime.openSqlite(path);
        // busy_timeout first: switching to WAL itself may have to wait for another connection.
        conn.exec(`PRAGMA busy_timeout = ${busyTimeoutMs}`);
        // Before WAL, which fixes the size: a new database gets NEW_DATABASE_PAGE_SIZE; an existing one keeps its own.
        conn.exec(`PRAGMA page_size = ${NEW_DATABASE_PAGE_SIZE}`);
        conn.exec("PRAGMA journal_mode = WAL");
        // NORMAL: in WAL mode a commit survives a killed process without an fsync per page. A power cut can take
        // back the last commits, but `_state` is written in the same transactions, so the database then claims
        // only what it holds and the next run reads those pages again.
        conn.exec("PRAGMA synchronous = NORMAL");
      } catch (error) {
        closeQuietly(conn);
        throw sqliteSinkError(path, "opening the database", error, options.role);
      }
      try {
        const opened = conn;
        transaction(opened, "preparing tables", () => {
          ensureTables(opened, layouts, path);
          markStaleReferences(opened, streams);
          if (options.state) writeStateRow(opened, options.state(), clock());
        });
        for (const layout of layouts) {
          const statements = new Map<string, SqliteStatement>();
          const markDeleted = (fields: readonly string[]) => {
            const key = fields.join("\0");
            let statement = statements.get(key);
            if (statement === undefined) {
              statement = opened.prepare(markDeletedSql(layout.table, fields));
              statements.set(key, statement);
            }
            return statement;
          };
          tables.set(layout.table, { layout, upsert: opened.prepare(upsertSql(layout)), markDeleted, children: [] });
        }
        references = prepareReferences(opened, streams);
        for (const info of streams) {
          const parent = info.parent && tables.get(info.parent.stream);
          if (!parent) continue;
          // Only copied fields that name the parent's key can find a deleted parent's children.
          const fields = Object.entries(info.parent!.copy)
            .filter(([, from]) => parent.layout.primaryKey.includes(from))
            .map(([child, from]) => ({ child, parent: from }));
          if (fields.length === 0) continue;
          const markDeleted = opened.prepare(markDeletedSql(info.name, fields.map(({ child }) => child)));
          parent.children.push({ markDeleted, fields });
        }
        for (const info of streams) {
          // A child's copied fields within its own key name its parent (contact_id), with or without the parent's table.
          const fields = Object.keys(info.parent?.copy ?? {}).filter((field) => info.primaryKey.includes(field));
          if (fields.length === 0) continue;
          tables.get(info.name)!.replaced = { markDeleted: opened.prepare(markDeletedSql(info.name, fields)), fields };
        }
      } catch (error) {
        tables.clear();
        references = new Map();
        closeQuietly(conn);
        throw sqliteSinkError(path, "preparing tables", error, options.role);
      }
      // Before the sink counts as open: a write never finds the database without its checkpoints.
      checkpoints = await (options.walCheckpoints ?? startWalCheckpoints)(conn, path);
      db = conn;
      staging = sqliteStaging(conn);
    },

    async write(stream: string, records: readonly JsonRecord[], deletions: readonly Deletion[] = []) {
      const conn = opened();
      const table = tableFor(stream);
      if (records.length === 0 && deletions.length === 0) return;
      await checkpoints!.beforeCommit();
      const syncedAt = Math.floor(clock() / 1000);
      transaction(conn, `writing a page of ${records.length} ${stream} records`, () => {
        upsert(table, records, syncedAt);
        markDeleted(table, deletions);
      });
      checkpoints!.afterCommit();
    },

    async commit(batch: PageBatch) {
      const conn = opened();
      const pages = batch.pages.map((page) => ({ table: tableFor(page.stream), page }));
      if (pages.length === 0 && batch.progress === undefined) return;
      await checkpoints!.beforeCommit();
      const syncedAt = Math.floor(clock() / 1000);
      const count = batch.pages.reduce((sum, page) => sum + page.records.length, 0);
      let undo: (() => void) | undefined;
      try {
        // The pages, the progress they complete and the state that records it: all committed, or none.
        transaction(conn, `writing a page of ${count} ${batch.pass} records`, () => {
          for (const { table, page } of pages) {
            if (page.staged) {
              staging!.add(batch.pass, table.layout, page.records.map((record, index) => values(table, record, syncedAt, index)));
              continue;
            }
            markReplaced(table, page.replaces ?? []);
            if (batch.progress !== undefined) staging!.moveInto(batch.pass, table.layout);
            upsert(table, page.records, syncedAt);
            markDeleted(table, page.deletions ?? []);
          }
          undo = batch.progress?.();
          if (undo !== undefined && options.state) writeStateRow(conn, options.state(), clock());
        });
      } catch (error) {
        undo?.();
        throw error;
      }
      checkpoints!.afterCommit();
    },

    async finish(summary: RunSummary) {
      const conn = db;
      if (conn === undefined) return; // open() failed: nothing to record into
      const streams = summary.streams.map(({ name, outcome, error }) => ({ name, outcome, ...(error ? { error } : {}) }));
      const counts = Object.fromEntries(summary.streams.map(({ name, records }) => [name, records]));
      transaction(conn, "recording the run in _sync_runs", () => {
        conn
          .prepare(
            "INSERT INTO _sync_runs (started_at, ended_at, streams, counts, outcome, tool_version) " +
              "VALUES (?, ?, ?, ?, ?, ?)",
          )
          .run(
            summary.startedAt,
            summary.endedAt,
            JSON.stringify(streams),
            JSON.stringify(counts),
            summary.outcome,
            summary.toolVersion,
          );
        if (options.state) writeStateRow(conn, options.state(summary), clock());
        refreshCustomViews(conn, tables.keys());
      });
    },

    async close() {
      const conn = db;
      db = undefined;
      staging = undefined;
      // The thread's connection closes first: no checkpoint of its runs past this connection's close.
      await checkpoints?.close();
      checkpoints = undefined;
      tables.clear();
      references = new Map();
      if (conn === undefined) return;
      try {
        conn.close();
      } catch (error) {
        throw sqliteSinkError(path, "closing the database", error, options.role);
      }
    },
  };
}

function rollback(conn: SqliteDatabase): void {
  try {
    conn.exec("ROLLBACK");
  } catch {
    // SQLite already rolled back on its own (e.g. after SQLITE_FULL); nothing is left to undo.
  }
}

function closeQuietly(conn: SqliteDatabase | undefined): void {
  try {
    conn?.close();
  } catch {
    // Already failing with a clearer error.
  }
}
