import { describe, expect, test } from "bun:test";
import { type ApiClientOptions, createApiClient } from "../../src/http/client.ts";
import type { HttpEvent } from "../../src/http/types.ts";
import { errorBody, json, rejection, TOKEN, virtualClock, withServer } from "./helpers.ts";
import { AuthError, ConfigError, ForeignUrlError, IntercomApiError, NotFoundError, TokenEchoedError, TransientError } from "../../src/errors.ts";

function client(baseUrl: string, extra: Partial<ApiClientOptions> = {}) {
  const events: HttpEvent[] = [];
  const clock = extra.clock ?? virtualClock();
  const api = createApiClient({
    baseUrl,
    token: TOKEN,
    userAgent: "intercom-sync/test",
    clock,
    random: () => 0,
    onEvent: (event) => events.push(event),
    ...extra,
  });
  return { api, events, clock: clock as ReturnType<typeof virtualClock> };
}

describe("requests", () => {
  test("the quickest answer's time, sending to headers, is kept: undefined before any, the least after", async () => {
    const delays = [40, 10, 25];
    let clock: ReturnType<typeof virtualClock> | undefined;
    await withServer(
      () => json({ ok: true }),
      async (url) => {
        const slow: typeof fetch = Object.assign(
          async (input: RequestInfo | URL, init?: RequestInit) => {
            const answer = await fetch(input, init);
            made.clock.advance(delays.shift()!);
            return answer;
          },
          { preconnect: fetch.preconnect },
        );
        const made = client(url, { fetch: slow });
        clock = made.clock;
        expect(made.api.stats.fastestAnswerMs).toBeUndefined();
        for (let k = 0; k < 3; k++) await made.api.request({ method: "GET", path: "/me" });
        expect(made.api.stats.fastestAnswerMs).toBe(10);
      },
    );
    expect(clock).toBeDefined();
  });

  test("sends bearer auth, Intercom-Version, Accept and User-Agent on every request", async () => {
    let seen: Headers | undefined;
    await withServer(
      (request) => {
        seen = request.headers;
        return json({ ok: true });
      },
      async (url) => {
        const { api } = client(url);
        expect(await api.request({ method: "GET", path: "/me" })).toEqual({ ok: true });
      },
    );
    expect(seen?.get("authorization")).toBe(`Bearer ${TOKEN}`);
    expect(seen?.get("intercom-version")).toBe("2.11");
    expect(seen?.get("accept")).toBe("application/json");
    expect(seen?.get("user-agent")).toBe("intercom-sync/test");
    expect(seen?.get("content-type")).toBeNull();
  });

  test("POST sends a JSON body with Content-Type, and the chosen Intercom-Version", async () => {
    let seen: { type: string | null; version: string | null; body: unknown } | undefined;
    await withServer(
      async (request) => {
        seen = { type: request.headers.get("content-type"), version: request.headers.get("intercom-version"), body: await request.json() };
        return json({ data: [] });
      },
      async (url) => {
        const { api } = client(url, { intercomVersion: "2.16" });
        await api.request({ method: "POST", path: "/contacts/search", body: { pagination: { per_page: 150 } } });
      },
    );
    expect(seen).toEqual({ type: "application/json", version: "2.16", body: { pagination: { per_page: 150 } } });
  });

  test("query values are URL-encoded so opaque cursors survive intact", async () => {
    const cursor = "WzE2OTk+/=\nabc&x=1";
    let received: URLSearchParams | undefined;
    await withServer(
      (request) => {
        received = new URL(request.url).searchParams;
        return json({});
      },
      async (url) => {
        const { api } = client(url);
        await api.request({ method: "GET", path: "/contacts", query: { per_page: 150, starting_after: cursor, skip: undefined } });
      },
    );
    expect(received?.get("starting_after")).toBe(cursor);
    expect(received?.get("per_page")).toBe("150");
    expect(received?.has("skip")).toBe(false);
  });

  test("a same-origin pages.next URL is followed as is", async () => {
    let path = "";
    await withServer(
      (request) => {
        path = new URL(request.url).pathname + new URL(request.url).search;
        return json({});
      },
      async (url) => {
        const { api } = client(url);
        await api.request({ method: "GET", path: `${url}/conversations/deleted?per_page=2&page=2` });
      },
    );
    expect(path).toBe("/conversations/deleted?per_page=2&page=2");
  });

  test("a pages.next URL on Intercom's US host is kept on the configured host", async () => {
    let path = "";
    await withServer(
      (request) => {
        path = new URL(request.url).pathname + new URL(request.url).search;
        return json({});
      },
      async (url) => {
        const { api } = client(url);
        await api.request({ method: "GET", path: "https://api.intercom.io/conversations/deleted?page=3" });
      },
    );
    expect(path).toBe("/conversations/deleted?page=3");
  });

  test("a pages.next URL on a foreign origin is refused before anything is sent", async () => {
    let calls = 0;
    await withServer(
      () => {
        calls++;
        return json({});
      },
      async (url) => {
        const { api } = client(url);
        const failure = api.request({ method: "GET", path: "https://evil.example.com/contacts?page=2" });
        await expect(failure).rejects.toBeInstanceOf(ForeignUrlError);
      },
    );
    expect(calls).toBe(0);
  });

  test("counts requests per stream", async () => {
    await withServer(
      () => json({}),
      async (url) => {
        const { api } = client(url);
        await api.request({ method: "GET", path: "/admins", stream: "admins" });
        await api.request({ method: "GET", path: "/teams", stream: "teams" });
        await api.request({ method: "GET", path: "/teams", stream: "teams" });
        expect(api.stats.requests).toBe(3);
        expect(api.stats.byStream).toEqual({
          admins: { requests: 1, retries: 0, rateLimited: 0 },
          teams: { requests: 2, retries: 0, rateLimited: 0 },
        });
      },
    );
  });
});

