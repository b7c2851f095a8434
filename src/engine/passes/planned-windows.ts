/** Which windows a pass reads this run: the open windows a killed run left, then fresh ones up to the bound. */
import { passStart, resumableWindows, type Pass, type PassContext } from "../pass.ts";
import { splitWindows } from "../time-windows.ts";
import type { WindowTask } from "../window-runner.ts";

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
