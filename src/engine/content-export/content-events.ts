/**
 * What a row of the Content Data Export's other files (opens, clicks, replies… beside the receipts) becomes: one
 * content_events record. Intercom documents only the receipts' columns, so the reading assumes little: a file's
 * statistic is its name's (opens_20260101_120000.csv → opens); every row names its receipt (`receipt_id`); the
 * time is the first column ending in `_at` that the receipts file has not (a column the receipts have describes
 * the receipt, not the event); every other column is kept as text. The id is the JSON array [statistic,
 * receipt_id, time, the event's own columns by name] — the same event exported again gets the same id (so the
 * lookback week replaces rather than duplicates), whatever the order of the columns and whatever became of the
 * receipt's columns (a contact's new email).
 *
 * @example
 * const toRecord = eventRecords("clicks", ["receipt_id", "created_at", "url"], receiptsHeader, "receipt_id");
 * toRecord(["60000003", "1700000000", "https://x"])
 * // { event_id: '["clicks","60000003",1700000000,{"url":"https://x"}]', statistic: "clicks", receipt_id: "60000003",
 * //   created_at: 1700000000, columns: { url: "https://x" } }
 */
import type { JsonRecord } from "../../streams/types.ts";
import { EventRowError } from "../../errors.ts";

/** The record maker of one file, from its header; throws EventRowError for a header without `key`. */
export function eventRecords(
  statistic: string,
  header: readonly string[],
  receiptColumns: readonly string[],
  key: string,
): (row: readonly string[]) => JsonRecord {
  const keyAt = header.indexOf(key);
  if (keyAt < 0) throw new EventRowError(`it has no ${key} column (its header: ${header.join(",")})`);
  const receipts = new Set(receiptColumns);
  const timeAt = header.findIndex((column) => column.endsWith("_at") && !receipts.has(column));
  const time = header[timeAt];
  const kept = header.flatMap((column, index) => (index === keyAt || index === timeAt ? [] : [{ column, index }]));
  const own = kept.filter(({ column }) => !receipts.has(column)).sort((a, b) => (a.column < b.column ? -1 : a.column > b.column ? 1 : 0));
  return (row) => {
    const cell = (index: number) => row[index] ?? "";
    const at = timeAt < 0 ? "" : cell(timeAt);
    if (at !== "" && !/^\d+$/.test(at)) throw new EventRowError(`${time} is ${JSON.stringify(at)}, not a unix time`);
    const createdAt = at === "" ? null : Number(at);
    const receiptId = cell(keyAt);
    const ownColumns = Object.fromEntries(own.map(({ column, index }) => [column, cell(index)]));
    return {
      event_id: JSON.stringify([statistic, receiptId, createdAt, ownColumns]),
      statistic,
      receipt_id: receiptId,
      created_at: createdAt,
      columns: Object.fromEntries(kept.map(({ column, index }) => [column, cell(index)])),
    };
  };
}
