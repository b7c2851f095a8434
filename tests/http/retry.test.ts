import { describe, expect, test } from "bun:test";
import { backoffMs, DEFAULT_RETRY_POLICY, isRetryableStatus, parseRetryAfter } from "../../src/http/retry.ts";

describe("retry policy", () => {
  test("5xx, 408 and 429 are retryable; other 4xx are not", () => {
    for (const status of [500, 502, 503, 504, 408, 429]) expect(isRetryableStatus(DEFAULT_RETRY_POLICY, status)).toBe(true);
    for (const status of [400, 401, 403, 404, 422]) expect(isRetryableStatus(DEFAULT_RETRY_POLICY, status)).toBe(false);
  });

  test("backoff doubles per attempt, stays within jitter bounds and is capped", () => {
    const policy = { ...DEFAULT_RETRY_POLICY, backoffBaseMs: 1_000, backoffMaxMs: 5_000, jitter: 0.5 };
    expect(backoffMs(policy, 1, () => 0)).toBe(1_000);
    expect(backoffMs(policy, 1, () => 1)).toBe(500);
    expect(backoffMs(policy, 3, () => 0)).toBe(4_000);
    expect(backoffMs(policy, 10, () => 0)).toBe(5_000);
  });

  test("Retry-After is read as seconds or as an HTTP date", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfter("7", now)).toBe(7_000);
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("Wed, 31 Dec 2025 23:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
