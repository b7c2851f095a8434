/**
 * The Content Data Export's files beside the receipts: one per statistic (`opens_YYYYMMDD_hhmmss.csv`, clicks,
 * replies…), a row per event of the receipts exported, from each receipt's first_* time, and a second click
 * five minutes after the first for every third receipt clicked (a receipt's events are more than its first ones).
 * Intercom documents only the receipts' columns: these files have receipt_id, created_at, and a click its url.
 */
import type { Rec } from "../context.ts";

/** Each statistic's file name and the receipts' column of its first time. */
export const EVENT_STATISTICS = [
  ["opens", "first_open"],
  ["clicks", "first_click"],
  ["replies", "first_reply"],
  ["completions", "first_completion"],
  ["series_completions", "first_series_completion"],
  ["series_disengagements", "first_series_disengagement"],
  ["series_exits", "first_series_exit"],
  ["goal_successes", "first_goal_success"],
  ["dismissals", "first_dismisall"],
  ["unsubscribes", "first_unsubscribe"],
  ["hard_bounces", "first_hard_bounce"],
] as const;

export interface EventFile {
  statistic: string;
  columns: readonly string[];
  rows: Rec[];
}

/** The events files of an export of `receipts`; a statistic with no events has no file, as Intercom's docs say. */
export function eventFiles(receipts: readonly Rec[]): EventFile[] {
  return EVENT_STATISTICS.map(([statistic, first]): EventFile => {
    const clicks = statistic === "clicks";
    const rows = receipts.flatMap((receipt) => {
      const at = receipt[first];
      if (typeof at !== "number") return [];
      const row = (created_at: number, link: number): Rec => ({
        receipt_id: receipt.receipt_id,
        created_at,
        ...(clicks ? { url: `https://example.com/offer?link=${link}&from="mail"` } : {}),
      });
      const again = clicks && Number(receipt.receipt_id) % 3 === 0;
      return again ? [row(at, 1), row(at + 300, 2)] : [row(at, 1)];
    });
    return { statistic, columns: clicks ? ["receipt_id", "created_at", "url"] : ["receipt_id", "created_at"], rows };
  }).filter((file) => file.rows.length > 0);
}

/** The events as content_events records: the id is the stream's documented JSON array. */
export function contentEventRecords(receipts: readonly Rec[]): Rec[] {
  return eventFiles(receipts).flatMap(({ statistic, rows }) =>
    rows.map(({ receipt_id, created_at, ...columns }) => ({
      event_id: JSON.stringify([statistic, receipt_id, created_at, columns]),
      statistic,
      receipt_id,
      created_at,
      columns,
    }))
  );
}
