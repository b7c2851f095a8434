/**
 * Puts a snapshot directory's files in step with its staging database, at the end of a run (or a repair):
 * 1. a stream whose staging table nothing was written to since its file was made (its change counter,
 *    snapshot-changes.ts, as the manifest recorded it), or whose rows' digest (snapshot-fingerprint.ts) is the
 *    manifest's, and whose columns did not change, keeps its file untouched (same bytes, same mtime);
 * 2. every changed stream's new file is written in full to a temporary file in the directory and fsynced; a
 *    failure here removes them all and leaves every previous file as it was;
 * 3. the manifest says `publishing` the next generation, the temporary files are renamed over the old ones in one
 *    tight loop (no writing in between), and the manifest says `published` (its write syncs the directory, so the
 *    renames are durable too).
 * A reader opening one file gets a whole file of one generation. A reader opening several can, only during step
 * 3's loop (a rename each, microseconds apart), get files of two generations; the manifest tells: the same
 * `published` generation read before and after the files means they are one set (README "Parquet and CSV").
 */
import { SinkError } from "../errors.ts";
import { runtime } from "../runtime/mod.ts";
import type { AppendFile, SqliteDatabase } from "../runtime/types.ts";
import { TOOL_VERSION } from "../version.ts";
import { BlockDigest } from "./block-digest.ts";
import { createCsvSnapshotWriter } from "./csv-snapshot.ts";
import { customAttributes } from "./custom-attributes.ts";
import { createParquetSnapshotWriter } from "./parquet-snapshot.ts";
import { type SnapshotColumn, snapshotColumns, type SnapshotValue, snapshotValue } from "./snapshot-columns.ts";
import { snapshotFilePath, type SnapshotFormat, stagingDatabasePath } from "./snapshot-paths.ts";
import { changeCount } from "./snapshot-changes.ts";
import { columnsDigest, stagingRowsDigest } from "./snapshot-fingerprint.ts";
import { readManifest, type SnapshotFileEntry, type SnapshotManifest, writeManifest } from "./snapshot-manifest.ts";
import type { SnapshotWriter } from "./snapshot-writer.ts";
import { quoteIdentifier } from "./table-layout.ts";
import type { JsonRecord, StreamInfo } from "./types.ts";

/**
 * Rows read from the staging table at a time. Small: each row's record is parsed to make its cells, and 500 keep
 * peak memory flat at any stream size (10,000 took 450 MB for 100,000 contacts, 500 takes 160 MB).
 */
const ROWS_PER_BATCH = 500;
/** Rows between two garbage collections (runtime.collectGarbage): 1M contacts to Parquet peak at 256 MiB, not 319. */
const ROWS_PER_COLLECTION = 20_000;

export interface Publication {
  /** The streams whose files were rewritten (none: nothing changed, nothing was touched). */
  rewritten: string[];
  /** The manifest's generation after it (unchanged when nothing was rewritten; 0 before the first). */
  generation: number;
}

interface WrittenFile {
  stream: string;
  temporary: string;
  target: string;
  entry: Omit<SnapshotFileEntry, "generation" | "modifiedAt">;
}

export async function publishSnapshots(dir: string, format: SnapshotFormat, streams: readonly StreamInfo[]): Promise<Publication> {
  const previous = await readManifest(dir);
  // An interrupted publication (or another format's manifest) says nothing to trust about the files: all rewritten.
  const trusted = previous?.format === format && previous.status === "published" ? previous.streams : {};
  await removeStaleTemporaries(dir, format);
  const written: WrittenFile[] = [];
  // The previous entries, with the counters of streams whose rows were found unchanged after their counter moved.
  const carried: Record<string, SnapshotFileEntry> = { ...trusted };
  let recounted = false;
  const db = await runtime.openSqlite(stagingDatabasePath(dir));
  try {
    db.exec("PRAGMA busy_timeout = 5000");
    for (const stream of streams) {
      const target = snapshotFilePath(dir, stream.name, format);
      // One read transaction per stream: its counter and the rows read are of one moment.
      db.exec("BEGIN");
      try {
        const columns = snapshotColumns(stream, customAttributes(db, stream.name));
        const entry = trusted[stream.name];
        const changes = changeCount(db, stream.name);
        const digests: Digests = { rowsDigest: "", columnsDigest: await columnsDigest(columns), ...(changes === undefined ? {} : { changes }) };
        // Nothing written to the table since its file was made: no row needs reading.
        if (
          entry !== undefined && changes !== undefined && entry.changes === changes &&
          await unchanged(target, entry, { ...digests, rowsDigest: entry.rowsDigest })
        ) {
          continue;
        }
        digests.rowsDigest = await stagingRowsDigest(db, stream.name);
        if (await unchanged(target, entry, digests)) {
          if (changes !== undefined) carried[stream.name] = { ...entry!, changes };
          recounted ||= changes !== undefined;
          continue;
        }
        written.push(await writeTemporary(db, dir, format, stream, columns, digests));
      } catch (error) {
        throw new SinkError(
          `Could not write ${target} (${error instanceof Error ? error.message : String(error)}); the previous files are ` +
            `unchanged and the next run writes them again`,
          target,
          error,
        );
      } finally {
        db.exec("COMMIT");
      }
    }
  } catch (error) {
    for (const file of written) await runtime.removeFile(file.temporary).catch(() => {});
    throw error;
  } finally {
    db.close();
  }
  const generation = (previous?.generation ?? 0) + (written.length > 0 ? 1 : 0);
  if (written.length === 0) {
    // No file changed: the generation stays; only the counters move, so the next run need not read those rows.
    if (recounted && previous) await writeManifest(dir, { ...previous, streams: carried });
    return { rewritten: [], generation };
  }
  const entries = (modifiedAt: (file: WrittenFile) => number) =>
    Object.fromEntries(written.map((file) => [file.stream, { ...file.entry, generation, modifiedAt: modifiedAt(file) }]));
  const manifest: SnapshotManifest = {
    format,
    generation,
    status: "publishing",
    publishedAt: new Date().toISOString(),
    streams: { ...carried, ...entries(() => 0) },
  };
  try {
    await writeManifest(dir, manifest);
  } catch (error) {
    for (const file of written) await runtime.removeFile(file.temporary).catch(() => {});
    throw new SinkError(
      `Could not write ${dir}/_manifest.json (${error instanceof Error ? error.message : String(error)}); the previous files ` +
        "are unchanged and the next run writes them again",
      dir,
      error,
    );
  }
  let renamed = 0;
  try {
    for (const file of written) {
      await runtime.renameFile(file.temporary, file.target);
      renamed++;
    }
  } catch (error) {
    for (const file of written.slice(renamed)) await runtime.removeFile(file.temporary).catch(() => {});
    throw new SinkError(
      `Could not put the new ${format} files of ${dir} in place (${error instanceof Error ? error.message : String(error)}): ` +
        `${renamed} of ${written.length} were; ${MANIFEST_NOTE}. The next run writes them all again.`,
      dir,
      error,
    );
  }
  const modified = new Map<WrittenFile, number>();
  for (const file of written) modified.set(file, (await runtime.fileModifiedAt(file.target)) ?? 0);
  await writeManifest(dir, { ...manifest, status: "published", streams: { ...carried, ...entries((file) => modified.get(file)!) } });
  return { rewritten: written.map((file) => file.stream), generation };
}

