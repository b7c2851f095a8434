/**
 * contacts, conversations and tickets: POST search on updated_at, in time windows read side by side, each
 * sorted ascending. Each page is written (with its children) before progress is saved, so a killed run resumes
 * at the next page of every open window.
 */
import { childPages } from "../children.ts";
import type { Pass, PassContext } from "../pass.ts";
import { cursorValue, selectRecords } from "../records.ts";
import { readNextPage } from "../next-page.ts";
import { inWindow, searchFilter, type TimeWindow } from "../time-windows.ts";
import type { WindowTask } from "../window-runner.ts";
import type { Page } from "../../sinks/types.ts";
import type { JsonRecord } from "../../streams/types.ts";
import { runWindowedPass, type RangeProbe } from "./windowed-pass.ts";

export function runSearchPass(context: PassContext, pass: Pass): Promise<void> {
  // Each window's first page says how many records match it; their sum is the progress display's estimate
  // (a little high: the day of overlap on each side of a window is counted too).
  const totals = new Map<number, number>();
  const expected = (window: TimeWindow, total: number | undefined) => {
    if (total !== undefined && !totals.has(window.start)) totals.set(window.start, total);
    let sum = 0;
    for (const value of totals.values()) sum += value;
    return sum;
  };
  return runWindowedPass(
    context,
    pass,
    context.options.windowDays,
    (task, commit) => readSearchWindow(context, pass, task, commit, expected),
    (range) => probeRange(context, pass, range),
  );
}

function search(context: PassContext, pass: Pass, window: TimeWindow, perPage: number, position?: string) {
  const field = pass.root.cursorField!;
  return context.client.request({
    method: "POST",
    path: pass.root.path,
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
  const [oldest] = selectRecords(body, pass.root.recordPath, pass.root.name);
  return { earliest: oldest ? cursorValue(oldest, pass.root.cursorField) : undefined, total: totalCount(body) };
}

async function readSearchWindow(
  context: PassContext,
  pass: Pass,
  { window, position }: WindowTask,
  commit: (next: string | undefined, pages: readonly Page[]) => Promise<void>,
  expected: (window: TimeWindow, total: number | undefined) => number,
): Promise<void> {
  const { root } = pass;
  let previous = -Infinity;
  // Intercom documents `sort` only for contacts; stop early at the window's end only while pages come in order.
  let sorted = true;
  for (;;) {
    const body = await search(context, pass, window, context.options.perPage, position);
    const page = selectRecords(body, root.recordPath, root.name);
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
    const pages: Page[] = pass.emitRoot ? [{ stream: root.name, records: kept, expected: expected(window, totalCount(body)) }] : [];
    pages.push(...(await childPages(context, pass, kept)));

    const next = readNextPage(body);
    position = next && "startingAfter" in next ? next.startingAfter : undefined;
    const last = !position || (sorted && pastWindow);
    await commit(last ? undefined : position, pages);
    if (last) return;
  }
}

function totalCount(body: unknown): number | undefined {
  const total = (body as { total_count?: unknown } | null)?.total_count;
  return typeof total === "number" ? total : undefined;
}
