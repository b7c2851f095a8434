/**
 * The fingerprint of what a stream's snapshot file is made from: its columns, the tool version that writes it, and
 * every staging row's rowid (the file's row order), record and `_deleted_at`, as a chain of SHA-256 digests over
 * batches of rows. Equal fingerprints, equal files, except `_synced_at`: a stream read whole rewrites every row
 * with a new `_synced_at` at each run, and a file rewritten for that alone would make "changed" mean "read".
 * So a file is rewritten only when a record, a deletion or a column changed, and its `_synced_at` values are
 * those of the run that last rewrote it.
 */
import type { SqliteDatabase } from "../runtime/types.ts";
import { TOOL_VERSION } from "../version.ts";
import type { SnapshotColumn } from "./snapshot-columns.ts";
import { quoteIdentifier } from "./table-layout.ts";

const ROWS_PER_DIGEST = 2_000;

export async function stagingFingerprint(db: SqliteDatabase, table: string, columns: readonly SnapshotColumn[]): Promise<string> {
  const encoder = new TextEncoder();
  let chain = new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(JSON.stringify({ TOOL_VERSION, columns }))));
  const select = db.prepare(
    `SELECT rowid AS "rowid", data, _deleted_at FROM ${quoteIdentifier(table)} WHERE rowid > ? ORDER BY rowid LIMIT ${ROWS_PER_DIGEST}`,
  );
  let after = 0;
  for (;;) {
    const rows = select.all(after);
    if (rows.length === 0) break;
    after = Number(rows[rows.length - 1]!.rowid);
    // Lengths first, so no two different batches make the same text.
    const text = rows.map((row) => `${row.rowid}\t${row._deleted_at ?? ""}\t${String(row.data).length}\t${row.data}\n`).join("");
    const bytes = encoder.encode(text);
    const input = new Uint8Array(chain.length + bytes.length);
    input.set(chain);
    input.set(bytes, chain.length);
    chain = new Uint8Array(await crypto.subtle.digest("SHA-256", input));
  }
  return [...chain].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}
