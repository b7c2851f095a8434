import { Limiter } from "./limiter.ts";

/**
 * How many of a pass's time windows may be between "ask for a page" and "page written" at once. Windows are read
 * side by side to hide Intercom's latency; when the server answers at once, extra windows only pile parsed pages up
 * in front of the writer (more memory, more GC, more CPU per page). Little's law gives the number: enough windows
 * that the others' round trips are covered while one page is worked on, plus some slack — from the quickest answer
 * seen (`fastestAnswerMs`, measured by the HTTP client from sending to the headers: the server's distance without
 * any queue, which an average would include and so ask for ever more windows).
 * Measured (1M contacts at zero latency and the rate limit, alternating): 8 windows 97.9–101.2 % of the limit and
 * 163–176 MiB; 4 windows 102.5–106.7 % and 140–153 MiB. At 150 ms an answer, 8 windows are needed.
 */
export function pageSlots(max: number, fastestAnswerMs: () => number | undefined): Limiter {
  // All of them until an answer has been timed.
  return new Limiter(() => windowsFor(fastestAnswerMs(), max));
}

/** The main thread's work on one page of 150 contacts (parse, rows, upsert), ms: measured about 4–6 on this project's machine. */
const PAGE_WORK_MS = 5;
/** Never fewer (unless `max` is): a window asks for its next page only once its last is written. */
const MIN_WINDOWS = 4;

/** One window per page of work a round trip lasts, plus three (one being written, one parsed, one on its way). */
export function windowsFor(fastestAnswerMs: number | undefined, max: number): number {
  if (fastestAnswerMs === undefined) return max;
  const wanted = Math.max(MIN_WINDOWS, Math.ceil(fastestAnswerMs / PAGE_WORK_MS) + 3);
  return Math.max(1, Math.min(max, wanted));
}