const MANIFEST_NOTE = 'its _manifest.json says "publishing" until they are all of one run';

/** Where a run writes a stream's new file before renaming it: beside it, hidden, named by the run's process. */
function temporaryPath(dir: string, stream: string, format: SnapshotFormat, pid: number): string {
  return `${dir.replace(/\/+$/, "") || "/"}/.${stream}.${format}.${pid}.tmp`;
}

/**
 * The temporary files a killed run left (its process gone): a run killed while writing its files leaves one per
 * changed stream, each up to the size of the file, which nothing else would remove.
 */
async function removeStaleTemporaries(dir: string, format: SnapshotFormat): Promise<void> {
  for (const name of await runtime.listDirectory(dir)) {
    const match = /^\.(.+)\.(parquet|csv)\.(\d+)\.tmp$/.exec(name);
    if (!match || match[2] !== format) continue;
    const pid = Number(match[3]);
    if (pid === runtime.pid() || !runtime.isProcessAlive(pid)) await runtime.removeFile(temporaryPath(dir, match[1]!, format, pid));
  }
}

/** The file is the one the manifest describes (present, its size) and its rows have not changed since. */
async function unchanged(target: string, entry: SnapshotFileEntry | undefined, digests: Digests): Promise<boolean> {
  if (entry === undefined || entry.rowsDigest !== digests.rowsDigest || entry.columnsDigest !== digests.columnsDigest) return false;
  if ((await runtime.fileModifiedAt(target)) !== entry.modifiedAt) return false;
  const file = await runtime.openReadFile(target);
  if (file === undefined) return false;
  const bytes = file.length;
  await file.close();
  return bytes === entry.bytes;
}

type Digests = Pick<SnapshotFileEntry, "rowsDigest" | "columnsDigest" | "changes">;

async function writeTemporary(
  db: SqliteDatabase,
  dir: string,
  format: SnapshotFormat,
  stream: StreamInfo,
  columns: SnapshotColumn[],
  digests: Digests,
): Promise<WrittenFile> {
  const target = snapshotFilePath(dir, stream.name, format);
  const temporary = temporaryPath(dir, stream.name, format, runtime.pid());
  const digest = new BlockDigest();
  let rows = 0;
  try {
    if (await runtime.fileExists(temporary)) await runtime.removeFile(temporary);
    const file = await runtime.openAppendFile(temporary, { create: true });
    if (file === undefined) throw new Error(`could not create ${temporary}`);
    try {
      const writer = openWriter(format, digesting(file, digest), columns);
      let sinceCollected = 0;
      for (const batch of readRows(db, stream.name, columns)) {
        await writer.writeRows(batch);
        rows += batch.length;
        // Each row's parsed record is garbage at once; collected late, it alone would pass 300 MB on 1M contacts.
        sinceCollected += batch.length;
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
  } catch (error) {
    await runtime.removeFile(temporary).catch(() => {});
    throw error;
  }
  const file = target.slice(target.lastIndexOf("/") + 1);
  return { stream: stream.name, temporary, target, entry: { file, rows, bytes: digest.bytes, digest: await digest.hex(), ...digests } };
}

/** The file, its appended bytes also digested. */
function digesting(file: AppendFile, digest: BlockDigest): AppendFile {
  return {
    get path() {
      return file.path;
    },
    get length() {
      return file.length;
    },
    async append(bytes) {
      await digest.update(bytes);
      await file.append(bytes);
    },
    sync: () => file.sync(),
    truncate: () => Promise.reject(new Error("a snapshot file is never cut")),
    read: (position, length) => file.read(position, length),
    close: () => file.close(),
  };
}

function openWriter(format: SnapshotFormat, file: AppendFile, columns: SnapshotColumn[]): SnapshotWriter {
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
