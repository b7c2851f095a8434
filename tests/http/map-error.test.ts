import { describe, expect, test } from "bun:test";
import { createApiClient } from "../../src/http/client.ts";
import { type ErrorResponse, mapErrorResponse } from "../../src/http/map-error.ts";
import { errorBody, json, TOKEN, virtualClock, withServer } from "./helpers.ts";
import { AuthError, IntercomApiError, NotFoundError, PermissionError, ScrollExistsError, ScrollRestartError } from "../../src/errors.ts";

const map = (status: number, code: string, message: string, extra: Partial<ErrorResponse> = {}) =>
  mapErrorResponse({ status, body: errorBody(code, message), method: "GET", path: "/contacts", stream: "contacts", ...extra });

describe("mapping Intercom error answers", () => {
  test("401 is an AuthError saying the token is invalid or revoked", () => {
    const error = map(401, "unauthorized", "Access Token Invalid");
    expect(error).toBeInstanceOf(AuthError);
    expect(error.message).toContain("invalid or revoked");
    expect(error.message).toContain("stream contacts");
  });

  test("403 'Active subscription needed' is an AuthError, by code or by message", () => {
    expect(map(403, "api_plan_restricted", "Active subscription needed.")).toBeInstanceOf(AuthError);
    expect(map(403, "forbidden", "Active subscription needed.")).toBeInstanceOf(AuthError);
  });

  test("any other 403 is a PermissionError", () => {
    const error = map(403, "token_unauthorized", "Not authorized to access resource");
    expect(error).toBeInstanceOf(PermissionError);
    expect(error).not.toBeInstanceOf(AuthError);
  });

  test("404 is a NotFoundError", () => {
    expect(map(404, "not_found", "Resource Not Found")).toBeInstanceOf(NotFoundError);
  });

  test("400 'scroll already exists' is a ScrollExistsError", () => {
    expect(map(400, "bad_request", "scroll already exists for this workspace")).toBeInstanceOf(ScrollExistsError);
  });

  test("500 asking to restart the scroll is a ScrollRestartError", () => {
    const message = "Request failed due to an internal network error. Please restart the scroll operation.";
    expect(map(500, "server_error", message, { path: "/companies/scroll" })).toBeInstanceOf(ScrollRestartError);
  });

  test("404 or 400 for a scroll_param on /companies/scroll is a ScrollRestartError; without one it is not", () => {
    const scroll = { path: "/companies/scroll", scrollContinuation: true };
    expect(map(404, "not_found", "scroll parameter not found", scroll)).toBeInstanceOf(ScrollRestartError);
    expect(map(400, "bad_request", "invalid scroll_param", scroll)).toBeInstanceOf(ScrollRestartError);
    expect(map(404, "not_found", "x", { path: "/companies/scroll" })).toBeInstanceOf(NotFoundError);
  });

  test("other 4xx keep Intercom's code, message and request_id", () => {
    const error = map(422, "parameter_invalid", "per_page too large");
    expect(error.constructor).toBe(IntercomApiError);
    expect([error.status, error.code, error.requestId, error.stream]).toEqual([422, "parameter_invalid", "req-1", "contacts"]);
    expect(error.message).toContain("per_page too large");
  });

  test("a body that is not Intercom's error shape still maps by status", () => {
    const error = mapErrorResponse({ status: 401, body: undefined, method: "GET", path: "/me" });
    expect(error).toBeInstanceOf(AuthError);
    expect(error.code).toBeUndefined();
  });
});

describe("the client maps and does not retry final errors", () => {
  const cases: [number, unknown, new (...args: never[]) => Error][] = [
    [401, errorBody("unauthorized", "Access Token Invalid"), AuthError],
    [403, errorBody("api_plan_restricted", "Active subscription needed."), AuthError],
    [403, errorBody("forbidden", "missing scope"), PermissionError],
    [404, errorBody("not_found", "Resource Not Found"), NotFoundError],
  ];
  for (const [status, body, Kind] of cases) {
    test(`${status} ${Kind.name} after a single request`, async () => {
      let calls = 0;
      await withServer(
        () => (calls++, json(body, status)),
        async (url) => {
          const api = createApiClient({ baseUrl: url, token: TOKEN, userAgent: "t", clock: virtualClock() });
          await expect(api.request({ method: "GET", path: "/contacts" })).rejects.toBeInstanceOf(Kind);
        },
      );
      expect(calls).toBe(1);
    });
  }
});
