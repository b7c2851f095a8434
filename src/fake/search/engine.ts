/**
 * Runs a compiled query over a SearchSource and returns one page in a total order (sort value, then id).
 * Sorting by created_at, updated_at or id walks base indices directly (binary search to the range and
 * the cursor), merged with the overlay; any other sort field falls back to a full scan.
 */
import type { Rec } from "../context.ts";
import { lowerBound } from "../timeline.ts";
import { type Cursor, type SortOrder } from "./cursor.ts";
import { fieldSpec } from "./fields.ts";
import { type CompiledQuery, type RangeField, SearchError } from "./query.ts";
import { isTombstone, type SearchSource } from "./source.ts";

export interface Sort {
  field: string;
  order: SortOrder;
}

export interface SearchPage {
  records: Rec[];
  totalCount: number;
  /** Key of the last record, when more records follow. */
  next?: { value: unknown; id: string };
}

type Key = [unknown, string];

/** Null compares greater than any value: last when ascending, first when descending. */
function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

function compareKeys(a: Key, b: Key): number {
  return compareValues(a[0], b[0]) || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);
}

const FAST_FIELDS = new Set(["created_at", "updated_at", "id"]);

export function validateSort(source: SearchSource, sort: Sort): void {
  if (FAST_FIELDS.has(sort.field)) return;
  const spec = fieldSpec(source.stream, sort.field);
  if (!spec || ["contact_ids", "teammate_ids", "tag_ids", "tag_id"].includes(sort.field)) {
    throw new SearchError("parameter_invalid", `Cannot sort by ${sort.field}`);
  }
}

function sortValue(source: SearchSource, field: string, record: Rec): unknown {
  if (FAST_FIELDS.has(field)) return record[field] ?? null;
  return fieldSpec(source.stream, field)?.get(record) ?? null;
}

/** Base index range implied by the query's created_at/updated_at intervals. */
function baseRange(source: SearchSource, query: CompiledQuery): [number, number] {
  let lo = 0;
  let hi = source.baseCount;
  for (const [field, [from, to]] of Object.entries(query.ranges) as [RangeField, [number, number]][]) {
    const valueAt = (i: number) => source.baseTime(field, i);
    lo = Math.max(lo, from === -Infinity ? 0 : lowerBound(0, source.baseCount, valueAt, from));
    hi = Math.min(hi, to === Infinity ? source.baseCount : lowerBound(0, source.baseCount, valueAt, to));
  }
  return [lo, Math.max(lo, hi)];
}

const countCache = new WeakMap<SearchSource, Map<string, number>>();

