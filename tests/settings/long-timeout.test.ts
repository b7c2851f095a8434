/** setLongTimeout waits out a delay longer than one timer can hold as a chain of timers, and can be cancelled. */
import { describe, expect, test } from "bun:test";
import { MAX_TIMER_MS, setLongTimeout, type Timers } from "../../src/settings/long-timeout.ts";

/** Timers in virtual time: `advance` runs each due timer in order. */
function virtualTimers() {
  let now = 0;
  let next = 0;
  const pending = new Map<number, { at: number; callback: () => void }>();
  const delays: number[] = [];
  const timers: Timers = {
    setTimeout(callback, ms) {
      delays.push(ms);
      pending.set(++next, { at: now + ms, callback });
      return next;
    },
    clearTimeout: (handle) => void pending.delete(handle as number),
  };
  const advance = (ms: number) => {
    const until = now + ms;
    for (;;) {
      const due = [...pending.entries()].filter(([, timer]) => timer.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      pending.delete(due[0]);
      now = due[1].at;
      due[1].callback();
    }
    now = until;
  };
  return { timers, advance, delays, pending, now: () => now };
}

describe("setLongTimeout", () => {
  test("600 hours: no single timer is longer than setTimeout allows, and it fires at 600 hours, not before", () => {
    const clock = virtualTimers();
    const ms = 600 * 3_600_000;
    let firedAt: number | undefined;
    setLongTimeout(() => (firedAt = clock.now()), ms, clock.timers);
    clock.advance(ms - 1);
    expect(firedAt).toBeUndefined();
    clock.advance(1);
    expect(firedAt).toBe(ms);
    expect(Math.max(...clock.delays)).toBeLessThanOrEqual(MAX_TIMER_MS);
    expect(clock.delays.length).toBe(2);
  });

  test("a short delay is one timer", () => {
    const clock = virtualTimers();
    let fired = 0;
    setLongTimeout(() => fired++, 1_500, clock.timers);
    clock.advance(1_500);
    expect({ fired, delays: clock.delays }).toEqual({ fired: 1, delays: [1_500] });
  });

  test("cancelled in the middle of the chain, it never fires", () => {
    const clock = virtualTimers();
    let fired = 0;
    const cancel = setLongTimeout(() => fired++, 3 * MAX_TIMER_MS, clock.timers);
    clock.advance(MAX_TIMER_MS + 10);
    cancel();
    clock.advance(5 * MAX_TIMER_MS);
    expect(fired).toBe(0);
    expect(clock.pending.size).toBe(0);
  });
});
