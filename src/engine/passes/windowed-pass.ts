/** A windowed pass: which windows it reads this run (the open ones a killed run left, then fresh ones), and running them. */
import { completePass, passStart, resumableWindows, type Pass, type PassContext } from "../pass.ts";
import { splitWindows } from "../time-windows.ts";
import { runWindows, type WindowReader, type WindowTask } from "../window-runner.ts";

/**
 * @param earliest Where the data begins when the pass has no start (never synced, no --since); lets the range
 * be cut into windows read side by side. Undefined: one window from the beginning of time.
 */
export async function plannedWindows(
  context: PassContext,
  pass: Pass,
  days: number,
  earliest?: () => Promise<number | undefined>,
): Promise<WindowTask[]> {
  const resume = resumableWindows(context, pass);
  if (resume) {
    const saved = resume.map(({ start, end, position, done }) => ({ window: { start, end }, position, done }));
    const from = resume.at(-1)!.end;
    return [...saved, ...splitWindows(from, context.bound, days).map((window) => ({ window }))];
  }
  const start = passStart(context, pass);
  if (start !== undefined) return splitWindows(start, context.bound, days).map((window) => ({ window }));
  const first = await earliest?.();
  if (first === undefined || first <= 0 || first >= context.bound) return [{ window: { start: 0, end: context.bound } }];
  // Everything before `first` still gets a window of its own: if the API's order were wrong, nothing is lost.
  return [{ window: { start: 0, end: first } }, ...splitWindows(first, context.bound, days).map((window) => ({ window }))];
}

/** A windowed pass from start to finish: plan the windows, read them side by side, then move the cursor to the bound. */
export async function runWindowedPass(
  context: PassContext,
  pass: Pass,
  days: number,
  read: WindowReader,
  earliest?: () => Promise<number | undefined>,
): Promise<void> {
  await runWindows(context, pass, await plannedWindows(context, pass, days, earliest), read);
  await completePass(context, pass, context.bound);
}
