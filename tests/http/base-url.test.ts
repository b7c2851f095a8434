import { describe, expect, test } from "bun:test";
import { resolveBaseUrl, validateBaseUrl } from "../../src/http/base-url.ts";
import { createApiClient } from "../../src/http/client.ts";
import { ConfigError } from "../../src/errors.ts";

describe("resolveBaseUrl", () => {
  test("defaults to the US host", () => {
    expect(resolveBaseUrl({})).toBe("https://api.intercom.io");
  });

  test("a region picks its regional host, case-insensitively", () => {
    expect(resolveBaseUrl({ region: "eu" })).toBe("https://api.eu.intercom.io");
    expect(resolveBaseUrl({ region: "AU" })).toBe("https://api.au.intercom.io");
  });

  test("--base-url wins over INTERCOM_BASE_URL, which wins over the region", () => {
    expect(resolveBaseUrl({ baseUrl: "http://127.0.0.1:9000", envBaseUrl: "http://127.0.0.1:9001", region: "eu" })).toBe(
      "http://127.0.0.1:9000",
    );
    expect(resolveBaseUrl({ envBaseUrl: "http://127.0.0.1:9001", region: "eu" })).toBe("http://127.0.0.1:9001");
  });

  test("a blank INTERCOM_BASE_URL counts as unset", () => {
    expect(resolveBaseUrl({ envBaseUrl: "  ", region: "eu" })).toBe("https://api.eu.intercom.io");
  });

  test("trailing slashes are stripped and a path prefix is kept", () => {
    expect(resolveBaseUrl({ baseUrl: "https://proxy.example.com/intercom//" })).toBe("https://proxy.example.com/intercom");
    expect(resolveBaseUrl({ baseUrl: "http://127.0.0.1:8080/" })).toBe("http://127.0.0.1:8080");
  });

  test("junk is a ConfigError that names the setting", () => {
    expect(() => resolveBaseUrl({ baseUrl: "api.intercom.io" })).toThrow(ConfigError);
    expect(() => resolveBaseUrl({ baseUrl: "api.intercom.io" })).toThrow(/--base-url/);
    expect(() => resolveBaseUrl({ envBaseUrl: "ftp://example.com" })).toThrow(/INTERCOM_BASE_URL must be an http/);
    expect(() => resolveBaseUrl({ baseUrl: "https://user:pw@example.com" })).toThrow(/user name or password/);
    expect(() => resolveBaseUrl({ baseUrl: "https://example.com/?x=1" })).toThrow(/query string/);
  });

  test("an unknown region is a ConfigError listing the valid ones", () => {
    expect(() => resolveBaseUrl({ region: "mars" })).toThrow(/us, eu, au/);
  });
});

describe("plain http", () => {
  test("to this machine is fine: 127.0.0.0/8, ::1 and localhost", () => {
    for (const url of ["http://127.0.0.1:8080", "http://127.9.8.7", "http://[::1]:9000", "http://localhost:3000", "http://LOCALHOST"]) {
      expect(() => resolveBaseUrl({ baseUrl: url })).not.toThrow();
    }
  });

  test("to another machine is refused, from --base-url or INTERCOM_BASE_URL, naming the source and the way out", () => {
    for (
      const [input, source] of [
        [{ baseUrl: "http://proxy.internal:8080" }, "--base-url"],
        [{ envBaseUrl: "http://10.0.0.5" }, "INTERCOM_BASE_URL"],
        [{ baseUrl: "http://127.0.0.1.nip.io" }, "--base-url"],
      ] as const
    ) {
      const error = (() => {
        try {
          resolveBaseUrl(input);
        } catch (caught) {
          return caught;
        }
      })();
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toStartWith(source);
      expect((error as Error).message).toContain("--allow-insecure-http");
    }
  });

  test("to another machine is allowed with allowInsecureHttp", () => {
    expect(resolveBaseUrl({ baseUrl: "http://proxy.internal:8080/", allowInsecureHttp: true })).toBe("http://proxy.internal:8080");
    expect(validateBaseUrl("http://10.0.0.5", "base URL", { allowInsecureHttp: true })).toBe("http://10.0.0.5");
  });

  test("the client refuses it too, unless allowed", () => {
    const options = { baseUrl: "http://proxy.internal", token: "t0ken-value", userAgent: "t" };
    expect(() => createApiClient(options)).toThrow(ConfigError);
    expect(() => createApiClient({ ...options, allowInsecureHttp: true })).not.toThrow();
  });
});
