/**
 * Base timestamps that never decrease with the record index, so a time-range search is a binary search
 * over indices instead of a scan. Records come in groups of six within at most two hours: pairs share the
 * exact second and the group mostly shares a day, so day-truncation bugs have something to bite on.
 */

export const DAY = 86_400;

const GROUP_OFFSETS = [0, 0, 0.5, 0.5, 1, 1] as const;
const MAX_GROUP_SPREAD = 2 * 3600;

/** The i-th of n non-decreasing timestamps in [from, to). */
export function spread(i: number, n: number, from: number, to: number): number {
  const groupStart = 6 * Math.floor(i / 6);
  const gap = (6 * (to - from)) / Math.max(n, 1);
  // Staying within two thirds of the gap keeps a group's last record before the next group's first.
  const width = Math.min((2 * gap) / 3, MAX_GROUP_SPREAD);
  return from + Math.floor((groupStart * (to - from)) / Math.max(n, 1)) + Math.floor((GROUP_OFFSETS[i % 6] ?? 0) * width);
}

/** The first index in [lo, hi) whose value is >= target, for a non-decreasing `valueAt`. */
export function lowerBound(lo: number, hi: number, valueAt: (i: number) => number, target: number): number {
  let low = lo;
  let high = hi;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (valueAt(mid) < target) low = mid + 1;
    else high = mid;
  }
  return low;
}

export interface StreamTimeline {
  createdAt(i: number): number;
  updatedAt(i: number): number;
}

/** created_at spreads over the older part of two years, updated_at over the last ~90 days: both monotone, updated >= created. */
export function streamTimeline(baseNow: number, n: number, shiftSeconds: number): StreamTimeline {
  return {
    createdAt: (i) => spread(i, n, baseNow - 730 * DAY + shiftSeconds, baseNow - 95 * DAY),
    updatedAt: (i) => spread(i, n, baseNow - 90 * DAY + shiftSeconds, baseNow - 600),
  };
}
