/**
 * One request budget shared by every concurrent request of a run. Intercom counts requests per window
 * (10 s in practice) and reports X-RateLimit-Limit / -Remaining / -Reset (unix seconds) on each answer.
 * Requests go at full speed while the window has budget left, counting those still in flight as spent;
 * once it is spent everyone waits for the reset. After a 429 everyone pauses until the reset.
 * @example
 * const budget = new RateBudget();
 * await budget.acquire({ signal });
 * const response = await fetch(url);
 * budget.release({ headers: response.headers, rateLimited: response.status === 429 });
 */
import { type Clock, realClock } from "./clock.ts";
import { formatMs } from "./format.ts";
import type { HttpEvent } from "./types.ts";
import { WallClockTotal } from "./wall-clock-total.ts";

export interface RateBudgetOptions {
  clock?: Clock;
  random?: () => number;
  /** Fixed wait after a reset, for clock skew and Reset's one-second resolution. Default 100. */
  graceMs?: number;
  /** Random extra wait after a reset, 0..jitterMs, so waiters do not all land in the same millisecond. Default 250. */
  jitterMs?: number;
  /** Pause after a 429 that names no future reset and no Retry-After. Default 1 000. */
  minPauseMs?: number;
  /** Upper bound of a single wait, so a wrong Reset header cannot stall a run. Default 60 000. */
  maxWaitMs?: number;
  onEvent?: (event: HttpEvent) => void;
}

export interface ReleaseInfo {
  /** Headers of the answer; absent when the request failed without one (network error, timeout). */
  headers?: Headers;
  /** The answer was a 429: pause everyone. */
  rateLimited?: boolean;
  /** Retry-After of a 429, in ms; the pause lasts at least this long. */
  retryAfterMs?: number;
}

export interface RateBudgetSnapshot {
  limit: number | undefined;
  remaining: number | undefined;
  resetAtMs: number | undefined;
  inFlight: number;
  pausedUntilMs: number;
}

type Wait = { kind: "go" } | { kind: "until"; atMs: number } | { kind: "answer" };

/** The shared budget; create one per token (the client makes its own unless given one). */
export class RateBudget {
  readonly #clock: Clock;
  readonly #random: () => number;
  readonly #graceMs: number;
  readonly #jitterMs: number;
  readonly #minPauseMs: number;
  readonly #maxWaitMs: number;
  readonly #onEvent: ((event: HttpEvent) => void) | undefined;

  #limit: number | undefined;
  /** Lowest Remaining seen for the window that ends at #resetMs (answers can arrive out of order). */
  #remaining = 0;
  #resetMs: number | undefined;
  #inFlight = 0;
  #pausedUntil = 0;
  #answered = false;
  #waiters = new Set<() => void>();
  /** Concurrent waits for the same reset count once. */
  #waited = new WallClockTotal();
  #announced: number | undefined;

  constructor(options: RateBudgetOptions = {}) {
    this.#clock = options.clock ?? realClock;
    this.#random = options.random ?? Math.random;
    this.#graceMs = options.graceMs ?? 100;
    this.#jitterMs = options.jitterMs ?? 250;
    this.#minPauseMs = options.minPauseMs ?? 1_000;
    this.#maxWaitMs = options.maxWaitMs ?? 60_000;
    this.#onEvent = options.onEvent;
  }

