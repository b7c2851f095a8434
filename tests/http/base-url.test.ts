import { describe, expect, test } from "bun:test";
import { resolveBaseUrl } from "../../src/http/base-url.ts";
import { ConfigError } from "../../src/http/errors.ts";

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
