/**
 * The retry policy: which failures are retried, how often, and how long to back off. Applied in one place,
 * the client's request loop.
 * @example
 * const policy = { ...DEFAULT_RETRY_POLICY, maxAttempts: 3 };
 * backoffMs(policy, 2, Math.random); // between 1 000 and 2 000 ms
 */
export interface RetryPolicy {
  /** Attempts per request for 5xx, 408, network errors, timeouts and unparseable bodies (1 = no retry). */
  maxAttempts: number;
  /** 429s allowed per request; counted apart because the budget waits out each one instead of backing off. */
  maxRateLimitRetries: number;
  /** Statuses retried besides every 5xx. */
  retryStatuses: readonly number[];
  /** First backoff; doubled per attempt. */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Fraction of the backoff that is randomised, 0..1 (0.5 → between 50 % and 100 % of the nominal delay). */
  jitter: number;
  /** Longest Retry-After honoured; longer asks are cut to this so one header cannot stall a run for hours. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  maxRateLimitRetries: 20,
  retryStatuses: [408, 429],
  backoffBaseMs: 1_000,
  backoffMaxMs: 30_000,
  jitter: 0.5,
  maxRetryAfterMs: 120_000,
};

export function isRetryableStatus(policy: RetryPolicy, status: number): boolean {
  return status >= 500 || policy.retryStatuses.includes(status);
}

/** Delay before attempt `attempt + 1`, after `attempt` failures (1-based). */
export function backoffMs(policy: RetryPolicy, attempt: number, random: () => number): number {
  const nominal = Math.min(policy.backoffMaxMs, policy.backoffBaseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(nominal * (1 - policy.jitter * random()));
}

/** Retry-After as milliseconds from `nowMs`: delta-seconds or an HTTP date; undefined when absent or junk. */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1_000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}
