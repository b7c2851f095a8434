/**
 * One settings module: every entry point (flags, config file, demo, Airbyte and Singer configs) produces the same
 * validated Settings, with the defaults and bounds of settings/schema.ts, and connect() builds every command's
 * client and stop signal from them.
 */
import { describe, expect, test } from "bun:test";
import { formatMessage } from "@optique/core/message";
import { parse } from "@optique/core/parser";
import { cliParser } from "../../src/cli/args/parser.ts";
import { readSettings } from "../../src/cli/config-file/read.ts";
import { ConfigError, TimeLimitError } from "../../src/errors.ts";
import { CONNECTION_SPECIFICATION, parseAirbyteConfig } from "../../src/protocols/airbyte/config.ts";
import { connect } from "../../src/settings/connect.ts";
import { parseSettings, SETTING_BOUNDS, SETTING_DEFAULTS } from "../../src/settings/schema.ts";

const CONNECTION = { token: "secret-token-1234", baseUrl: "http://127.0.0.1:9" };
const AIRBYTE = { access_token: "secret-token-1234", base_url: "http://127.0.0.1:9" };

function parseSync(args: string[]): Record<string, unknown> {
  const result = parse(cliParser, ["sync", ...args]);
  if (!result.success) throw new Error("the command line did not parse");
  return result.value as Record<string, unknown>;
}

describe("parseSettings", () => {
  test("fills every setting nobody gave with its one default", () => {
    expect(parseSettings(CONNECTION)).toEqual({ ...CONNECTION, ...SETTING_DEFAULTS });
  });

  test("refuses a value outside its bounds with ConfigError naming the setting, never the token", () => {
    for (const [name, { min, max }] of Object.entries(SETTING_BOUNDS)) {
      for (const bad of [min - 1, max + 1]) {
        const attempt = () => parseSettings({ ...CONNECTION, [name]: bad });
        expect(attempt).toThrow(ConfigError);
        expect(attempt).toThrow(new RegExp(name));
        expect(attempt).not.toThrow(/secret-token/);
      }
      expect(parseSettings({ ...CONNECTION, [name]: max })[name as keyof typeof SETTING_BOUNDS]).toBe(max);
    }
    expect(() => parseSettings({ ...CONNECTION, token: "  " })).toThrow(/token/);
  });

  test("a date before 1970 is refused by every entry point, naming 1970-01-01 (cursors cannot be negative)", () => {
    expect(() => parseSettings({ ...CONNECTION, since: -1 })).toThrow(/since .*before 1970-01-01/);
    expect(parseSettings({ ...CONNECTION, since: 0 }).since).toBe(0);
    const flag = parse(cliParser, ["sync", "--since", "1969-12-31T23:59:59Z"]);
    expect(flag.success).toBe(false);
    if (!flag.success) expect(formatMessage(flag.error)).toContain("before 1970-01-01");
    expect(parseSync(["--since", "1970-01-01"]).since).toBe(0);
    expect(() => readSettings("c.json", JSON.stringify({ since: "1900-01-01" }))).toThrow(/"since" is not valid: "1900-01-01" is before 1970-01-01/);
    expect(() => parseAirbyteConfig({ ...AIRBYTE, start_date: "1969-07-20T20:17:00Z" })).toThrow(/start_date.*before 1970-01-01/);
    expect(parseAirbyteConfig({ ...AIRBYTE, start_date: "1970-01-01T00:00:00Z" }).since).toBe(0);
  });
});

