/** Splitting a time range into windows, and the search query that is correct whatever Intercom's date matching. */

export interface TimeWindow {
  /** Inclusive, unix seconds. */
  start: number;
  /** Exclusive, unix seconds. */
  end: number;
}

const DAY = 86_400;

/** [start, end) cut into windows of at most `days` days; empty when start >= end. */
export function splitWindows(start: number, end: number, days: number): TimeWindow[] {
  const windows: TimeWindow[] = [];
  const size = Math.max(1, Math.round(days * DAY));
  for (let from = start; from < end; from += size) windows.push({ start: from, end: Math.min(end, from + size) });
  return windows;
}

/**
 * A search filter whose results are a superset of [start, end) both when Intercom matches timestamps to the
 * second and when it matches by calendar day in the workspace's timezone (documented for contacts: `>` starts
 * at the next day, `<` ends before the given day, and `>=`/`<=` are rejected). Widening by a day on each side
 * covers any timezone; the caller keeps exactly [start, end) on the client.
 */
export function searchFilter(field: string, window: TimeWindow): unknown {
  const upper = { field, operator: "<", value: window.end + DAY };
  if (window.start <= 0) return upper;
  return { operator: "AND", value: [{ field, operator: ">", value: window.start - DAY }, upper] };
}

export function inWindow(value: number | undefined, window: TimeWindow): boolean {
  return value !== undefined && value >= window.start && value < window.end;
}
