/** giveUpSoonerOn: a caller with a better next step (a smaller search page) gets chosen statuses back early. */
import { describe, expect, test } from "bun:test";
import { createApiClient } from "../../src/http/client.ts";
import { rejection, TOKEN, virtualClock, withServer } from "./helpers.ts";
import { TransientError } from "../../src/errors.ts";

const sooner = { statuses: [502, 504], attempts: 2 };

function client(url: string) {
  return createApiClient({ baseUrl: url, token: TOKEN, userAgent: "intercom-sync/test", clock: virtualClock(), random: () => 0 });
}

/** Answers the statuses in turn (the last one from then on) and counts the requests. */
function answering(...statuses: number[]) {
  let calls = 0;
  return {
    handler: () =>
      new Response("<html>gateway</html>", { status: statuses[Math.min(calls++, statuses.length - 1)]!, headers: { "Content-Type": "text/html" } }),
    calls: () => calls,
  };
}

describe("giveUpSoonerOn", () => {
  test("a 504 that persists ends after the sooner limit, and the error carries the status", async () => {
    const server = answering(504);
    const error = await withServer(
      server.handler,
      (url) =>
        rejection(client(url).request({ method: "POST", path: "/contacts/search", stream: "contacts", giveUpSoonerOn: sooner }), TransientError),
    );
    expect(server.calls()).toBe(2);
    expect(error.status).toBe(504);
    expect(error.attempts).toBe(2);
  });

  test("other 5xx keep the client's full attempts", async () => {
    const server = answering(503);
    const error = await withServer(
      server.handler,
      (url) => rejection(client(url).request({ method: "POST", path: "/contacts/search", giveUpSoonerOn: sooner }), TransientError),
    );
    expect(server.calls()).toBe(5);
    expect(error.status).toBe(503);
  });

  test("only the chosen statuses count toward the sooner limit", async () => {
    const server = answering(503, 502, 503, 502);
    const error = await withServer(
      server.handler,
      (url) => rejection(client(url).request({ method: "POST", path: "/contacts/search", giveUpSoonerOn: sooner }), TransientError),
    );
    expect(server.calls()).toBe(4);
    expect(error.status).toBe(502);
  });

  test("without the option a 504 is retried as before", async () => {
    const server = answering(504);
    await withServer(server.handler, (url) => rejection(client(url).request({ method: "POST", path: "/contacts/search" }), TransientError));
    expect(server.calls()).toBe(5);
  });
});
