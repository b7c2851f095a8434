/**
 * `--parquet DIR` and `--csv DIR`: a directory of per-stream snapshot files (`contacts.parquet`, `contacts.csv`)
 * that carries its own state.
 *
 * Design: the records go into a SQLite staging database inside the directory (`_staging.sqlite`), through the
 * SQLite sink unchanged, so the directory gets everything `--sqlite` guarantees: upserts by key (the latest
 * version of each record), deletions as `_deleted_at`, and the state written in the transaction of the pages it
 * describes. When the run ends, the files of the streams whose rows changed are regenerated from their tables and
 * put in place together (snapshot-publish.ts: all written and synced first, then renamed in one loop, a manifest
 * written last), so a reader sees the previous run's file or this run's, never a half-written one. A run killed
 * before that leaves the previous files and a staging database ahead of them; the next run publishes what it held.
 *
 * Why not append to the Parquet files: Parquet files cannot be updated in place (a changed contact would need its
 * old row removed), and merging a run into the previous file needs the previous rows by key: exactly what the
 * staging table is.
 */
import { SinkError } from "../errors.ts";
import { runtime } from "../runtime/mod.ts";
import { watchStagingChanges } from "./snapshot-changes.ts";
import { publishSnapshots } from "./snapshot-publish.ts";
import { createSqliteSink, type SqliteSinkOptions } from "./sqlite.ts";
import type { Sink, StreamInfo } from "./types.ts";

export { snapshotFilePath, type SnapshotFormat, stagingDatabasePath } from "./snapshot-paths.ts";
import { snapshotDatabaseRole, type SnapshotFormat, stagingDatabasePath } from "./snapshot-paths.ts";

export function createSnapshotDirSink(dir: string, format: SnapshotFormat, options: SqliteSinkOptions = {}): Sink {
  const staging = createSqliteSink(stagingDatabasePath(dir), { ...options, role: snapshotDatabaseRole(format) });
  let streams: StreamInfo[] = [];
  let opened = false;
  return {
    async open(infos) {
      await prepareDirectory(dir, format);
      await staging.open(infos);
      await watchStagingChanges(dir, infos.map((info) => info.name));
      streams = infos;
      opened = true;
    },
    write: (stream, records, deletions) => staging.write(stream, records, deletions),
    commit: (batch) => staging.commit!(batch),
    finish: (summary) => staging.finish!(summary),
    async close() {
      await staging.close();
      if (!opened) return;
      await publishSnapshots(dir, format, streams);
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
