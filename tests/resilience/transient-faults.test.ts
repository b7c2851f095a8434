/**
 * Transient failures under load: 5xx answers, a tight rate limit that another app also spends, truncated JSON
 * and HTML error pages. The HTTP layer retries them all and the export is still exact.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { syncWith } from "../helpers/harness.ts";
import { ALL_STREAMS, expectExactRecords, fastRetryClient, SMALL_SIZES, startBrokenFake, TOKEN, type WrappedFake } from "./helpers.ts";

/**
 * The company scroll is exempt from the injected faults. A scroll request whose answer is lost after Intercom
 * acted on it (a truncated body: the scroll opened or moved on) leaves a scroll open that this run can no longer
 * use, and it holds the workspace's one scroll slot for the idle minute: correct, but a minute per fault, and
 * covered in scroll.test.ts. Here runs must stay short.
 */
async function exemptScroll(fake: WrappedFake, request: Request, url: URL): Promise<Response | undefined> {
  if (url.pathname !== "/companies/scroll") return undefined;
  const saved = { ...fake.faults };
  Object.assign(fake.faults, { serverErrorRate: 0, htmlRate: 0, truncatedRate: 0 });
  try {
    return await fake.handler(request);
  } finally {
    Object.assign(fake.faults, saved);
  }
}

describe("10 % of answers 5xx and a tight rate limit that another app also spends", () => {
  let fake: WrappedFake;
  let sent = 0;
  let otherApp429s = 0;
  /** Faults the fake injected into the other app's requests, which the sync never saw. */
  let otherAppFaults = 0;

  beforeAll(async () => {
    fake = await startBrokenFake(
      { sizes: SMALL_SIZES, rateLimit: { limit: 40, windowMs: 1_000 }, faults: { serverErrorRate: 0.1 } },
      async (request, url) => {
        sent++;
        // Midway, another app with the same token spends what is left of the window.
        if (sent === 30 || sent === 90) {
          for (;;) {
            const other = await fake.handler(new Request(`${fake.url}/me`, { headers: { Authorization: `Bearer ${TOKEN}` } }));
            if (other.status >= 500) otherAppFaults++;
            if (other.status === 429) {
              otherApp429s++;
              break;
            }
          }
        }
        return exemptScroll(fake, request, url);
      },
    );
  });
  afterAll(() => fake.close());

  test("a full sync of every stream ends ok with exactly the workspace's records, and every 429 is counted", async () => {
    const { result, sink } = await syncWith(fake, undefined, { client: fastRetryClient(fake) });
    expect(result.fatal).toBeUndefined();
    expect(result.streams.filter((stream) => stream.outcome !== "ok").map((stream) => stream.error?.message)).toEqual([]);
    expect(result.outcome).toBe("ok");
    expectExactRecords(fake, sink, ALL_STREAMS);

    const seenFaults = fake.stats.injectedFaults - otherAppFaults;
    expect(seenFaults).toBeGreaterThan(0);
    expect(result.http.retries).toBeGreaterThanOrEqual(seenFaults);
    // Every 429 the fake sent to the sync is in the run's counters, and the other app's burst caused some.
    expect(result.http.rateLimited).toBe(fake.stats.rateLimited - otherApp429s);
    expect(result.http.rateLimited).toBeGreaterThan(0);
    const perStream = Object.values(result.http.byStream).reduce((sum, stream) => sum + stream.rateLimited, 0);
    expect(perStream).toBe(result.http.rateLimited);
  });
});

describe("15 % truncated JSON bodies and 15 % HTML error pages", () => {
  let fake: WrappedFake;
  beforeAll(async () => {
    fake = await startBrokenFake(
      { sizes: SMALL_SIZES, faults: { truncatedRate: 0.15, htmlRate: 0.15 } },
      (request, url) => exemptScroll(fake, request, url),
    );
  });
  afterAll(() => fake.close());

  test("are retried, and the export is exact", async () => {
    const { result, sink } = await syncWith(fake, undefined, { client: fastRetryClient(fake) });
    expect(result.streams.filter((stream) => stream.outcome !== "ok").map((stream) => stream.error?.message)).toEqual([]);
    expect(result.outcome).toBe("ok");
    expectExactRecords(fake, sink, ALL_STREAMS);
    expect(fake.stats.injectedFaults).toBeGreaterThan(0);
    // Each fault was answered by a retry, or (a second 502/504 on a search page) by asking again at a smaller size.
    const smallerPages = result.streams
      .flatMap((stream) => stream.warnings)
      .reduce((sum, warning) => sum + (/per page; read at/.test(warning) ? (warning.match(/\b50[24] at \d+/g) ?? []).length : 0), 0);
    expect(result.http.retries + smallerPages).toBeGreaterThanOrEqual(fake.stats.injectedFaults);
  });
});
