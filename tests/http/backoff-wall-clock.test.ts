/**
 * The summary's "backing off before retries" is wall-clock time: ten requests that back off for the same 5 s side
 * by side waited 5 s, not 50 s. Waits one after another still add up.
 */
import { expect, test } from "bun:test";
import { createApiClient } from "../../src/http/client.ts";
import type { Clock } from "../../src/http/clock.ts";
import type { RateBudget } from "../../src/http/rate-budget.ts";
import { errorBody, json, TOKEN, withServer } from "./helpers.ts";

/** A clock that stands still until the test moves it; `wake` ends every sleep begun so far and moves time to the last end. */
function heldClock() {
  let now = 1_700_000_000_000;
  const sleepers: { until: number; resolve: () => void }[] = [];
  const clock: Clock = {
    now: () => now,
    sleep: (ms) => new Promise<void>((resolve) => sleepers.push({ until: now + ms, resolve })),
  };
  const wake = () => {
    for (const sleeper of sleepers.splice(0)) {
      now = Math.max(now, sleeper.until);
      sleeper.resolve();
    }
  };
  return { clock, wake, sleeping: () => sleepers.length };
}

/** No pacing at all: every request goes at once (the budget's own waits are counted apart, and tested apart). */
const NO_BUDGET = { acquire: async () => 0, release: () => {} } as unknown as RateBudget;

/** A server answering each path's first request 503 with Retry-After 5, and 200 after. */
function failingOnce() {
  const seen = new Set<string>();
  return (request: Request) => {
    const path = new URL(request.url).pathname;
    if (seen.has(path)) return json({ ok: true });
    seen.add(path);
    return json(errorBody("service_unavailable", "later"), 503, { "Retry-After": "5" });
  };
}

async function until(condition: () => boolean) {
  for (let tries = 0; !condition(); tries++) {
    if (tries > 2_000) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

test("ten requests backing off 5 s side by side count 5 s", async () => {
  await withServer(failingOnce(), async (url) => {
    const held = heldClock();
    const api = createApiClient({
      baseUrl: url,
      token: TOKEN,
      userAgent: "intercom-sync/test",
      clock: held.clock,
      random: () => 0,
      budget: NO_BUDGET,
    });
    const requests = Array.from({ length: 10 }, (_, index) => api.request({ method: "GET", path: `/tags/${index}` }));
    await until(() => held.sleeping() === 10);
    held.wake();
    await Promise.all(requests);
    expect(api.stats.retries).toBe(10);
    expect(api.stats.backoffMs).toBe(5_000);
  });
});

test("two back-offs one after the other count both", async () => {
  await withServer(failingOnce(), async (url) => {
    const held = heldClock();
    const api = createApiClient({
      baseUrl: url,
      token: TOKEN,
      userAgent: "intercom-sync/test",
      clock: held.clock,
      random: () => 0,
      budget: NO_BUDGET,
    });
    for (const path of ["/tags/a", "/tags/b"]) {
      const request = api.request({ method: "GET", path });
      await until(() => held.sleeping() === 1);
      held.wake();
      await request;
    }
    expect(api.stats.backoffMs).toBe(10_000);
  });
});
