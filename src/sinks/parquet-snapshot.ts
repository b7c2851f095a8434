/**
 * Writes one stream's snapshot as a Parquet file with hyparquet-writer (pure JavaScript, so the compiled binary
 * stays one file): one row group per batch of rows, flushed to the file as it is made, so memory holds one row
 * group, not the stream.
 */
import { ByteWriter, ParquetWriter, type SchemaElement } from "hyparquet-writer";
import type { AppendFile } from "../runtime/types.ts";
import type { SnapshotColumn, SnapshotKind, SnapshotValue } from "./snapshot-columns.ts";
import type { SnapshotWriter } from "./snapshot-writer.ts";

export function createParquetSnapshotWriter(file: AppendFile, columns: readonly SnapshotColumn[], createdBy: string): SnapshotWriter {
  const bytes = new FileByteWriter(file);
  const writer = new ParquetWriter({
    writer: bytes,
    schema: [{ name: "root", num_children: columns.length }, ...columns.map(schemaElement)],
    createdBy,
  });
  return {
    async writeRows(rows) {
      if (rows.length === 0) return;
      const columnData = columns.map((column, index) => ({ name: column.name, data: rows.map((row) => row[index] ?? null) }));
      await writer.write({ columnData, rowGroupSize: rows.length });
      await bytes.flush();
    },
    async finish() {
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

export type { SnapshotValue };
