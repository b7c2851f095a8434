/**
 * Intercom's rate limit: a budget per fixed window, windows aligned to wall-clock multiples of the
 * window length; X-RateLimit-Reset is the unix second the current window ends.
 */
export interface RateDecision {
  allowed: boolean;
  headers: Record<string, string>;
}

export class RateLimiter {
  #windowStart = -1;
  #used = 0;

  constructor(private readonly limit: number, private readonly windowMs: number, private readonly clock: () => number) {}

  take(): RateDecision {
    const now = this.clock();
    const windowStart = Math.floor(now / this.windowMs) * this.windowMs;
    if (windowStart !== this.#windowStart) {
      this.#windowStart = windowStart;
      this.#used = 0;
    }
    const allowed = this.#used < this.limit;
    if (allowed) this.#used++;
    return {
      allowed,
      headers: {
        "X-RateLimit-Limit": String(this.limit),
        "X-RateLimit-Remaining": String(this.limit - this.#used),
        "X-RateLimit-Reset": String(Math.ceil((windowStart + this.windowMs) / 1000)),
      },
    };
  }

  /** Intercom names the window in its message, e.g. "10_seconds". */
  message(): string {
    const seconds = this.windowMs / 1000;
    return `Exceeded rate limit of ${this.limit} in ${Number.isInteger(seconds) ? seconds : seconds.toFixed(3)}_seconds`;
  }
}