describe("the token never leaks", () => {
  test("not into errors or events, even when the server echoes it back", async () => {
    const echo = (request: Request, status: number) => json(errorBody("server_error", `bad header ${request.headers.get("authorization")}`), status);
    let calls = 0;
    const { events, errors } = await withServer(
      (request) => (request.url.endsWith("/retry") ? echo(request, 500) : (calls++, echo(request, 401))),
      async (url) => {
        const { api, events } = client(url, { maxAttempts: 2 });
        const errors: unknown[] = [];
        for (const path of ["/retry", "/auth"]) {
          await api.request({ method: "GET", path, stream: "contacts" }).catch((error) => errors.push(error));
        }
        return { events, errors };
      },
    );
    expect(calls).toBe(1);
    expect(errors).toHaveLength(2);
    const everything = JSON.stringify([
      events,
      errors.map((error) => [String(error), (error as Error).message, String((error as Error).cause)]),
    ]);
    expect(everything).toContain("[redacted]");
    expect(everything).not.toContain(TOKEN);
  });
});

describe("a 2xx answer that holds the token", () => {
  const echoing = (body: (authorization: string) => string) => (request: Request) =>
    new Response(body(request.headers.get("authorization") ?? ""), { headers: { "Content-Type": "application/json" } });

  test("is refused as a misbehaving proxy at once, never retried or returned, and the error names no piece of it", async () => {
    let calls = 0;
    await withServer(
      (request) => (calls++, echoing((auth) => JSON.stringify({ type: "admin.list", admins: [{ id: "1", name: auth }] }))(request)),
      async (url) => {
        const { api, events } = client(url);
        const error = await rejection(api.request({ method: "GET", path: "/admins", stream: "admins" }), TokenEchoedError);
        expect(error).toBeInstanceOf(ConfigError);
        expect(error.message).toContain("GET http://127.0.0.1");
        expect(error.message).toContain("/admins answered 200 with the access token in its body");
        expect(error.message).toContain("proxy");
        for (let i = 0; i + 8 <= TOKEN.length; i++) expect(error.message).not.toContain(TOKEN.slice(i, i + 8));
        expect(events).toEqual([]);
      },
    );
    expect(calls).toBe(1);
  });

  test("also on the connection check, in a body that is not JSON, and with its slashes escaped as JSON may", async () => {
    const slashed = "dG9rOmFi/Y2Rl+ZmdoaWpr/bG1ub3A=";
    for (
      const [token, body] of [
        [TOKEN, (auth: string) => JSON.stringify({ type: "admin", id: "1", email: auth })],
        [TOKEN, (auth: string) => `<html>${auth}</html>`],
        [slashed, (auth: string) => JSON.stringify({ echoed: auth }).replaceAll("/", "\\/")],
      ] as const
    ) {
      await withServer(echoing(body), async (url) => {
        const { api } = client(url, { token });
        await rejection(api.request({ method: "GET", path: "/me", connectionCheck: true }), TokenEchoedError);
      });
    }
  });

  test("a token too short to tell an echo from a coincidence is not searched for", async () => {
    await withServer(echoing((auth) => JSON.stringify({ note: auth })), async (url) => {
      expect(await client(url, { token: "t" }).api.request({ method: "GET", path: "/me" })).toEqual({ note: "Bearer t" });
    });
  });

  test("a body without the whole token is read as usual", async () => {
    await withServer(echoing((auth) => JSON.stringify({ note: auth.slice(0, -1) })), async (url) => {
      expect(await client(url).api.request({ method: "GET", path: "/me" })).toEqual({ note: `Bearer ${TOKEN.slice(0, -1)}` });
    });
  });
});

