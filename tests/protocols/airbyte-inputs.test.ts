/** The files `airbyte read` is handed: config, configured catalog and state, in the forms Airbyte produces. */
import { describe, expect, test } from "bun:test";
import { parseAirbyteConfig } from "../../src/protocols/airbyte/config.ts";
import { engineSettings } from "../../src/settings/schema.ts";
import { parseConfiguredCatalog } from "../../src/protocols/airbyte/configured-catalog.ts";
import { parseStateInput } from "../../src/protocols/airbyte/state-input.ts";

describe("config", () => {
  test("an Airbyte Intercom source config moves over unchanged (client_id/secret ignored)", () => {
    const config = parseAirbyteConfig({
      access_token: " tok ",
      start_date: "2020-11-16T00:00:00Z",
      lookback_window: 3,
      activity_logs_time_step: 7,
      client_id: "x",
      client_secret: "y",
    });
    // The run's Settings: the file's keys mapped, every other setting at the CLI's own default.
    expect(config).toEqual({
      token: "tok",
      baseUrl: "https://api.intercom.io",
      since: Date.UTC(2020, 10, 16) / 1000,
      lookbackDays: 3,
      activityLogsWindowDays: 7,
      intercomVersion: "2.11",
      requestTimeoutSeconds: 60,
      allowInsecureHttp: false,
      fullRefresh: false,
      searchLagMinutes: 5,
      windowDays: 30,
      concurrency: 32,
      failFast: false,
      omitInternalNotes: false,
    });
  });

  test("defaults, region and base_url", () => {
    expect(parseAirbyteConfig({ access_token: "t", region: "eu" })).toMatchObject({
      baseUrl: "https://api.eu.intercom.io",
      lookbackDays: 0,
      activityLogsWindowDays: 30,
    });
    expect(parseAirbyteConfig({ access_token: "t", region: "eu", base_url: "http://127.0.0.1:9/" }).baseUrl).toBe("http://127.0.0.1:9");
  });

  test("bad values are refused naming the key, never echoing the token", () => {
    expect(() => parseAirbyteConfig({})).toThrow(/access_token/);
    expect(() => parseAirbyteConfig({ access_token: "secret-1", start_date: "yesterday" })).toThrow(/start_date/);
    expect(() => parseAirbyteConfig({ access_token: "secret-1", start_date: "1969-12-31T23:59:59Z" })).toThrow(/start_date.*before 1970-01-01/);
    expect(() => parseAirbyteConfig({ access_token: "secret-1", lookback_window: -1 })).toThrow(/lookback_window/);
    expect(() => parseAirbyteConfig({ access_token: "secret-1", activity_logs_time_step: 92 })).toThrow(/activity_logs_time_step/);
    expect(() => parseAirbyteConfig({ access_token: "secret-1", region: "mars" })).toThrow(/region/);
    expect(() => parseAirbyteConfig({ access_token: "secret-1", region: "mars" })).not.toThrow(/secret-1/);
  });
});

describe("configured catalog", () => {
  test("selects the listed streams in catalog order; full_refresh and cursorless streams ignore state", () => {
    const catalog = parseConfiguredCatalog({
      streams: [
        { stream: { name: "tags" }, sync_mode: "incremental", destination_sync_mode: "append" },
        { stream: { name: "contacts" }, sync_mode: "incremental", destination_sync_mode: "append_dedup" },
        { stream: { name: "tickets" }, sync_mode: "full_refresh", destination_sync_mode: "overwrite" },
      ],
    });
    expect(catalog.streams.map((stream) => stream.name)).toEqual(["contacts", "tags", "tickets"]);
    expect([...catalog.fullRefresh].sort()).toEqual(["tags", "tickets"]);
  });

  test("unknown streams, an empty selection and a bad shape are refused", () => {
    expect(() => parseConfiguredCatalog({ streams: [{ stream: { name: "users" } }] })).toThrow(/users/);
    expect(() => parseConfiguredCatalog({ streams: [] })).toThrow(/no streams/);
    expect(() => parseConfiguredCatalog({ streams: {} })).toThrow(/streams/);
  });
});

describe("state", () => {
  const progress = { cursor: 1_700_000_000, lastSyncedAt: 1_700_000_100, outcome: "ok" as const };
  const cursors = (value: unknown) =>
    Object.fromEntries(Object.entries(parseStateInput(value).streams).map(([name, mapped]) => [name, mapped.progress ?? mapped.problems]));

  test("an array of per-stream STATE messages, bare or wrapped", () => {
    const state = parseStateInput([
      { type: "STREAM", stream: { stream_descriptor: { name: "contacts" }, stream_state: progress } },
      { type: "STATE", state: { type: "STREAM", stream: { stream_descriptor: { name: "tags" }, stream_state: {} } } },
    ]);
    expect(state.streams).toEqual({ contacts: { progress, problems: [] }, tags: { problems: [] } });
    expect(state.unknown).toEqual([]);
  });

  test("GLOBAL and LEGACY messages, and the legacy object forms", () => {
    const global = {
      type: "GLOBAL",
      global: { shared_state: {}, stream_states: [{ stream_descriptor: { name: "contacts" }, stream_state: progress }] },
    };
    expect(cursors([global])).toEqual({ contacts: progress });
    expect(cursors([{ type: "LEGACY", data: { contacts: progress } }])).toEqual({ contacts: progress });
    expect(cursors({ contacts: progress })).toEqual({ contacts: progress });
    expect(cursors({ bookmarks: { contacts: progress }, currently_syncing: null })).toEqual({ contacts: progress });
    expect(cursors({ version: 1, workspace: {}, streams: { contacts: progress } })).toEqual({ contacts: progress });
    expect(cursors([])).toEqual({});
    expect(cursors({})).toEqual({});
  });

  test("unknown streams are reported, broken files refused", () => {
    const state = parseStateInput({ users: { updated_at: 1 }, contacts: {} });
    expect(state.unknown).toEqual(["users"]);
    expect(state.streams).toEqual({ contacts: { problems: [] } });
    expect(cursors({ contacts: { cursor: 1_700_000_000_000 } }).contacts).toEqual([expect.stringContaining("milliseconds")]);
    expect(() => parseStateInput([{ type: "STREAM", stream: {} }])).toThrow(/stream_descriptor/);
    expect(() => parseStateInput([{ type: "PER_PLANET" }])).toThrow(/unknown type/);
    expect(() => parseStateInput("contacts")).toThrow();
  });
});

test("config: omit_internal_notes leaves internal notes out of the transcripts; it must be a boolean", () => {
  expect(parseAirbyteConfig({ access_token: "t", omit_internal_notes: true }).omitInternalNotes).toBe(true);
  expect(parseAirbyteConfig({ access_token: "t" }).omitInternalNotes).toBe(false);
  expect(() => parseAirbyteConfig({ access_token: "t", omit_internal_notes: "yes" })).toThrow(/omit_internal_notes/);
});

test("config: custom_object_types are the types custom_object_instances lists whole; a list of identifiers", () => {
  const settings = parseAirbyteConfig({ access_token: "t", custom_object_types: ["Order", " Subscription "] });
  expect(engineSettings(settings).wholeTypes).toEqual(["Order", "Subscription"]);
  expect(engineSettings(parseAirbyteConfig({ access_token: "t" })).wholeTypes).toBeUndefined();
  expect(() => parseAirbyteConfig({ access_token: "t", custom_object_types: "Order" })).toThrow(/custom_object_types/);
  expect(() => parseAirbyteConfig({ access_token: "t", custom_object_types: [""] })).toThrow(/custom_object_types/);
});