describe("every entry point takes the same defaults and bounds", () => {
  test("the flags' defaults are the settings module's", () => {
    const sync = parseSync([]);
    expect(sync).toMatchObject({
      intercomVersion: SETTING_DEFAULTS.intercomVersion,
      requestTimeout: SETTING_DEFAULTS.requestTimeoutSeconds,
      allowInsecureHttp: SETTING_DEFAULTS.allowInsecureHttp,
      fullRefresh: SETTING_DEFAULTS.fullRefresh,
      lookbackDays: SETTING_DEFAULTS.lookbackDays,
      searchLagMinutes: SETTING_DEFAULTS.searchLagMinutes,
      windowDays: SETTING_DEFAULTS.windowDays,
      activityLogsWindowDays: SETTING_DEFAULTS.activityLogsWindowDays,
      concurrency: SETTING_DEFAULTS.concurrency,
      failFast: SETTING_DEFAULTS.failFast,
    });
  });

  test("the flags and the config file accept exactly the settings module's bounds", () => {
    const { min, max } = SETTING_BOUNDS.concurrency;
    expect(parseSync(["--concurrency", String(max)]).concurrency).toBe(max);
    expect(parse(cliParser, ["sync", "--concurrency", String(max + 1)]).success).toBe(false);
    expect(parse(cliParser, ["sync", "--concurrency", String(min - 1)]).success).toBe(false);
    const timeout = SETTING_BOUNDS.requestTimeoutSeconds;
    expect(parse(cliParser, ["sync", "--request-timeout", String(timeout.max + 1)]).success).toBe(false);
    expect(() => readSettings("c.json", JSON.stringify({ "window-days": SETTING_BOUNDS.windowDays.max + 1 }))).toThrow(ConfigError);
    expect(readSettings("c.json", JSON.stringify({ "window-days": SETTING_BOUNDS.windowDays.max }))[0]?.value).toBe(
      SETTING_BOUNDS.windowDays.max,
    );
  });

  test("the Airbyte spec announces, and its config applies, the same defaults and bounds", () => {
    const properties = CONNECTION_SPECIFICATION.properties as Record<string, Record<string, unknown>>;
    expect(properties.lookback_window).toMatchObject({
      default: SETTING_DEFAULTS.lookbackDays,
      minimum: SETTING_BOUNDS.lookbackDays.min,
      maximum: SETTING_BOUNDS.lookbackDays.max,
    });
    expect(properties.activity_logs_time_step).toMatchObject({
      default: SETTING_DEFAULTS.activityLogsWindowDays,
      minimum: SETTING_BOUNDS.activityLogsWindowDays.min,
      maximum: SETTING_BOUNDS.activityLogsWindowDays.max,
    });
    expect(parseAirbyteConfig({ access_token: "t", base_url: CONNECTION.baseUrl })).toEqual({
      ...SETTING_DEFAULTS,
      token: "t",
      baseUrl: CONNECTION.baseUrl,
    });
  });
});

describe("connect", () => {
  test("--max-duration aborts the connection's signal with a TimeLimitError naming the limit", async () => {
    const connection = connect(parseSettings({ ...CONNECTION, maxDuration: { ms: 20, text: "20ms" } }), {
      retries: "run",
      handleSignals: false,
    });
    try {
      await new Promise<void>((resolve) => connection.signal.addEventListener("abort", () => resolve(), { once: true }));
      expect(connection.signal.reason).toBeInstanceOf(TimeLimitError);
      expect((connection.signal.reason as TimeLimitError).limit).toBe("20ms");
    } finally {
      connection.close();
    }
  });

  test("the check retry policy gives up after 2 attempts, so a check answers in seconds", async () => {
    let requests = 0;
    const server = Bun.serve({
      hostname: "127.0.0.1",
      port: 0,
      fetch: () => {
        requests++;
        return new Response("{}", { status: 503, headers: { "content-type": "application/json" } });
      },
    });
    try {
      const settings = parseSettings({ ...CONNECTION, baseUrl: `http://127.0.0.1:${server.port}` });
      const { client } = connect(settings, { retries: "check", handleSignals: false });
      await expect(client.request({ method: "GET", path: "/admins" })).rejects.toThrow();
      expect(requests).toBe(2);
    } finally {
      server.stop(true);
    }
  });

  test("an unusable base URL is a ConfigError before any request", () => {
    expect(() => connect(parseSettings({ ...CONNECTION, baseUrl: "http://example.com" }), { retries: "run", handleSignals: false })).toThrow(
      ConfigError,
    );
  });
});
