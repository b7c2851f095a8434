/** Where the parts of a `--parquet DIR` / `--csv DIR` directory live. */
export type SnapshotFormat = "parquet" | "csv";

/** The staging database inside a snapshot directory: the records and the state, as in a --sqlite database. */
export function stagingDatabasePath(dir: string): string {
  return `${dir.replace(/\/+$/, "") || "/"}/_staging.sqlite`;
}

export function snapshotFilePath(dir: string, stream: string, format: SnapshotFormat): string {
  return `${dir.replace(/\/+$/, "") || "/"}/${stream}.${format}`;
}
