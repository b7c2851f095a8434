import { describe, expect, test } from "bun:test";
import { createFakeIntercom, PERMISSION, ROUTE_PERMISSIONS } from "../../src/fake/mod.ts";
import { get, post } from "./helpers.ts";

const RATE_HEADERS = ["X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"];

describe("authentication and permissions", () => {
  test("a missing or unknown token is 401 unauthorized 'Access Token Invalid', without rate-limit headers", async () => {
    const fake = createFakeIntercom();
    for (const token of [null, "nope"]) {
      const answer = await get(fake, "/admins", token);
      expect(answer.status).toBe(401);
      expect(answer.body).toMatchObject({ type: "error.list", errors: [{ code: "unauthorized", message: "Access Token Invalid" }] });
      for (const name of RATE_HEADERS) expect(answer.headers.get(name)).toBeNull();
    }
  });

  test("a token lacking a route's permission gets 403 on that route only", async () => {
    const fake = createFakeIntercom({ tokens: { t: { missing: [PERMISSION.tickets] } } });
    const denied = await post(fake, "/tickets/search", { query: { field: "updated_at", operator: ">", value: 0 } }, "t");
    expect(denied.status).toBe(403);
    expect(denied.body.type).toBe("error.list");
    expect(denied.body.errors[0].message).toContain("Read tickets");
    expect((await post(fake, "/contacts/search", { query: { field: "updated_at", operator: ">", value: 0 } }, "t")).status).toBe(200);
  });

  test("every route but /me needs a permission, and the table names Intercom's permissions", () => {
    expect(ROUTE_PERMISSIONS["GET /me"]).toBeNull();
    expect(ROUTE_PERMISSIONS["GET /admins/activity_logs"]).toBe("Read admin activity logs");
    expect(ROUTE_PERMISSIONS["POST /contacts/search"]).toBe("Read and list users and companies");
    expect(ROUTE_PERMISSIONS["GET /conversations/{id}"]).toBe("Read conversations");
  });

  test("an unknown route is 404 error.list", async () => {
    const answer = await get(createFakeIntercom(), "/nope");
    expect(answer.status).toBe(404);
    expect(answer.body.errors[0].code).toBe("not_found");
  });

  test("Intercom-Version is accepted whatever it says, and counted", async () => {
    const fake = createFakeIntercom();
    await get(fake, "/me");
    await fake.handler(new Request("http://127.0.0.1:9/me", { headers: { Authorization: "Bearer test-token" } }));
    expect(fake.stats.versions).toEqual({ "2.11": 1, none: 1 });
  });
});

describe("rate limiting", () => {
  test("authenticated answers carry the limit, what remains, and the unix second the window ends", async () => {
    const windowStart = 1_800_000_000_000;
    const fake = createFakeIntercom({ rateLimit: { limit: 5, windowMs: 10_000 }, wallClock: () => windowStart + 2_500 });
    const first = await get(fake, "/admins");
    const second = await get(fake, "/nope");
    expect(first.headers.get("X-RateLimit-Limit")).toBe("5");
    expect(first.headers.get("X-RateLimit-Remaining")).toBe("4");
    expect(second.headers.get("X-RateLimit-Remaining")).toBe("3");
    expect(first.headers.get("X-RateLimit-Reset")).toBe(String((windowStart + 10_000) / 1000));
  });

  test("past the limit: 429 rate_limit_exceeded until the next window", async () => {
    let now = 1_800_000_000_000;
    const fake = createFakeIntercom({ rateLimit: { limit: 3, windowMs: 10_000 }, wallClock: () => now });
    for (let i = 0; i < 3; i++) expect((await get(fake, "/teams")).status).toBe(200);
    const limited = await get(fake, "/teams");
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({
      type: "error.list",
      errors: [{ code: "rate_limit_exceeded", message: "Exceeded rate limit of 3 in 10_seconds" }],
    });
    expect(limited.headers.get("X-RateLimit-Remaining")).toBe("0");
    expect(fake.stats.rateLimited).toBe(1);
    now += 10_000;
    expect((await get(fake, "/teams")).status).toBe(200);
  });
});
