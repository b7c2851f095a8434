/**
 * The run's schema mismatches as one log line (Airbyte LOG, Singer stderr): records are written either way, and
 * one summary per run is readable where a message per field would repeat itself on every read.
 * @example
 * mismatchSummary([{ stream: "contacts", field: "email", expected: "string", received: "null", count: 3 }])
 * // "records that do not match their schema (written all the same): contacts.email expected string, got null (3 records)"
 */
import type { MismatchSummaryRow } from "../schema/mismatch-counter.ts";

const SHOWN = 20;

export function mismatchSummary(rows: readonly MismatchSummaryRow[]): string | undefined {
  if (rows.length === 0) return undefined;
  const shown = rows
    .slice(0, SHOWN)
    .map((row) => `${row.stream}.${row.field} expected ${row.expected}, got ${row.received} (${row.count} record${row.count === 1 ? "" : "s"})`);
  const more = rows.length > SHOWN ? `; and ${rows.length - SHOWN} more` : "";
  return `records that do not match their schema (written all the same): ${shown.join("; ")}${more}`;
}
