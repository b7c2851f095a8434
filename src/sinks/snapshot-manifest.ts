/**
 * `DIR/_manifest.json`: what the snapshot files of a `--parquet`/`--csv` directory are. Written by
 * snapshot-publish.ts twice per publication: `"status": "publishing"` with the new generation before the first
 * file is renamed into place, `"published"` after the last, so a reader can tell a consistent set of files (the
 * same published generation before and after reading them) from one caught while files were being swapped.
 * Each stream's entry says which generation last rewrote its file, the file's size, mtime and block digest
 * (block-digest.ts), and the digests of the staging rows and columns it was made from (snapshot-fingerprint.ts),
 * so a run rewrites only the files whose rows changed, and `verify` can tell that a file is byte for byte the one
 * written from the staging rows it compares with Intercom.
 */
import { runtime } from "../runtime/mod.ts";
import type { SnapshotFormat } from "./snapshot-paths.ts";

export const MANIFEST_FILE = "_manifest.json";

export interface SnapshotFileEntry {
  /** The file's name in the directory (`contacts.parquet`). */
  file: string;
  /** The generation that last rewrote it. */
  generation: number;
  rows: number;
  bytes: number;
  /** block-digest.ts over the file's bytes. */
  digest: string;
  /** When the file was put in place (unix ms): with `bytes`, a file changed by hand is told from it. */
  modifiedAt: number;
  /** snapshot-fingerprint.ts: the staging rows the file was made from. */
  rowsDigest: string;
  /** snapshot-fingerprint.ts: its columns. */
  columnsDigest: string;
  /** snapshot-changes.ts: the staging table's change counter when the file was made (or found current). */
  changes?: number;
}

export interface SnapshotManifest {
  format: SnapshotFormat;
  /** One more at each publication that changes a file. */
  generation: number;
  /** `publishing` while files are being renamed into place (or when that was interrupted), `published` after. */
  status: "publishing" | "published";
  /** ISO 8601 UTC. */
  publishedAt: string;
  streams: Record<string, SnapshotFileEntry>;
}

export function manifestPath(dir: string): string {
  return `${dir.replace(/\/+$/, "") || "/"}/${MANIFEST_FILE}`;
}

/** The directory's manifest; undefined when there is none or it is not one (then every file is rewritten). */
export async function readManifest(dir: string): Promise<SnapshotManifest | undefined> {
  const text = await runtime.readTextFile(manifestPath(dir));
  if (text === undefined) return undefined;
  try {
    const manifest = JSON.parse(text) as SnapshotManifest;
    return typeof manifest.generation === "number" && typeof manifest.streams === "object" && manifest.streams !== null ? manifest : undefined;
  } catch {
    return undefined;
  }
}

/** Replaced in one rename after an fsync, and the directory synced: the renames before it are durable too. */
export async function writeManifest(dir: string, manifest: SnapshotManifest): Promise<void> {
  await runtime.writeFileAtomic(manifestPath(dir), `${JSON.stringify(manifest, null, 2)}\n`);
}
