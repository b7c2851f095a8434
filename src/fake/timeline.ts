/**
 * Base timestamps that never decrease with the record index, so a time-range search is a binary search
 * over indices instead of a scan. Records come in groups of six: pairs share the exact second and the
 * group spreads over part of a day or so, so day-truncation bugs have something to bite on.
 */

export const DAY = 86_400;

const GROUP_OFFSETS = [0, 0, 2, 2, 4, 4] as const;

/** The i-th of n non-decreasing timestamps in [from, to). */
export function spread(i: number, n: number, from: number, to: number): number {
  const x = 6 * Math.floor(i / 6) + (GROUP_OFFSETS[i % 6] ?? 0);
  return from + Math.floor((x * (to - from)) / Math.max(n, 1));
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

/** Windows relative to the workspace's starting clock, per stream: [created from, created to, updated from, updated to] in days/seconds back. */
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
