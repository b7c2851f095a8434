/** A windowed pass: which windows it reads this run (the open ones a killed run left, then fresh ones), and running them. */
import { completePass, type Pass, type PassContext, passStart, resumableWindows } from "../pass.ts";
import { splitWindows, type TimeWindow } from "../time-windows.ts";
import { runWindows, type WindowReader, type WindowTask } from "../window-runner.ts";

/** What one cheap request tells about [from, bound): the oldest cursor value in it, and how many records match. */
export interface RangeProbe {
  earliest?: number;
  total?: number;
}

const DAY = 86_400;
/** Records per window the sizing aims at: about ten pages, so windows read side by side stay busy. */
const RECORDS_PER_WINDOW = 1500;
/**
 * The smallest window sizing picks: Intercom may match search dates by whole day, so every window also
 * re-reads up to a day before its start; below three days that waste outgrows the gain.
 */
const MIN_SIZED_WINDOW_DAYS = 3;

export async function plannedWindows(
  context: PassContext,
  pass: Pass,
  maxDays: number,
  probe?: (range: TimeWindow) => Promise<RangeProbe>,
): Promise<WindowTask[]> {
  const resume = resumableWindows(context, pass);
  const saved: WindowTask[] = (resume ?? []).map(({ start, end, position, done }) => ({ window: { start, end }, position, done }));
  const start = resume ? resume.at(-1)!.end : passStart(context, pass);
  const from = start ?? 0;
  if (from >= context.bound) return saved;
  // An incremental range no longer than the smallest window is one window whatever the probe says: skip it, so a
  // frequent run that finds nothing new costs one request.
  const oneWindow = start !== undefined && context.bound - from <= Math.min(maxDays, MIN_SIZED_WINDOW_DAYS) * DAY;
  const info = probe && !oneWindow ? await probe({ start: from, end: context.bound }) : {};
  let first = from;
  const fresh: WindowTask[] = [];
  if (start === undefined) {
    const earliest = info.earliest;
    if (earliest === undefined || earliest <= 0 || earliest >= context.bound) return [{ window: { start: 0, end: context.bound } }];
    // Everything before the oldest record still gets a window of its own: if the API's order were wrong, nothing is lost.
    fresh.push({ window: { start: 0, end: earliest } });
    first = earliest;
  }
  const days = windowDays(info.total, context.bound - first, maxDays);
  return [...saved, ...fresh, ...splitWindows(first, context.bound, days).map((window) => ({ window }))];
}

/** Windows of about RECORDS_PER_WINDOW records each, assuming an even spread, between 3 days and `maxDays`. */
function windowDays(total: number | undefined, seconds: number, maxDays: number): number {
  if (total === undefined || total <= RECORDS_PER_WINDOW) return maxDays;
  const sized = seconds / Math.ceil(total / RECORDS_PER_WINDOW) / DAY;
  return Math.min(maxDays, Math.max(MIN_SIZED_WINDOW_DAYS, sized));
}

/** A windowed pass from start to finish: plan the windows, read them side by side, then move the cursor to the bound. */
export async function runWindowedPass(
  context: PassContext,
  pass: Pass,
  maxDays: number,
  read: WindowReader,
  probe?: (range: TimeWindow) => Promise<RangeProbe>,
): Promise<void> {
  await runWindows(context, pass, await plannedWindows(context, pass, maxDays, probe), read);
  await completePass(context, pass, context.bound);
}
