import { describe, expect, test } from "bun:test";
import { createApiClient } from "../../src/http/client.ts";
import { checkHeaderValues, requestHeaders } from "../../src/http/headers.ts";
import { ConfigError } from "../../src/errors.ts";

const TOKEN = "dG9rOjU1ZTdmMDQ4X2I0ZGFfNDVh";

function message(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("expected a ConfigError");
}

describe("header values are checked before any request", () => {
  test("a token with a line break, space or non-ASCII character names INTERCOM_ACCESS_TOKEN and never shows the token", () => {
    for (
      const [token, kind] of [
        [`${TOKEN}\nX`, "a line break"],
        [`${TOKEN.slice(0, 10)} ${TOKEN.slice(10)}`, "a space or tab"],
        [`${TOKEN}\u0000`, "a control character"],
        [`${TOKEN}\u201d`, "outside ASCII"],
      ] as const
    ) {
      const text = message(() => checkHeaderValues({ token, intercomVersion: "2.11" }));
      expect(text).toContain(kind);
      expect(text).toContain("INTERCOM_ACCESS_TOKEN");
      expect(text).not.toContain(TOKEN.slice(0, 8));
    }
  });

  test('a token given as "Bearer …" says to drop "Bearer ", and never shows the token', () => {
    for (const token of [`Bearer ${TOKEN}`, `bearer ${TOKEN}`, `BEARER\t${TOKEN}`, `Bearer  ${TOKEN}`]) {
      const text = message(() => checkHeaderValues({ token, intercomVersion: "2.11" }));
      expect(text).toContain('without "Bearer "');
      expect(text).toContain("INTERCOM_ACCESS_TOKEN");
      expect(text).not.toContain(TOKEN.slice(0, 8));
    }
    expect(() => createApiClient({ baseUrl: "http://127.0.0.1:1", token: `Bearer ${TOKEN}`, userAgent: "t" })).toThrow(/without "Bearer "/);
  });

  test("an Intercom-Version with a line break names --intercom-version", () => {
    const text = message(() => checkHeaderValues({ token: TOKEN, intercomVersion: "2.11\nX" }));
    expect(text).toContain("--intercom-version");
    expect(text).toContain('"2.11\\nX"');
    expect(text).toContain("line break");
  });

  test("createApiClient refuses them too, so a library user gets the same message", () => {
    expect(() => createApiClient({ baseUrl: "http://127.0.0.1:1", token: TOKEN, intercomVersion: "2.11\r\n", userAgent: "t" })).toThrow(
      ConfigError,
    );
    expect(() => createApiClient({ baseUrl: "http://127.0.0.1:1", token: `a\n${TOKEN}`, userAgent: "t" })).toThrow(ConfigError);
  });

  test("good values make the four headers", () => {
    expect(requestHeaders({ token: TOKEN, intercomVersion: "2.11", userAgent: "intercom-sync/1" })).toEqual({
      Authorization: `Bearer ${TOKEN}`,
      "Intercom-Version": "2.11",
      Accept: "application/json",
      "User-Agent": "intercom-sync/1",
    });
  });
});