describe("retries", () => {
  test("a 5xx followed by success is retried and counted", async () => {
    let calls = 0;
    await withServer(
      () => (++calls < 3 ? json(errorBody("server_error", "oops"), 502) : json({ data: [1] })),
      async (url) => {
        const { api, events } = client(url);
        expect(await api.request({ method: "GET", path: "/tags", stream: "tags" })).toEqual({ data: [1] });
        expect(api.stats.retries).toBe(2);
        expect(api.stats.byStream.tags).toEqual({ requests: 3, retries: 2, rateLimited: 0 });
        expect(events.map((event) => [event.kind, event.status, event.attempt])).toEqual([
          ["retry", 502, 1],
          ["retry", 502, 2],
        ]);
      },
    );
  });

  test("a persistent 5xx ends in a TransientError that says what, how often, which stream and what to do", async () => {
    await withServer(
      () => json(errorBody("service_unavailable", "down"), 503),
      async (url) => {
        const { api } = client(url, { maxAttempts: 3 });
        const error = await rejection(api.request({ method: "GET", path: "/segments", stream: "segments" }), TransientError);
        expect(error.attempts).toBe(3);
        expect(error.stream).toBe("segments");
        expect(error.message).toContain("stream segments: GET /segments failed after 3 attempts");
        expect(error.message).toContain("HTTP 503");
        expect(error.message).toContain("run the sync again");
        expect(api.stats.requests).toBe(3);
      },
    );
  });

  test("an HTML page or truncated JSON in a 200 answer is retried", async () => {
    const bodies = ["<!DOCTYPE html><html><body>Bad gateway</body></html>", '{"type":"list","data":[{"id":', '{"data":[]}'];
    let calls = 0;
    await withServer(
      () => new Response(bodies[calls++] ?? "", { status: 200, headers: { "Content-Type": "application/json" } }),
      async (url) => {
        const { api, events } = client(url);
        expect(await api.request({ method: "GET", path: "/tags" })).toEqual({ data: [] });
        expect(events.map((event) => event.message)).toEqual([
          expect.stringContaining("not JSON") as unknown as string,
          expect.stringContaining("not JSON") as unknown as string,
        ]);
      },
    );
  });

  test("an attempt that times out is retried", async () => {
    let calls = 0;
    await withServer(
      async () => {
        if (++calls === 1) await new Promise((resolve) => setTimeout(resolve, 400));
        return json({ ok: calls });
      },
      async (url) => {
        const { api, events } = client(url, { timeoutMs: 50 });
        expect(await api.request({ method: "GET", path: "/teams" })).toEqual({ ok: 2 });
        expect(events[0]?.message).toContain("no answer within 50ms");
      },
    );
  });

  test("the caller's abort is not retried", async () => {
    await withServer(
      async () => {
        await new Promise((resolve) => setTimeout(resolve, 300));
        return json({});
      },
      async (url) => {
        const { api } = client(url);
        const controller = new AbortController();
        setTimeout(() => controller.abort(new Error("user pressed ctrl-c")), 20);
        const error = await rejection(api.request({ method: "GET", path: "/teams", signal: controller.signal }), Error);
        expect(error.message).toBe("user pressed ctrl-c");
        expect(api.stats.requests).toBe(1);
      },
    );
  });

  test("a network error is retried", async () => {
    let calls = 0;
    const flaky: typeof fetch = Object.assign(
      async (input: RequestInfo | URL, init?: RequestInit) => {
        if (++calls === 1) throw new TypeError("connection reset");
        return fetch(input, init);
      },
      { preconnect: fetch.preconnect },
    );
    await withServer(
      () => json({ ok: true }),
      async (url) => {
        const { api, events } = client(url, { fetch: flaky });
        expect(await api.request({ method: "GET", path: "/teams" })).toEqual({ ok: true });
        expect(events[0]?.message).toContain("connection reset");
      },
    );
  });

  test("Retry-After in seconds sets the wait before the next attempt", async () => {
    let calls = 0;
    await withServer(
      () => (++calls === 1 ? json(errorBody("unavailable", "later"), 503, { "Retry-After": "7" }) : json({})),
      async (url) => {
        const { api, clock } = client(url);
        const start = clock.now();
        await api.request({ method: "GET", path: "/tags" });
        expect(clock.sleeps).toEqual([7_000]);
        expect(clock.now() - start).toBeGreaterThanOrEqual(7_000);
        expect(api.stats.backoffMs).toBe(7_000);
        expect(api.stats.rateLimitWaitMs).toBe(0);
      },
    );
  });

  test("Retry-After as an HTTP date is honoured", async () => {
    const clock = virtualClock(Date.parse("2026-01-01T00:00:00Z"));
    const date = new Date(clock.now() + 12_000).toUTCString();
    let calls = 0;
    await withServer(
      () => (++calls === 1 ? json(errorBody("unavailable", "later"), 503, { "Retry-After": date }) : json({})),
      async (url) => {
        const { api } = client(url, { clock });
        await api.request({ method: "GET", path: "/tags" });
      },
    );
    expect(clock.sleeps).toEqual([12_000]);
  });

  test("a body cut off mid-stream is retried", async () => {
    // The server cannot drop a connection half-way on cue, so the first answer's body is cut on the client side.
    let calls = 0;
    const cutting: typeof fetch = Object.assign(
      async (input: RequestInfo | URL, init?: RequestInit) => {
        const response = await fetch(input, init);
        if (++calls > 1) return response;
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"type":"list","data":[{"id":"1"},'));
            controller.error(new TypeError("connection dropped"));
          },
        });
        return new Response(body, { status: response.status, headers: response.headers });
      },
      { preconnect: fetch.preconnect },
    );
    await withServer(
      () => json({ data: [] }),
      async (url) => {
        const { api, events } = client(url, { fetch: cutting });
        expect(await api.request({ method: "GET", path: "/tags" })).toEqual({ data: [] });
        expect(events.map((event) => event.message)).toEqual([
          "GET /tags: HTTP 200 body cut off: connection dropped; retry 1/4 in 1.0s",
        ]);
      },
    );
  });

  test("a 429 waits until the window resets, then succeeds", async () => {
    const clock = virtualClock();
    const resetAt = Math.floor(clock.now() / 1_000) + 10;
    let calls = 0;
    await withServer(
      () => {
        const headers = { "X-RateLimit-Limit": "167", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": String(resetAt) };
        if (++calls === 1) return json(errorBody("rate_limit_exceeded", "Exceeded rate limit of 167 in 10_seconds"), 429, headers);
        return json({ ok: true }, 200, { ...headers, "X-RateLimit-Remaining": "166", "X-RateLimit-Reset": String(resetAt + 10) });
      },
      async (url) => {
        const { api, events } = client(url, { clock });
        expect(await api.request({ method: "GET", path: "/contacts", stream: "contacts" })).toEqual({ ok: true });
        expect(clock.now()).toBeGreaterThanOrEqual(resetAt * 1_000);
        expect(api.stats.rateLimited).toBe(1);
        expect(api.stats.byStream.contacts?.rateLimited).toBe(1);
        expect(api.stats.rateLimitWaitMs).toBeGreaterThan(0);
        expect(events.map((event) => event.kind)).toEqual(["rate-limited", "rate-limit-wait"]);
      },
    );
  });
});

