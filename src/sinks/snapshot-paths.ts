/** Where the parts of a `--parquet DIR` / `--csv DIR` directory live, and how messages name its staging database. */
import type { DatabaseRole } from "./sqlite-error.ts";

export type SnapshotFormat = "parquet" | "csv";

/** The staging database inside a snapshot directory: the records and the state, as in a --sqlite database. */
export function stagingDatabasePath(dir: string): string {
  return `${dir.replace(/\/+$/, "") || "/"}/_staging.sqlite`;
}

export function snapshotFilePath(dir: string, stream: string, format: SnapshotFormat): string {
  return `${dir.replace(/\/+$/, "") || "/"}/${stream}.${format}`;
}

/** The staging database's failures name the user's flag, not a --sqlite the user never gave. */
export function snapshotDatabaseRole(format: SnapshotFormat): DatabaseRole {
  return { flag: `--${format}`, suggestedName: "intercom-snapshots", noun: "directory" };
}
