import { describe, expect, test } from "bun:test";
import { createApiClient } from "../../src/http/client.ts";
import { type ScrollOptions, scrollPages } from "../../src/http/scroll.ts";
import type { HttpEvent, HttpStats } from "../../src/http/types.ts";
import { errorBody, json, TOKEN, virtualClock, withServer } from "./helpers.ts";
import { ScrollExistsError, ScrollRestartError } from "../../src/errors.ts";

const COMPANIES = Array.from({ length: 25 }, (_, i) => ({ type: "company", id: `c${i + 1}`, name: `Company ${i + 1}` }));
const PAGE = 10;
const RESTART = "Request failed due to an internal network error. Please restart the scroll operation.";

/**
 * A company scroll in miniature. `fault(call, param)` may answer instead of the scroll: it sees every request,
 * numbered from 1, and the scroll_param it carried.
 */
function scrollServer(fault: (call: number, param: string | null) => Response | undefined = () => undefined) {
  const log: (string | null)[] = [];
  let offsets = new Map<string, number>();
  let scrolls = 0;
  const handler = (request: Request) => {
    const param = new URL(request.url).searchParams.get("scroll_param");
    log.push(param);
    const faulty = fault(log.length, param);
    if (faulty) return faulty;
    if (param === null) {
      scrolls++;
      offsets = new Map([[`scroll-${scrolls}`, 0]]);
    }
    const key = param ?? `scroll-${scrolls}`;
    const offset = offsets.get(key);
    if (offset === undefined) return json(errorBody("not_found", "scroll parameter not found"), 404);
    offsets.set(key, offset + PAGE);
    return json({ type: "list", data: COMPANIES.slice(offset, offset + PAGE), pages: null, total_count: null, scroll_param: key });
  };
  return { handler, log };
}

async function collect(handler: (request: Request) => Response, options: Partial<ScrollOptions> = {}) {
  const clock = virtualClock();
  const events: HttpEvent[] = [];
  const ids: string[] = [];
  let error: unknown;
  let stats: HttpStats | undefined;
  await withServer(handler, async (url) => {
    const client = createApiClient({ baseUrl: url, token: TOKEN, userAgent: "t", clock, random: () => 0 });
    stats = client.stats;
    try {
      for await (const page of scrollPages(client, { stream: "companies", clock, onEvent: (e) => events.push(e), ...options })) {
        ids.push(...page.map((company) => String(company.id)));
      }
    } catch (caught) {
      error = caught;
    }
  });
  return { ids, events, error, clock, stats: stats! };
}

const allIds = COMPANIES.map((company) => company.id);

describe("company scroll", () => {
  test("opens without a param, continues with scroll_param and ends on an empty page", async () => {
    const server = scrollServer();
    const { ids, error } = await collect(server.handler);
    expect(error).toBeUndefined();
    expect(ids).toEqual(allIds);
    expect(server.log).toEqual([null, "scroll-1", "scroll-1", "scroll-1"]);
  });

  test("when another client holds the scroll it waits, then succeeds", async () => {
    const server = scrollServer((call) => call <= 2 ? json(errorBody("bad_request", "scroll already exists for this workspace"), 400) : undefined);
    const { ids, events, error, clock, stats } = await collect(server.handler, { pollMs: 5_000 });
    expect(error).toBeUndefined();
    expect(ids).toEqual(allIds);
    expect(events.map((event) => event.kind)).toEqual(["scroll-wait", "scroll-wait"]);
    expect(clock.sleeps).toEqual([5_000, 5_000]);
    // Counted as scroll waiting, not as rate-limit waiting or backoff: the summary reports each apart.
    expect(stats.scrollWaitMs).toBe(10_000);
    expect(stats.rateLimitWaitMs).toBe(0);
    expect(stats.backoffMs).toBe(0);
  });

  test("a scroll held longer than waitForScrollMs ends in an error that explains the one-scroll rule and what to do", async () => {
    const server = scrollServer(() => json(errorBody("bad_request", "scroll already exists for this app"), 400));
    const { error, ids } = await collect(server.handler, { pollMs: 5_000, waitForScrollMs: 20_000 });
    expect(ids).toEqual([]);
    expect(error).toBeInstanceOf(ScrollExistsError);
    const message = (error as Error).message;
    expect(message).toContain("one open company scroll per workspace");
    expect(message).toContain("another client holds it");
    expect(message).toContain("expires after one minute");
    expect(message).toContain("Waited 20.0s");
    expect(server.log).toHaveLength(5);
  });

  test("a scroll broken mid-way restarts from the beginning and yields every company once", async () => {
    const server = scrollServer((call) => (call === 3 ? json(errorBody("server_error", RESTART), 500) : undefined));
    const { ids, events, error } = await collect(server.handler);
    expect(error).toBeUndefined();
    expect(ids).toEqual(allIds);
    expect(new Set(ids).size).toBe(ids.length);
    expect(events.map((event) => event.kind)).toEqual(["scroll-restart"]);
    expect(server.log).toEqual([null, "scroll-1", "scroll-1", null, "scroll-2", "scroll-2", "scroll-2"]);
  });

  test("an expired scroll_param restarts the scroll", async () => {
    const server = scrollServer((call) => (call === 2 ? json(errorBody("not_found", "Not found"), 404) : undefined));
    const { ids, events, error } = await collect(server.handler);
    expect(error).toBeUndefined();
    expect(ids).toEqual(allIds);
    expect(events.map((event) => event.kind)).toEqual(["scroll-restart"]);
  });

  test("a 5xx on a continuation is not re-sent with the same scroll_param (that could skip a page): it restarts", async () => {
    const server = scrollServer((call) => (call === 2 ? json(errorBody("server_error", "boom"), 503) : undefined));
    const { ids, error } = await collect(server.handler);
    expect(error).toBeUndefined();
    expect(ids).toEqual(allIds);
    expect(server.log.slice(0, 3)).toEqual([null, "scroll-1", null]);
  });

  test("restarts are bounded; the error says the scroll kept breaking", async () => {
    const server = scrollServer((_, param) => (param !== null ? json(errorBody("server_error", RESTART), 500) : undefined));
    const { ids, error } = await collect(server.handler, { maxRestarts: 2 });
    expect(error).toBeInstanceOf(ScrollRestartError);
    expect((error as Error).message).toContain("after 2 restarts");
    expect(ids).toEqual(allIds.slice(0, PAGE));
    expect(server.log).toEqual([null, "scroll-1", null, "scroll-2", null, "scroll-3"]);
  });
});