describe("errors that are not retried", () => {
  test("a 400 becomes an IntercomApiError with Intercom's code, message and request_id after one request", async () => {
    await withServer(
      () => json(errorBody("intercom_version_invalid", "Requested resource is not available in current API version.", "req-42"), 400),
      async (url) => {
        const { api } = client(url);
        const error = await rejection(api.request({ method: "GET", path: "/conversations/deleted", stream: "deleted" }), IntercomApiError);
        expect(error.constructor).toBe(IntercomApiError);
        expect(error.status).toBe(400);
        expect(error.code).toBe("intercom_version_invalid");
        expect(error.requestId).toBe("req-42");
        expect(error.message).toContain("not available in current API version");
        expect(api.stats.requests).toBe(1);
      },
    );
  });
});

describe("redirects", () => {
  test("are not followed (the token could travel with them) and the error points at the base URL", async () => {
    let calls = 0;
    await withServer(
      () => (calls++, new Response(null, { status: 301, headers: { Location: "https://api.intercom.io/me" } })),
      async (url) => {
        const { api } = client(url);
        const error = await rejection(api.request({ method: "GET", path: "/me" }), IntercomApiError);
        expect(error.status).toBe(301);
        expect(error.message).toContain("redirected to https://api.intercom.io/me; check the base URL");
      },
    );
    expect(calls).toBe(1);
  });
});

