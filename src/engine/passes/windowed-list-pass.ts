/**
 * Windowed lists (activity_logs): windows on the cursor field passed as two query parameters, pages chained by `pages.next`, windows read
 * side by side. The order inside a window is not documented, so a window counts only when all its pages are
 * written; the saved page link lets a killed run continue mid-window.
 */
import type { Page } from "../../sinks/types.ts";
import type { WindowedListRead } from "../../streams/types.ts";
import type { Pass, PassContext } from "../pass.ts";
import { getPages, type NextPage } from "../pager.ts";
import { cursorValue, selectRecords } from "../records.ts";
import { inWindow } from "../time-windows.ts";
import type { WindowTask } from "../window-runner.ts";
import { runWindowedPass } from "./windowed-pass.ts";

export function runWindowedListPass(context: PassContext, pass: Pass): Promise<void> {
  return runWindowedPass(context, pass, context.options.activityLogsWindowDays, (task, commit) => readWindow(context, pass, task, commit));
}

async function readWindow(
  context: PassContext,
  pass: Pass,
  { window, position }: WindowTask,
  commit: (next: string | undefined, pages: readonly Page[]) => Promise<void>,
): Promise<void> {
  const { root } = pass;
  const read = root.read as WindowedListRead;
  // Whether Intercom's bounds are inclusive is not documented: ask for one second more on each side and
  // keep exactly [start, end) here.
  const firstQuery = { ...read.query, [read.startParam]: Math.max(0, window.start - 1), [read.endParam]: window.end };
  const list = getPages({
    client: context.client,
    stream: root.name,
    signal: context.signal,
    path: read.path,
    query: firstQuery,
    paging: "next",
    records: (body) => selectRecords(body, read.recordPath, root.name),
    from: position ? (JSON.parse(position) as NextPage) : undefined,
  });
  for await (const { records, next } of list) {
    const kept = records.filter((record) => {
      const value = cursorValue(record, root.cursorField);
      return value === undefined || inWindow(value, window);
    });
    const pages: Page[] = pass.emitRoot ? [{ stream: root.name, records: kept }] : [];
    await commit(next ? JSON.stringify(next) : undefined, pages);
  }
}
