/**
 * Time spent in waits that may overlap, counted once: the wall-clock time during which at least one wait ran.
 * Ten requests backing off 5 s side by side waited 5 s, not 50 s. Waits are added as they begin, so in the order
 * of their start, which is what lets one number (the end counted so far) stand for the union.
 * @example
 * const total = new WallClockTotal();
 * total.add(0, 5_000); // 5000
 * total.add(0, 5_000); // 0: the same five seconds
 * total.add(4_000, 5_000); // 4000: only what reaches past 5 s
 */
export class WallClockTotal {
  #countedUntil = Number.NEGATIVE_INFINITY;

  /** Adds the wait [startMs, startMs + ms) and returns the part of it not counted before. */
  add(startMs: number, ms: number): number {
    const end = startMs + Math.max(0, ms);
    const added = Math.max(0, end - Math.max(startMs, this.#countedUntil));
    this.#countedUntil = Math.max(this.#countedUntil, end);
    return added;
  }
}
