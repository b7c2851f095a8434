/** The run summary reports each kind of waiting apart: each has its own cause and its own fix. */
import { describe, expect, test } from "bun:test";
import { createLogger } from "../../src/cli/report/logger.ts";
import { printSummary } from "../../src/cli/report/summary.ts";
import type { SyncResult } from "../../src/engine/run-sync.ts";
import type { HttpStats } from "../../src/http/types.ts";

function result(http: Partial<HttpStats>): SyncResult {
  return {
    outcome: "ok",
    streams: [{ name: "companies", outcome: "ok", records: 3, pages: 1, skipped: 0, warnings: [], durationMs: 1_000 }],
    mismatches: [],
    http: { requests: 9, retries: 2, rateLimited: 1, rateLimitWaitMs: 0, backoffMs: 0, scrollWaitMs: 0, byStream: {}, ...http },
    startedAt: 0,
    endedAt: 20_000,
  };
}

function print(format: "text" | "json", http: Partial<HttpStats>): string {
  let out = "";
  printSummary(result(http), createLogger({ format, quiet: false, verbose: false, write: (text) => (out += text) }));
  return out;
}

describe("summary waits", () => {
  test("text: rate limit, retry backoff and company scroll each on their own", () => {
    const text = print("text", { rateLimitWaitMs: 4_200, backoffMs: 3_000, scrollWaitMs: 10_000 });
    expect(text).toContain(
      "ok in 20.0s: 9 requests, 2 retries, 1 answered 429; waited 4.2s for the rate limit, 3.0s backing off before retries, 10.0s for the company scroll",
    );
  });

  test("text: only the kinds that happened are named; none at all says nothing about waiting", () => {
    expect(print("text", { scrollWaitMs: 5_000 })).toContain("1 answered 429; waited 5.0s for the company scroll\n");
    expect(print("text", {})).toContain("1 answered 429\n");
    expect(print("text", { backoffMs: 1_000 })).not.toContain("rate limit");
  });

  test("json: three fields", () => {
    const line = JSON.parse(print("json", { rateLimitWaitMs: 4_200.4, backoffMs: 3_000, scrollWaitMs: 10_000 })) as { http: unknown };
    expect(line.http).toEqual({ requests: 9, retries: 2, rateLimited: 1, rateLimitWaitMs: 4_200, backoffMs: 3_000, scrollWaitMs: 10_000 });
  });
});
