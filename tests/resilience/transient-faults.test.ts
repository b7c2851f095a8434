/**
 * Transient failures under load: 5xx answers, a tight rate limit that another app also spends, truncated JSON
 * and HTML error pages. The HTTP layer retries them all and the export is still exact.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { syncWith } from "../helpers/harness.ts";
import { ALL_STREAMS, expectExactRecords, fastRetryClient, SMALL_SIZES, startBrokenFake, TOKEN, type WrappedFake } from "./helpers.ts";

/**
 * A scroll continuation that meets an injected 5xx makes the engine restart the scroll, and the scroll it
 * abandoned holds the workspace's one scroll slot for the fake's idle minute (see the report on scroll
 * continuations). Runs here must stay short, so a continuation hit by an injected fault is asked again; the
 * fault fires before the route, so the scroll itself is untouched.
 */
function scrollShield(fake: () => WrappedFake) {
  const shield = {
    /** Injected faults the client never saw. */
    hidden: 0,
    async answer(request: Request, url: URL): Promise<Response | undefined> {
      if (!(url.pathname === "/companies/scroll" && url.searchParams.has("scroll_param"))) return undefined;
      for (let asked = 0; ; asked++) {
        const before = fake().stats.injectedFaults;
        const response = await fake().handler(request.clone());
        if (fake().stats.injectedFaults === before || asked === 20) return response;
        shield.hidden++;
      }
    },
  };
  return shield;
}

describe("10 % of answers 5xx and a tight rate limit that another app also spends", () => {
  let fake: WrappedFake;
  let sent = 0;
  let otherApp429s = 0;
  const shield = scrollShield(() => fake);

  beforeAll(async () => {
    fake = await startBrokenFake(
      { sizes: SMALL_SIZES, rateLimit: { limit: 40, windowMs: 1_000 }, faults: { serverErrorRate: 0.1 } },
      async (request, url) => {
        sent++;
        // Midway, another app with the same token spends what is left of the window.
        if (sent === 30 || sent === 90) {
          for (;;) {
            const other = await fake.handler(new Request(`${fake.url}/me`, { headers: { Authorization: `Bearer ${TOKEN}` } }));
            if (other.status === 429) {
              otherApp429s++;
              break;
            }
          }
        }
        return shield.answer(request, url);
      },
    );
  });
  afterAll(() => fake.close());

  test("a full sync of all 13 streams ends ok with exactly the workspace's records, and every 429 is counted", async () => {
    const { result, sink } = await syncWith(fake, undefined, { client: fastRetryClient(fake) });
    expect(result.fatal).toBeUndefined();
    expect(result.streams.filter((stream) => stream.outcome !== "ok").map((stream) => stream.error?.message)).toEqual([]);
    expect(result.outcome).toBe("ok");
    expectExactRecords(fake, sink, ALL_STREAMS);

    expect(fake.stats.injectedFaults).toBeGreaterThan(0);
    expect(result.http.retries).toBeGreaterThanOrEqual(fake.stats.injectedFaults - shield.hidden);
    // Every 429 the fake sent to the sync is in the run's counters, and the other app's burst caused some.
    expect(result.http.rateLimited).toBe(fake.stats.rateLimited - otherApp429s);
    expect(result.http.rateLimited).toBeGreaterThan(0);
    const perStream = Object.values(result.http.byStream).reduce((sum, stream) => sum + stream.rateLimited, 0);
    expect(perStream).toBe(result.http.rateLimited);
  });
});

describe("15 % truncated JSON bodies and 15 % HTML error pages", () => {
  let fake: WrappedFake;
  const shield = scrollShield(() => fake);
  beforeAll(async () => {
    fake = await startBrokenFake({ sizes: SMALL_SIZES, faults: { truncatedRate: 0.15, htmlRate: 0.15 } }, (request, url) =>
      shield.answer(request, url),
    );
  });
  afterAll(() => fake.close());

  test("are retried, and the export is exact", async () => {
    const { result, sink } = await syncWith(fake, undefined, { client: fastRetryClient(fake) });
    expect(result.streams.filter((stream) => stream.outcome !== "ok").map((stream) => stream.error?.message)).toEqual([]);
    expect(result.outcome).toBe("ok");
    expectExactRecords(fake, sink, ALL_STREAMS);
    expect(fake.stats.injectedFaults - shield.hidden).toBeGreaterThan(0);
    expect(result.http.retries).toBeGreaterThanOrEqual(fake.stats.injectedFaults - shield.hidden);
  });
});