  /**
   * Waits until a request may be sent and reserves it. Every acquire must be followed by one release.
   * Resolves with the wall-clock wait this call added to the run's total (overlapping waits count once).
   */
  async acquire(options: { signal?: AbortSignal; stream?: string } = {}): Promise<number> {
    const { signal, stream } = options;
    let counted = 0;
    for (;;) {
      signal?.throwIfAborted();
      const now = this.#clock.now();
      const wait = this.#decide(now);
      if (wait.kind === "go") {
        this.#inFlight++;
        return counted;
      }
      if (wait.kind === "answer") {
        await this.#nextAnswer(signal);
        counted += this.#count(now, this.#clock.now());
        continue;
      }
      const until = Math.ceil(wait.atMs + this.#graceMs + this.#random() * this.#jitterMs);
      this.#announce(wait.atMs, until - now, stream);
      counted += this.#count(now, until);
      await this.#clock.sleep(until - now, signal);
    }
  }

  /** Ends a reservation and learns from the answer's headers. */
  release(info: ReleaseInfo = {}): void {
    this.#inFlight = Math.max(0, this.#inFlight - 1);
    this.#answered = true;
    if (info.headers) this.#observe(info.headers);
    if (info.rateLimited) this.#pause(info.headers, info.retryAfterMs);
    const waiters = [...this.#waiters];
    this.#waiters.clear();
    for (const wake of waiters) wake();
  }

  snapshot(): RateBudgetSnapshot {
    return {
      limit: this.#limit,
      remaining: this.#resetMs === undefined ? undefined : this.#remaining,
      resetAtMs: this.#resetMs,
      inFlight: this.#inFlight,
      pausedUntilMs: this.#pausedUntil,
    };
  }

  #decide(now: number): Wait {
    if (this.#pausedUntil > now) return { kind: "until", atMs: this.#pausedUntil };
    if (this.#limit === undefined) {
      // Nothing known yet: one probe request learns the limit before a burst can overrun it. An answer without
      // rate-limit headers (a test server, a 401) lifts the gate: there is nothing to pace by.
      return this.#answered || this.#inFlight === 0 ? { kind: "go" } : { kind: "answer" };
    }
    const windowOpen = this.#resetMs !== undefined && now < this.#resetMs;
    // In-flight requests count as spent: the server may already have counted them.
    const available = (windowOpen ? this.#remaining : this.#limit) - this.#inFlight;
    if (available > 0) return { kind: "go" };
    if (windowOpen) return { kind: "until", atMs: this.#resetMs ?? now };
    // A new window whose reset we have not seen yet: the next answer tells us.
    return this.#inFlight === 0 ? { kind: "go" } : { kind: "answer" };
  }

  #observe(headers: Headers): void {
    const limit = readNumber(headers, "x-ratelimit-limit");
    const remaining = readNumber(headers, "x-ratelimit-remaining");
    const reset = readNumber(headers, "x-ratelimit-reset");
    if (limit !== undefined) this.#limit = limit;
    if (remaining === undefined || reset === undefined) return;
    // A Reset far in the future (a wrong header, a skewed clock) must not stall the run: cap the window's end.
    const resetMs = Math.min(reset * 1_000, this.#clock.now() + this.#maxWaitMs);
    this.#limit ??= remaining;
    if (this.#resetMs === undefined || resetMs > this.#resetMs) {
      this.#resetMs = resetMs;
      this.#remaining = remaining;
    } else if (resetMs === this.#resetMs) {
      this.#remaining = Math.min(this.#remaining, remaining);
    } // else: an answer from a window that is already over.
  }

  #pause(headers: Headers | undefined, retryAfterMs: number | undefined): void {
    const now = this.#clock.now();
    const reset = headers ? readNumber(headers, "x-ratelimit-reset") : undefined;
    let until = Math.max(reset === undefined ? 0 : reset * 1_000, retryAfterMs === undefined ? 0 : now + retryAfterMs);
    if (until <= now) until = now + this.#minPauseMs;
    this.#pausedUntil = Math.max(this.#pausedUntil, Math.min(until, now + this.#maxWaitMs));
    if (this.#resetMs !== undefined && this.#resetMs > now) this.#remaining = 0;
  }

  #count(from: number, to: number): number {
    return this.#waited.add(from, to - from);
  }

  /** One event per reset waited for, not one per waiting request. */
  #announce(atMs: number, waitMs: number, stream: string | undefined): void {
    if (this.#announced === atMs) return;
    this.#announced = atMs;
    const paused = atMs === this.#pausedUntil;
    this.#onEvent?.({
      kind: "rate-limit-wait",
      stream,
      waitMs: Math.round(waitMs),
      message: `${paused ? "paused after a 429" : "rate-limit window spent"}; waiting ${formatMs(waitMs)} for the window to reset`,
    });
  }

  #nextAnswer(signal: AbortSignal | undefined): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        this.#waiters.delete(wake);
        reject(signal?.reason);
      };
      const wake = () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      };
      this.#waiters.add(wake);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }
}

function readNumber(headers: Headers, name: string): number | undefined {
  const value = headers.get(name);
  if (value === null || value.trim() === "") return undefined;
  const number = Number(value);
  return Number.isFinite(number) && number >= 0 ? number : undefined;
}
