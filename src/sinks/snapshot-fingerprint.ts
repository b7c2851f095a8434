/**
 * What a stream's snapshot file is made from, as two digests the manifest keeps:
 * - `rows`: every staging row's rowid (the file's row order), record and `_deleted_at`, as a chain of SHA-256
 *   digests over batches of rows; `verify` recomputes it to tell a file from the staging rows it stands for;
 * - `columns`: the file's columns and the tool version that writes them (a new custom attribute is a new file).
 * Equal digests, equal files, except `_synced_at`: a stream read whole rewrites every row with a new `_synced_at`
 * at each run, and a file rewritten for that alone would make "changed" mean "read". So a file is rewritten only
 * when a record, a deletion or a column changed, and its `_synced_at` values are those of the run that wrote it.
 */
import type { SqliteDatabase } from "../runtime/types.ts";
import { TOOL_VERSION } from "../version.ts";
import type { SnapshotColumn } from "./snapshot-columns.ts";
import { quoteIdentifier } from "./table-layout.ts";

const ROWS_PER_DIGEST = 2_000;

export async function stagingRowsDigest(db: SqliteDatabase, table: string): Promise<string> {
  const encoder = new TextEncoder();
  let chain = new Uint8Array(32);
  const select = db.prepare(
    `SELECT rowid AS "rowid", data, _deleted_at FROM ${quoteIdentifier(table)} WHERE rowid > ? ORDER BY rowid LIMIT ${ROWS_PER_DIGEST}`,
  );
  let after = 0;
  for (;;) {
    const rows = select.all(after);
    if (rows.length === 0) break;
    after = Number(rows[rows.length - 1]!.rowid);
    // The record's length first, so no two different batches make the same text.
    const text = rows.map((row) => `${row.rowid}\t${row._deleted_at ?? ""}\t${String(row.data).length}\t${row.data}\n`).join("");
    const bytes = encoder.encode(text);
    const input = new Uint8Array(chain.length + bytes.length);
    input.set(chain);
    input.set(bytes, chain.length);
    chain = new Uint8Array(await crypto.subtle.digest("SHA-256", input));
  }
  return hex(chain);
}

export async function columnsDigest(columns: readonly SnapshotColumn[]): Promise<string> {
  return hex(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(JSON.stringify({ TOOL_VERSION, columns })))));
}

function hex(bytes: Uint8Array): string {
  return [...bytes].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}
