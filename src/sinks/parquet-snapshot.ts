/**
 * Writes one stream's snapshot as a Parquet file with hyparquet-writer (pure JavaScript, so the compiled binary
 * stays one file): rows gathered into row groups of 2,000, each flushed to the file as it is made, so memory holds
 * one row group (and the footer's metadata), not the stream.
 */
import { ByteWriter, ParquetWriter, type SchemaElement } from "hyparquet-writer";
import type { AppendFile } from "../runtime/types.ts";
import type { SnapshotColumn, SnapshotKind, SnapshotValue } from "./snapshot-columns.ts";
import type { SnapshotWriter } from "./snapshot-writer.ts";

/**
 * Rows per row group. hyparquet-writer encodes a group in one go: 10,000 contacts ran at 6,000 rows/s and 450 MB,
 * 2,000 at 15,600 rows/s and 230 MB (bench/snapshot-formats.ts, 100,000 contacts).
 */
const ROWS_PER_GROUP = 2_000;

export function createParquetSnapshotWriter(file: AppendFile, columns: readonly SnapshotColumn[], createdBy: string): SnapshotWriter {
  const bytes = new FileByteWriter(file);
  const writer = new ParquetWriter({
    writer: bytes,
    schema: [{ name: "root", num_children: columns.length }, ...columns.map(schemaElement)],
    createdBy,
  });
  // The cells of the row group being gathered, column by column.
  let group: SnapshotValue[][] = columns.map(() => []);
  let groupRows = 0;
  const writeGroup = async () => {
    if (groupRows === 0) return;
    // JSON text is nearly always distinct: PLAIN skips the dictionary attempt, no min/max statistics to compute.
    // No offset index: a 2,000-row group has about one page per column, so it would locate nothing, and its
    // entries stay in memory until the footer (242.7 → 225.1 MiB peak on 300,000 contacts without them).
    const columnData = columns.map((column, index) =>
      column.kind === "json"
        ? { name: column.name, data: group[index]!, encoding: "PLAIN" as const, statistics: false, offsetIndex: false }
        : { name: column.name, data: group[index]!, offsetIndex: false }
    );
    group = columns.map(() => []);
    const rows = groupRows;
    groupRows = 0;
    await writer.write({ columnData, rowGroupSize: rows });
    await bytes.flush();
  };
  return {
    async writeRows(rows) {
      for (const row of rows) {
        for (let index = 0; index < columns.length; index++) group[index]!.push(row[index] ?? null);
        if (++groupRows === ROWS_PER_GROUP) await writeGroup();
      }
    },
    async finish() {
      await writeGroup();
      await writer.finish();
      await bytes.flush();
    },
  };
}

function schemaElement(column: SnapshotColumn): SchemaElement {
  return { name: column.name, repetition_type: "OPTIONAL", ...PARQUET_TYPES[column.kind] };
}

const PARQUET_TYPES: Record<SnapshotKind, Omit<SchemaElement, "name">> = {
  string: { type: "BYTE_ARRAY", converted_type: "UTF8" },
  // JSON text as a string column: DuckDB's json functions and pandas read it as is.
  json: { type: "BYTE_ARRAY", converted_type: "UTF8" },
  integer: { type: "INT64" },
  float: { type: "DOUBLE" },
  boolean: { type: "BOOLEAN" },
  timestamp: {
    type: "INT64",
    converted_type: "TIMESTAMP_MILLIS",
    logical_type: { type: "TIMESTAMP", isAdjustedToUTC: true, unit: "MILLIS" },
  },
};

/** hyparquet-writer's ByteWriter whose bytes go to a file at each flush (after each row group and the footer). */
class FileByteWriter extends ByteWriter {
  constructor(private readonly file: AppendFile) {
    super(1 << 20);
  }
  async flush(): Promise<void> {
    if (this.index === 0) return;
    const chunk = new Uint8Array(this.buffer, 0, this.index).slice();
    this.index = 0;
    await this.file.append(chunk);
  }
  override finish(): void {}
}
