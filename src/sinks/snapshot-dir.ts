/**
 * `--parquet DIR` and `--csv DIR`: a directory of per-stream snapshot files (`contacts.parquet`, `contacts.csv`)
 * that carries its own state.
 *
 * Design: the records go into a SQLite staging database inside the directory (`_staging.sqlite`), through the
 * SQLite sink unchanged, so the directory gets everything `--sqlite` guarantees: upserts by key (the latest
 * version of each record), deletions as `_deleted_at`, and the state written in the transaction of the pages it
 * describes. When the run ends, each stream's snapshot file is regenerated from its table: written to a temporary
 * file in the directory, synced, then renamed over the old one, so a reader sees the previous run's file or this
 * run's, never a half-written one. A run killed before the snapshots are written leaves the previous files and a
 * staging database ahead of them; the next run's snapshots include what it held.
 *
 * Why not append to the Parquet files: Parquet files cannot be updated in place (a changed contact would need its
 * old row removed), and merging a run into the previous file needs the previous rows by key: exactly what the
 * staging table is.
 */
import { SinkError } from "../errors.ts";
import { runtime } from "../runtime/mod.ts";
import type { SqliteDatabase } from "../runtime/types.ts";
import { TOOL_VERSION } from "../version.ts";
import { customAttributes } from "./custom-attributes.ts";
import { createCsvSnapshotWriter } from "./csv-snapshot.ts";
import { createParquetSnapshotWriter } from "./parquet-snapshot.ts";
import { type SnapshotColumn, snapshotColumns, type SnapshotValue, snapshotValue } from "./snapshot-columns.ts";
import type { SnapshotWriter } from "./snapshot-writer.ts";
import { createSqliteSink, type SqliteSinkOptions } from "./sqlite.ts";
import { quoteIdentifier } from "./table-layout.ts";
import type { JsonRecord, Sink, StreamInfo } from "./types.ts";

export type SnapshotFormat = "parquet" | "csv";

/** The staging database inside a snapshot directory: the records and the state, as in a --sqlite database. */
export function stagingDatabasePath(dir: string): string {
  return `${dir.replace(/\/+$/, "") || "/"}/_staging.sqlite`;
}

export function snapshotFilePath(dir: string, stream: string, format: SnapshotFormat): string {
  return `${dir.replace(/\/+$/, "") || "/"}/${stream}.${format}`;
}

/**
 * Rows read from the staging table at a time. Small: each row's record is parsed to make its cells, and 500 keep
 * peak memory flat at any stream size (10,000 took 450 MB for 100,000 contacts, 500 takes 160 MB).
 */
const ROWS_PER_BATCH = 500;
/** Rows between two garbage collections (runtime.collectGarbage): 1M contacts to Parquet peak at 256 MiB, not 319. */
const ROWS_PER_COLLECTION = 20_000;

export function createSnapshotDirSink(dir: string, format: SnapshotFormat, options: SqliteSinkOptions = {}): Sink {
  const staging = createSqliteSink(stagingDatabasePath(dir), options);
  let streams: StreamInfo[] = [];
  let opened = false;
  return {
    async open(infos) {
      await prepareDirectory(dir, format);
      await staging.open(infos);
      streams = infos;
      opened = true;
    },
    write: (stream, records, deletions) => staging.write(stream, records, deletions),
    commit: (batch) => staging.commit!(batch),
    finish: (summary) => staging.finish!(summary),
    async close() {
      await staging.close();
      if (!opened) return;
      await writeSnapshots(dir, format, streams);
    },
  };
}

async function prepareDirectory(dir: string, format: SnapshotFormat): Promise<void> {
  try {
    await runtime.makeDirectory(dir);
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why = code === "ENOENT" ? "its parent directory does not exist" : code === "ENOTDIR" ? "a file is in the way" : String(error);
    throw new SinkError(`Cannot create the --${format} directory ${dir}: ${why}; create it or pass another --${format}`, dir, error, 2);
  }
}

/** Regenerate every stream's snapshot file from the staging database, each replaced in one rename. */
export async function writeSnapshots(dir: string, format: SnapshotFormat, streams: readonly StreamInfo[]): Promise<void> {
  const db = await runtime.openSqlite(stagingDatabasePath(dir));
  try {
    db.exec("PRAGMA busy_timeout = 5000");
    for (const stream of streams) await writeSnapshot(db, dir, format, stream);
  } finally {
    db.close();
  }
}

async function writeSnapshot(db: SqliteDatabase, dir: string, format: SnapshotFormat, stream: StreamInfo): Promise<void> {
  const target = snapshotFilePath(dir, stream.name, format);
  const temporary = `${dir.replace(/\/+$/, "") || "/"}/.${stream.name}.${format}.${runtime.pid()}.tmp`;
  const columns = snapshotColumns(stream, customAttributes(db, stream.name));
  try {
    if (await runtime.fileExists(temporary)) await runtime.removeFile(temporary);
    const file = await runtime.openAppendFile(temporary, { create: true });
    if (file === undefined) throw new Error(`could not create ${temporary}`);
    try {
      const writer = openWriter(format, file, columns);
      let sinceCollected = 0;
      for (const rows of readRows(db, stream.name, columns)) {
        await writer.writeRows(rows);
        // Each row's parsed record is garbage at once; collected late, it alone would pass 300 MB on 1M contacts.
        sinceCollected += rows.length;
        if (sinceCollected >= ROWS_PER_COLLECTION) {
          runtime.collectGarbage();
          sinceCollected = 0;
        }
      }
      await writer.finish();
      await file.sync();
    } finally {
      await file.close();
    }
    await runtime.renameFile(temporary, target);
  } catch (error) {
    await runtime.removeFile(temporary).catch(() => {});
    throw new SinkError(
      `Could not write ${target} (${error instanceof Error ? error.message : String(error)}); the previous file is ` +
        `unchanged and the next run writes it again`,
      target,
    );
  }
}

function openWriter(format: SnapshotFormat, file: Parameters<typeof createCsvSnapshotWriter>[0], columns: SnapshotColumn[]): SnapshotWriter {
  return format === "parquet" ? createParquetSnapshotWriter(file, columns, `intercom-sync ${TOOL_VERSION}`) : createCsvSnapshotWriter(file, columns);
}

/** The table's rows in batches, in insertion order (rowid), each row as the snapshot's values. */
function* readRows(db: SqliteDatabase, table: string, columns: readonly SnapshotColumn[]): Generator<SnapshotValue[][]> {
  const select = db.prepare(
    `SELECT rowid AS "rowid", data, _synced_at, _deleted_at FROM ${quoteIdentifier(table)} WHERE rowid > ? ORDER BY rowid LIMIT ${ROWS_PER_BATCH}`,
  );
  let after = 0;
  for (;;) {
    const rows = select.all(after);
    if (rows.length === 0) return;
    after = Number(rows[rows.length - 1]!.rowid);
    yield rows.map((row) => {
      const data = String(row.data);
      const stored = {
        record: JSON.parse(data) as JsonRecord,
        data,
        syncedAt: Number(row._synced_at),
        deletedAt: row._deleted_at === null || row._deleted_at === undefined ? null : Number(row._deleted_at),
      };
      return columns.map((column) => snapshotValue(column, stored));
    });
  }
}
