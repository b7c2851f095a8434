/**
 * What a `--parquet DIR` / `--csv DIR` directory holds, as `verify` compares it: the live rows of its staging
 * database (held-sqlite.ts), each stream's file checked to be, byte for byte, the file written from exactly those
 * rows: the file's size and block digest as the manifest recorded them when it was put in place, and the digest of
 * the staging rows it was made from equal to theirs now. So what is compared with Intercom is what users read.
 *
 * Why not read the files' rows themselves: reading Parquet needs a Parquet reader (hyparquet is only
 * hyparquet-writer's own dependency here). The digests report any file that is not exactly the one written from
 * the compared rows, whatever its format; that the writer wrote those rows faithfully is the DuckDB tests' part.
 */
import { ConfigError } from "../errors.ts";
import { runtime } from "../runtime/mod.ts";
import { fileBlockDigest } from "../sinks/block-digest.ts";
import { stagingRowsDigest } from "../sinks/snapshot-fingerprint.ts";
import { readManifest } from "../sinks/snapshot-manifest.ts";
import { snapshotFilePath, type SnapshotFormat, stagingDatabasePath } from "../sinks/snapshot-paths.ts";
import type { HeldOutput } from "./held.ts";
import { heldInSqlite } from "./held-sqlite.ts";

export async function heldInSnapshotDir(dir: string, format: SnapshotFormat, selected: ReadonlySet<string>): Promise<HeldOutput> {
  const staging = stagingDatabasePath(dir);
  if (!(await runtime.fileExists(staging))) {
    throw new ConfigError(`${dir} is not a directory a --${format} sync wrote (it has no _staging.sqlite): pass the --${format} directory of a sync`);
  }
  const held = await heldInSqlite(staging, selected);
  const problems = await fileProblems(dir, format, [...held.streams.keys()]);
  for (const [stream, problem] of problems) held.streams.get(stream)!.fileProblem = problem;
  return held;
}

/** Per stream whose file is not the one written from its staging rows: what is wrong and what to run. */
async function fileProblems(dir: string, format: SnapshotFormat, streams: readonly string[]): Promise<Map<string, string>> {
  const problems = new Map<string, string>();
  const manifest = await readManifest(dir);
  const rewrite = `a sync with --${format} ${dir} writes it again`;
  const db = await runtime.openSqlite(stagingDatabasePath(dir));
  try {
    for (const stream of streams) {
      const path = snapshotFilePath(dir, stream, format);
      const entry = manifest?.format === format ? manifest.streams[stream] : undefined;
      if (manifest?.status === "publishing") {
        problems.set(stream, `the last run stopped while putting the directory's files in place (its _manifest.json says "publishing"); ${rewrite}`);
        continue;
      }
      if (entry === undefined) {
        problems.set(stream, `${path} was not written from the staging rows compared (no _manifest.json entry for it); ${rewrite}`);
        continue;
      }
      const file = await fileBlockDigest(path);
      if (file === undefined) {
        problems.set(stream, `${path} is missing; ${rewrite}`);
      } else if (file.bytes !== entry.bytes || file.digest !== entry.digest) {
        problems.set(stream, `${path} is not the file intercom-sync wrote (changed since); ${rewrite}`);
      } else if ((await stagingRowsDigest(db, stream)) !== entry.rowsDigest) {
        problems.set(stream, `${path} is older than the staging rows compared (a run or repair stopped before writing it); ${rewrite}`);
      }
    }
  } finally {
    db.close();
  }
  return problems;
}
