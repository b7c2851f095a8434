/**
 * contacts, conversations and tickets: POST search on updated_at, window by window, sorted ascending.
 * Each page is written (with its children) before progress is saved, so a killed run resumes at the next page.
 */
import { emitChildren } from "../children.ts";
import { checkpoint, completePass, passStart, resumableWindow, type Pass, type PassContext } from "../pass.ts";
import { cursorValue, selectRecords } from "../records.ts";
import { readNextPage } from "../next-page.ts";
import { inWindow, searchFilter, splitWindows, type TimeWindow } from "../time-windows.ts";
import type { JsonRecord } from "../../streams/types.ts";

export async function runSearchPass(context: PassContext, pass: Pass): Promise<void> {
  for (const { window, position } of plannedWindows(context, pass, context.options.windowDays)) {
    await readSearchWindow(context, pass, window, position);
  }
  await completePass(context, pass, context.bound);
}

/** The half-read window of a killed run first (from its saved position), then fresh windows up to the bound. */
export function plannedWindows(
  context: PassContext,
  pass: Pass,
  days: number,
): { window: TimeWindow; position?: string }[] {
  const resume = resumableWindow(context, pass);
  if (resume) {
    const rest = splitWindows(resume.end, context.bound, days);
    return [{ window: { start: resume.start, end: resume.end }, position: resume.position }, ...rest.map((window) => ({ window }))];
  }
  const start = passStart(context, pass);
  // Never synced and no --since: one window from the beginning of time; sorting makes it checkpointable anyway.
  if (start === undefined) return [{ window: { start: 0, end: context.bound } }];
  return splitWindows(start, context.bound, days).map((window) => ({ window }));
}

async function readSearchWindow(context: PassContext, pass: Pass, window: TimeWindow, position?: string): Promise<void> {
  const { root } = pass;
  const field = root.cursorField!;
  let cursor = window.start;
  let previous = -Infinity;
  // Intercom documents `sort` only for contacts; if pages ever come out of order, stop trusting the cursor
  // inside this window and advance it only when the window is done.
  let sorted = true;
  for (;;) {
    const body = await context.client.request({
      method: "POST",
      path: root.path,
      stream: root.name,
      signal: context.signal,
      body: {
        query: searchFilter(field, window),
        pagination: { per_page: context.options.perPage, ...(position ? { starting_after: position } : {}) },
        sort: { field, order: "ascending" },
      },
    });
    const page = selectRecords(body, root.recordPath, root.name);
    const kept: JsonRecord[] = [];
    let pastWindow = false;
    for (const record of page) {
      const value = cursorValue(record, field);
      if (value !== undefined) {
        if (value < previous) sorted = false;
        previous = value;
        if (value >= window.end) pastWindow = true;
      }
      // A record without the cursor field cannot be placed in a window; write it rather than lose it.
      if (value === undefined || inWindow(value, window)) kept.push(record);
    }
    if (pass.emitRoot) await context.emit(root.name, kept, totalCount(body));
    await emitChildren(context, pass, kept);

    const next = readNextPage(body);
    position = next && "startingAfter" in next ? next.startingAfter : undefined;
    if (!position || (sorted && pastWindow)) break;
    const last = cursorValue(kept.at(-1) ?? {}, field);
    if (sorted && last !== undefined) cursor = Math.max(cursor, last);
    await checkpoint(context, pass, { cursor, window: { ...window, position } });
  }
  await checkpoint(context, pass, { cursor: window.end, window: undefined });
}

function totalCount(body: unknown): number | undefined {
  const total = (body as { total_count?: unknown } | null)?.total_count;
  return typeof total === "number" ? total : undefined;
}
