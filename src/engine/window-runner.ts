/**
 * Reads a pass's time windows side by side and checkpoints, after every page, a picture a killed run can resume
 * from: the cursor is the start of the earliest unfinished window, and every started window after it is saved
 * with its page position (or as done). Nothing unwritten is ever behind the cursor.
 */
import { checkpoint, type Pass, type PassContext } from "./pass.ts";
import { pageSlots } from "./page-slots.ts";
import type { Page } from "../sinks/types.ts";
import type { WindowProgress } from "./state-store.ts";
import type { TimeWindow } from "./time-windows.ts";

export interface WindowTask {
  window: TimeWindow;
  position?: string;
  done?: boolean;
}

/**
 * Reads one window from `position`. Each page goes to `commit` with the next page's position, or with undefined
 * for the window's last page: the page and the progress it completes are written together.
 */
export type WindowReader = (
  task: WindowTask,
  commit: (next: string | undefined, pages?: readonly Page[]) => Promise<void>,
) => Promise<void>;

interface Entry extends WindowTask {
  started: boolean;
}

export async function runWindows(
  context: PassContext,
  pass: Pass,
  tasks: readonly WindowTask[],
  read: WindowReader,
): Promise<void> {
  const entries: Entry[] = tasks.map((task) => ({ ...task, started: Boolean(task.done || task.position) }));
  // The entry changes when its page is durable, not before: until then every other window's checkpoint still
  // describes this one as it was.
  const save = (entry: Entry, change: Partial<Entry>, pages?: readonly Page[]) => {
    let before: Partial<Entry> = {};
    return checkpoint(
      context,
      pass,
      {
        apply() {
          before = { position: entry.position, done: entry.done };
          Object.assign(entry, change);
          return progress(entries);
        },
        undo: () => void Object.assign(entry, before),
      },
      pages,
    );
  };
  let next = 0;
  let failure: unknown;
  const parallel = Math.max(1, Math.min(context.options.windowConcurrency, entries.length));
  // A window holds a slot from asking for a page until it is written, then queues again for its next page.
  const slots = pageSlots(parallel, () => context.client.stats.fastestAnswerMs);
  const worker = async () => {
    while (failure === undefined && next < entries.length) {
      const entry = entries[next++]!;
      if (entry.done) continue;
      let held = false;
      try {
        await slots.acquire(context.signal);
        held = true;
        // Another window failed while this one waited for its slot: as before the slots, no new window starts then.
        if (failure !== undefined) break;
        entry.started = true;
        await read(entry, async (position, pages) => {
          await save(entry, position === undefined ? { position: undefined, done: true } : { position }, pages);
          if (position === undefined) return; // the window's last page: its slot is given back below
          held = false;
          slots.release();
          await slots.acquire(context.signal);
          held = true;
        });
        if (!entry.done) await save(entry, { position: undefined, done: true });
      } catch (error) {
        failure ??= error;
      } finally {
        if (held) slots.release();
      }
    }
  };
  // Let every window in flight finish its page before failing the pass, so no write races a later checkpoint.
  await Promise.all(Array.from({ length: parallel }, worker));
  if (failure !== undefined) throw failure;
}

function progress(entries: readonly Entry[]): { cursor?: number; windows?: WindowProgress[] } {
  const firstOpen = entries.findIndex((entry) => !entry.done);
  if (firstOpen < 0) return { cursor: entries.at(-1)?.window.end, windows: undefined };
  let lastStarted = firstOpen;
  for (let i = firstOpen; i < entries.length; i++) if (entries[i]!.started) lastStarted = i;
  const windows = entries.slice(firstOpen, lastStarted + 1).map((entry) => ({
    start: entry.window.start,
    end: entry.window.end,
    ...(entry.position ? { position: entry.position } : {}),
    ...(entry.done ? { done: true } : {}),
  }));
  return { cursor: entries[firstOpen]!.window.start, windows };
}
