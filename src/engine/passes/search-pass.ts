/**
 * contacts, conversations and tickets: POST search on updated_at, in time windows read side by side, each
 * sorted ascending. Each page is written (with its children) before progress is saved, so a killed run resumes
 * at the next page of every open window.
 */
import { childPages } from "../children.ts";
import { type Pass, type PassContext, streamStart } from "../pass.ts";
import { cursorValue, selectRecords } from "../records.ts";
import { cursorOf, listPages } from "../pager.ts";
import { SearchPageSize } from "../search-page-size.ts";
import { inWindow, searchFilter, type TimeWindow } from "../time-windows.ts";
import type { WindowTask } from "../window-runner.ts";
import type { Page } from "../../sinks/types.ts";
import type { ApiRequest } from "../../http/types.ts";
import type { JsonRecord, SearchRead } from "../../streams/types.ts";
import { type RangeProbe, runWindowedPass } from "./windowed-pass.ts";

export async function runSearchPass(context: PassContext, pass: Pass): Promise<void> {
  // Each window's first page says how many records match it; their sum is the progress display's estimate
  // (a little high: the day of overlap on each side of a window is counted too).
  const totals = new Map<number, number>();
  const expected = (window: TimeWindow, total: number | undefined) => {
    if (total !== undefined && !totals.has(window.start)) totals.set(window.start, total);
    let sum = 0;
    for (const value of totals.values()) sum += value;
    return sum;
  };
  // One size for every window of the pass: once Intercom could not build a page, the other windows' pages are
  // as big. It is not saved with the state: a resumed run starts at the full size again, since Intercom may have
  // recovered, and the saved positions are cursors, valid at any size.
  const pageSize = new SearchPageSize(context.options.perPage);
  try {
    await runWindowedPass(
      context,
      pass,
      context.options.windowDays,
      (task, commit) => readSearchWindow(context, pass, task, commit, expected, pageSize),
      (range) => probeRange(context, pass, range),
    );
  } finally {
    // Said also when the pass failed later, so a failure at the smallest size explains itself.
    const note = pageSize.describe();
    if (note) context.warn(pass.streams[0]!, note);
  }
}

function search(
  context: PassContext,
  pass: Pass,
  window: TimeWindow,
  perPage: number,
  position?: string,
  options: Pick<ApiRequest, "giveUpSoonerOn"> = {},
) {
  const field = pass.root.cursorField!;
  return context.client.request({
    ...options,
    method: "POST",
    path: pass.root.read.path,
    stream: pass.root.name,
    signal: context.signal,
    body: {
      query: searchFilter(field, window),
      pagination: { per_page: perPage, ...(position ? { starting_after: position } : {}) },
      sort: { field, order: "ascending" },
    },
  });
}

/** One request: the oldest record in the range and how many match, to cut the range into windows of a useful size. */
async function probeRange(context: PassContext, pass: Pass, range: TimeWindow): Promise<RangeProbe> {
  const body = await search(context, pass, range, 1);
  const [oldest] = selectRecords(body, (pass.root.read as SearchRead).recordPath, pass.root.name);
  return { earliest: oldest ? cursorValue(oldest, pass.root.cursorField) : undefined, total: totalCount(body) };
}

async function readSearchWindow(
  context: PassContext,
  pass: Pass,
  { window, position }: WindowTask,
  commit: (next: string | undefined, pages: readonly Page[]) => Promise<void>,
  expected: (window: TimeWindow, total: number | undefined) => number,
  pageSize: SearchPageSize,
): Promise<void> {
  const { root } = pass;
  // A child without state makes the pass start earlier than the root's own cursor: the root's records below it
  // were written already, so they feed the children but are not written again.
  const rootSince = pass.emitRoot ? streamStart(context, root.name) : undefined;
  let previous = -Infinity;
  // Intercom documents `sort` only for contacts; stop early at the window's end only while pages come in order.
  let sorted = true;
  const list = listPages({
    stream: root.name,
    paging: "cursor",
    ask: (next) => searchPage(context, pass, window, pageSize, cursorOf(next)),
    records: (body) => selectRecords(body, (root.read as SearchRead).recordPath, root.name),
    from: position ? { startingAfter: position } : undefined,
  });
  for await (const { body, records: page, next } of list) {
    const kept: JsonRecord[] = [];
    let pastWindow = false;
    for (const record of page) {
      const value = cursorValue(record, root.cursorField);
      if (value !== undefined) {
        if (value < previous) sorted = false;
        previous = value;
        if (value >= window.end) pastWindow = true;
      }
      // A record without the cursor field cannot be placed in a window; write it rather than lose it.
      if (value === undefined || inWindow(value, window)) kept.push(record);
    }
    const own = rootSince === undefined ? kept : kept.filter((record) => (cursorValue(record, root.cursorField) ?? rootSince) >= rootSince);
    const pages: Page[] = pass.emitRoot ? [{ stream: root.name, records: own, expected: expected(window, totalCount(body)) }] : [];
    pages.push(...(await childPages(context, pass, kept)));

    const last = !next || (sorted && pastWindow);
    await commit(last ? undefined : cursorOf(next), pages);
    if (last) return;
  }
}

/** One page from `position`, asked for again at a smaller size while Intercom answers 502/504 to its size. */
async function searchPage(context: PassContext, pass: Pass, window: TimeWindow, pageSize: SearchPageSize, position?: string) {
  for (;;) {
    const perPage = pageSize.current;
    try {
      return await search(context, pass, window, perPage, position, pageSize.requestOptions(perPage));
    } catch (error) {
      if (!pageSize.shrinkAfter(error, perPage)) throw error;
    }
  }
}

function totalCount(body: unknown): number | undefined {
  const total = (body as { total_count?: unknown } | null)?.total_count;
  return typeof total === "number" ? total : undefined;
}