function countMatches(source: SearchSource, query: CompiledQuery, queryKey: string, lo: number, hi: number): number {
  let overlayMatches = 0;
  let overlaidInRange = 0;
  for (const [i, record] of source.overlay) {
    if (!isTombstone(record) && query.test(record)) overlayMatches++;
    if (i >= lo && i < hi) overlaidInRange++;
  }
  if (query.rangesExact) return hi - lo - overlaidInRange + overlayMatches;
  // Other filters need a scan; remember the answer until the data changes.
  let cache = countCache.get(source);
  if (!cache) countCache.set(source, cache = new Map());
  const key = `${source.version}:${queryKey}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  let count = overlayMatches;
  for (let i = lo; i < hi; i++) {
    if (!source.overlay.has(i) && query.test(source.base(i))) count++;
  }
  if (cache.size > 64) cache.clear();
  cache.set(key, count);
  return count;
}

export function runSearch(
  source: SearchSource,
  query: CompiledQuery,
  queryKey: string,
  sort: Sort,
  perPage: number,
  cursor?: Pick<Cursor, "value" | "id">,
): SearchPage {
  const [lo, hi] = baseRange(source, query);
  const totalCount = countMatches(source, query, queryKey, lo, hi);
  const direction = sort.order === "ascending" ? 1 : -1;
  const after: Key | undefined = cursor ? [cursor.value, cursor.id] : undefined;
  const keyOf = (record: Rec): Key => [sortValue(source, sort.field, record), String(record.id)];
  const isAfter = (key: Key) => after === undefined || direction * compareKeys(key, after) > 0;
  const ordered = (a: Rec, b: Rec) => direction * compareKeys(keyOf(a), keyOf(b));

  const overlay = [...source.overlay.values()].filter((r) => !isTombstone(r) && query.test(r) && isAfter(keyOf(r))).sort(ordered);
  // Sorting by id walks the index only while ids rise with it.
  const walks = FAST_FIELDS.has(sort.field) && (sort.field !== "id" || source.idsRiseWithIndex);
  const base = walks ? walkBase(source, query, sort, lo, hi, after) : scanBase(source, query, lo, hi, (r) => isAfter(keyOf(r)), ordered);

  // Merge the two ordered streams, one record past the page to learn whether more follow.
  const page: Rec[] = [];
  let o = 0;
  let b = base.next();
  while (page.length <= perPage) {
    const fromOverlay = overlay[o];
    if (b.done && !fromOverlay) break;
    if (!b.done && (!fromOverlay || ordered(b.value, fromOverlay) < 0)) {
      page.push(b.value);
      b = base.next();
    } else if (fromOverlay) {
      page.push(fromOverlay);
      o++;
    }
  }
  if (page.length <= perPage) return { records: page, totalCount };
  const records = page.slice(0, perPage);
  const last = records[records.length - 1] as Rec;
  const [value, id] = keyOf(last);
  return { records, totalCount, next: { value, id } };
}

/** Base records in [lo, hi) in sort order, starting after the cursor, skipping overlaid indices and misses. */
function* walkBase(source: SearchSource, query: CompiledQuery, sort: Sort, lo: number, hi: number, after?: Key): Generator<Rec> {
  const ascending = sort.order === "ascending";
  const take = function* (i: number) {
    if (source.overlay.has(i)) return;
    const record = source.base(i);
    if (query.test(record)) yield record;
  };
  if (sort.field === "id") {
    // Ids rise with the index (the caller checked), so the cursor's position is a binary search.
    const from = (inclusive: boolean) =>
      lowerBound(lo, hi, (i) => (inclusive ? source.baseId(i) >= after![1] : source.baseId(i) > after![1]) ? 1 : 0, 1);
    if (ascending) { for (let i = after ? from(false) : lo; i < hi; i++) yield* take(i); }
    else for (let i = (after ? from(true) : hi) - 1; i >= lo; i--) yield* take(i);
    return;
  }
  // Times never fall with the index, so the cursor's time is a binary search; records sharing a time go by id,
  // which need not rise with the index (scattered ids), so each run of one time is put in id order first.
  const timeAt = (i: number) => source.baseTime(sort.field as RangeField, i);
  const afterTime = after?.[0] as number | undefined;
  // Walk the index forward (ascending) or backward, one run of equal times at a time.
  const step = ascending ? 1 : -1;
  const keyAfter = (i: number) => after === undefined || step * compareKeys([timeAt(i), source.baseId(i)], after) > 0;
  const byId = (a: number, b: number) => (source.baseId(a) < source.baseId(b) ? -1 : 1) * step;
  const inRange = (i: number) => i >= lo && i < hi;
  let i = afterTime === undefined
    ? (ascending ? lo : hi - 1)
    : lowerBound(lo, hi, timeAt, ascending ? afterTime : afterTime + 1) - (ascending ? 0 : 1);
  while (inRange(i)) {
    const time = timeAt(i);
    let last = i;
    while (inRange(last + step) && timeAt(last + step) === time) last += step;
    const run = last === i ? [i] : Array.from({ length: Math.abs(last - i) + 1 }, (_, k) => Math.min(i, last) + k).sort(byId);
    for (const index of run) if (keyAfter(index)) yield* take(index);
    i = last + step;
  }
}

function* scanBase(
  source: SearchSource,
  query: CompiledQuery,
  lo: number,
  hi: number,
  isAfter: (record: Rec) => boolean,
  ordered: (a: Rec, b: Rec) => number,
): Generator<Rec> {
  const all: Rec[] = [];
  for (let i = lo; i < hi; i++) {
    if (source.overlay.has(i)) continue;
    const record = source.base(i);
    if (query.test(record) && isAfter(record)) all.push(record);
  }
  yield* all.sort(ordered);
}
