/**
 * setTimeout for delays of any length. A timer longer than 2^31-1 ms (about 24.8 days) overflows and fires at
 * once, in every runtime; a long delay is waited out as a chain of timers no longer than that.
 * @example
 * const cancel = setLongTimeout(() => controller.abort(), 600 * 3_600_000);
 * cancel();
 */

/** The longest delay one setTimeout keeps. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const GLOBAL_TIMERS: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Calls `callback` once `ms` have passed; returns the function that cancels it. */
export function setLongTimeout(callback: () => void, ms: number, timers: Timers = GLOBAL_TIMERS): () => void {
  let handle: unknown;
  const wait = (remaining: number) => {
    const step = Math.min(remaining, MAX_TIMER_MS);
    handle = timers.setTimeout(() => (remaining > step ? wait(remaining - step) : callback()), step);
  };
  wait(Math.max(0, ms));
  return () => timers.clearTimeout(handle);
}