describe("the connection check (the run's first request)", () => {
  const me = { method: "GET", path: "/me", connectionCheck: true } as const;

  test("a refused connection is a ConfigError after one attempt, naming the URL and where the address comes from", async () => {
    const { api, clock } = client("http://127.0.0.1:1");
    const error = await rejection(api.request(me), ConfigError);
    expect(error.message).toStartWith("GET http://127.0.0.1:1/me: nothing accepted the connection");
    expect(error.message).toContain("--base-url, else INTERCOM_BASE_URL, else --region");
    expect(api.stats.requests).toBe(1);
    expect(clock.sleeps).toEqual([]);
  });

  test("the same refused connection later in the run is retried, as a network hiccup", async () => {
    const { api } = client("http://127.0.0.1:1", { maxAttempts: 3 });
    const error = await rejection(api.request({ method: "GET", path: "/admins" }), TransientError);
    expect(error.attempts).toBe(3);
  });

  test("a 5xx or 429 is Intercom having trouble, not a mistake: retried even on the first request", async () => {
    let calls = 0;
    await withServer(
      () => (++calls === 1 ? json(errorBody("service_unavailable", "later"), 503) : json({ type: "admin" })),
      async (url) => {
        const { api, events } = client(url);
        expect(await api.request(me)).toEqual({ type: "admin" });
        expect(events.map((event) => event.kind)).toEqual(["retry"]);
      },
    );
  });

  test("a 401 stays an AuthError (exit 3), not a configuration error", async () => {
    await withServer(
      () => json(errorBody("unauthorized", "Access Token Invalid"), 401),
      async (url) => {
        await rejection(client(url).api.request(me), AuthError);
      },
    );
  });

  test("a 404 says there is no Intercom API at the address; elsewhere a 404 is still a vanished record", async () => {
    await withServer(
      () => json(errorBody("not_found", "Resource Not Found"), 404),
      async (url) => {
        const { api } = client(url);
        const config = await rejection(api.request(me), ConfigError);
        expect(config.message).toContain(`GET ${url}/me: HTTP 404 (not_found: Resource Not Found): there is no Intercom API`);
        expect(config.message).not.toContain("deleted");
        const later = await rejection(api.request({ method: "GET", path: "/conversations/1" }), NotFoundError);
        expect(later.message).toContain("deleted during the sync");
      },
    );
  });

  test("a redirect names its target and the address settings", async () => {
    await withServer(
      () => new Response(null, { status: 301, headers: { Location: "https://api.intercom.io/me" } }),
      async (url) => {
        const error = await rejection(client(url).api.request(me), ConfigError);
        expect(error.message).toContain("redirected to https://api.intercom.io/me (HTTP 301)");
        expect(error.message).toContain("--base-url");
      },
    );
  });

  test("no answer in time is a ConfigError naming --request-timeout, after one attempt", async () => {
    await withServer(
      async () => {
        await new Promise((resolve) => setTimeout(resolve, 400));
        return json({});
      },
      async (url) => {
        const { api } = client(url, { timeoutMs: 50 });
        const error = await rejection(api.request(me), ConfigError);
        expect(error.message).toContain("no answer within 0.1 s");
        expect(error.message).toContain("raise --request-timeout");
        expect(api.stats.requests).toBe(1);
      },
    );
  });

  test("a request that keeps timing out later in the run says which option raises the limit", async () => {
    await withServer(
      async () => {
        await new Promise((resolve) => setTimeout(resolve, 300));
        return json({});
      },
      async (url) => {
        const { api } = client(url, { timeoutMs: 50, maxAttempts: 1 });
        const error = await rejection(api.request({ method: "GET", path: "/admins" }), TransientError);
        expect(error.message).toContain("raise --request-timeout (now 0.1 s)");
      },
    );
  });

  test("a piece of the token echoed in a non-JSON 200 is redacted before the preview is cut", async () => {
    // A piece, not the whole token: a body holding the whole token is refused before it is read at all (below).
    await withServer(
      (request) =>
        new Response(`${"x".repeat(20)} ${request.headers.get("authorization")!.slice(0, -2)}`, { headers: { "Content-Type": "text/plain" } }),
      async (url) => {
        const error = await rejection(client(url).api.request(me), ConfigError);
        expect(error.message).toContain('starting "xxxxxxxxxxxxxxxxxxxx Bearer [redacted]"');
        for (let i = 0; i + 8 <= TOKEN.length; i++) expect(error.message).not.toContain(TOKEN.slice(i, i + 8));
      },
    );
  });
});

describe("the connection check and JSON cut short", () => {
  test("a 200 whose JSON was cut off is a dropped connection, retried even on the first request", async () => {
    let calls = 0;
    await withServer(
      () => (++calls === 1 ? new Response('{"type":"admin","id":', { headers: { "Content-Type": "application/json" } }) : json({ type: "admin" })),
      async (url) => {
        const { api, events } = client(url);
        expect(await api.request({ method: "GET", path: "/me", connectionCheck: true })).toEqual({ type: "admin" });
        expect(events.map((event) => event.kind)).toEqual(["retry"]);
      },
    );
  });
});
