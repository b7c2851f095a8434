/**
 * Writes one stream's snapshot as RFC 4180 CSV with a header row (csv-stringify does the quoting): timestamps as
 * ISO 8601 UTC (`2024-12-18T15:04:20.000Z`), booleans as `true`/`false`, NULL as an empty field.
 */
import { stringify } from "csv-stringify/sync";
import type { AppendFile } from "../runtime/types.ts";
import type { SnapshotColumn, SnapshotValue } from "./snapshot-columns.ts";
import type { SnapshotWriter } from "./snapshot-writer.ts";

export function createCsvSnapshotWriter(file: AppendFile, columns: readonly SnapshotColumn[]): SnapshotWriter {
  const encoder = new TextEncoder();
  let header = false;
  const write = async (rows: readonly (readonly SnapshotValue[])[]) => {
    const text = stringify(rows.map((row) => row.map(csvField)), { eof: true, record_delimiter: "windows" });
    await file.append(encoder.encode(text));
  };
  const writeHeader = async () => {
    if (header) return;
    header = true;
    await write([columns.map((column) => column.name)]);
  };
  return {
    async writeRows(rows) {
      await writeHeader();
      if (rows.length > 0) await write(rows);
    },
    finish: writeHeader,
  };
}

function csvField(value: SnapshotValue): string {
  if (value === null) return "";
  if (value instanceof Date) return value.toISOString();
  return String(value);
}
