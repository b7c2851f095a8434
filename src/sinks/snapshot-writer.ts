/** What a snapshot format (Parquet, CSV) writes one stream's rows with: rows in the order of its columns. */
import type { SnapshotValue } from "./snapshot-columns.ts";

export interface SnapshotWriter {
  writeRows(rows: readonly (readonly SnapshotValue[])[]): Promise<void>;
  /** The file's end (Parquet's footer); the bytes are with the OS when it resolves. */
  finish(): Promise<void>;
}
