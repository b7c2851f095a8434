/** `airbyte spec|check|discover`: each prints one valid message; check reports a refused token as FAILED. */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { RunningFakeIntercom } from "../../src/fake/mod.ts";
import { STREAM_NAMES } from "../../src/streams/catalog.ts";
import { validateAirbyte } from "../sinks/protocol-shapes.ts";
import { runCli, runCliMessages } from "../helpers/run-cli.ts";
import { tempDir } from "../helpers/temp-dir.ts";
import { startFake, writeJson } from "./helpers.ts";

let fake: RunningFakeIntercom;
let dir: string;
beforeAll(async () => {
  fake = await startFake();
  dir = tempDir().dir;
});
afterAll(() => fake.close());

const config = (token: string) =>
  writeJson(dir, `config-${token}.json`, { access_token: token, start_date: "2020-01-01T00:00:00Z", base_url: fake.url });

/** The run's single message, checked against the protocol shapes. */
function only(run: { exitCode: number; messages: Record<string, unknown>[]; stderr: string }): Record<string, unknown> {
  expect(run.messages).toHaveLength(1);
  expect(validateAirbyte(run.messages[0])).toEqual([]);
  return run.messages[0]!;
}

describe("airbyte spec", () => {
  test("announces the Airbyte Intercom source's config keys, the token as a secret", async () => {
    const run = await runCliMessages(["airbyte", "spec"]);
    expect(run.exitCode).toBe(0);
    const message = only(run) as { type: string; spec: { connectionSpecification: Record<string, any>; protocol_version: string } };
    expect(message.type).toBe("SPEC");
    const schema = message.spec.connectionSpecification;
    expect(schema.required).toEqual(["access_token"]);
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(["access_token", "start_date", "lookback_window", "activity_logs_time_step", "base_url", "region"]),
    );
    expect(schema.properties.access_token.airbyte_secret).toBe(true);
    expect(schema.properties.activity_logs_time_step).toMatchObject({ type: "integer", minimum: 1, maximum: 91 });
  });
});

describe("airbyte check", () => {
  test("a valid token → CONNECTION_STATUS SUCCEEDED, exit 0", async () => {
    const run = await runCliMessages(["airbyte", "check", "--config", config("test-token")]);
    expect(run.exitCode).toBe(0);
    expect(only(run)).toEqual({ type: "CONNECTION_STATUS", connectionStatus: { status: "SUCCEEDED" } });
  });

  test("a refused token → CONNECTION_STATUS FAILED with the reason, never the token", async () => {
    const run = await runCliMessages(["airbyte", "check", "--config", config("wrong-token-4711")]);
    expect(run.exitCode).toBe(0);
    const message = only(run) as { connectionStatus: { status: string; message: string } };
    expect(message.connectionStatus.status).toBe("FAILED");
    expect(message.connectionStatus.message).toMatch(/401|token/i);
    expect(run.stdout + run.stderr).not.toContain("wrong-token-4711");
  });

  test("an invalid config → FAILED naming the key", async () => {
    const path = writeJson(dir, "bad-config.json", { access_token: "test-token", activity_logs_time_step: 200 });
    const message = only(await runCliMessages(["airbyte", "check", "--config", path])) as { connectionStatus: { status: string; message: string } };
    expect(message.connectionStatus.status).toBe("FAILED");
    expect(message.connectionStatus.message).toContain("activity_logs_time_step");
  });
});

describe("airbyte discover", () => {
  test("lists every stream with keys, cursors and sync modes", async () => {
    const run = await runCliMessages(["airbyte", "discover", "--config", config("test-token")]);
    expect(run.exitCode).toBe(0);
    const message = only(run) as { catalog: { streams: { name: string; supported_sync_modes: string[]; default_cursor_field?: string[] }[] } };
    expect(message.catalog.streams.map((stream) => stream.name)).toEqual([...STREAM_NAMES]);
    const contacts = message.catalog.streams.find((stream) => stream.name === "contacts")!;
    expect(contacts).toMatchObject({ supported_sync_modes: ["full_refresh", "incremental"], default_cursor_field: ["updated_at"] });
  });

  test("declares exactly what the engine honours, in draft-07, and agrees with `streams --json` (but for company_segments)", async () => {
    const run = await runCliMessages(["airbyte", "discover", "--config", config("test-token")]);
    type Stream = {
      name: string;
      supported_sync_modes: string[];
      default_cursor_field?: string[];
      source_defined_cursor: boolean;
      json_schema: { $schema: string };
    };
    const streams = new Map((only(run) as { catalog: { streams: Stream[] } }).catalog.streams.map((stream) => [stream.name, stream]));
    // Parts follow conversations incrementally; company segments are read for every company on every run, and
    // sent incrementally by comparing keys with the last read.
    expect(streams.get("conversation_parts")).toMatchObject({
      supported_sync_modes: ["full_refresh", "incremental"],
      default_cursor_field: ["updated_at"],
      source_defined_cursor: true,
    });
    expect(streams.get("company_segments")).toMatchObject({
      supported_sync_modes: ["full_refresh", "incremental"],
      default_cursor_field: ["updated_at"],
      source_defined_cursor: true,
    });
    expect(streams.get("activity_logs")!.default_cursor_field).toEqual(["created_at"]);
    for (const stream of streams.values()) expect(stream.json_schema.$schema).toBe("http://json-schema.org/draft-07/schema#");
    const listed = await runCli(["streams", "--json"]);
    for (const entry of JSON.parse(listed.stdout) as { name: string; syncModes: string[]; cursorField: string | null }[]) {
      // The command line writes company_segments whole on every run: only the protocols compare keys.
      if (entry.name === "company_segments") {
        expect({ modes: entry.syncModes, cursor: entry.cursorField }).toEqual({ modes: ["full_refresh"], cursor: null });
        continue;
      }
      const stream = streams.get(entry.name)!;
      expect({ name: entry.name, modes: entry.syncModes, cursor: entry.cursorField }).toEqual({
        name: stream.name,
        modes: stream.supported_sync_modes,
        cursor: stream.default_cursor_field?.[0] ?? null,
      });
    }
  });

  test("a missing config file → TRACE ERROR config_error on stdout, exit 1", async () => {
    const run = await runCliMessages(["airbyte", "discover", "--config", `${dir}/nope.json`]);
    expect(run.exitCode).toBe(1);
    expect(only(run)).toMatchObject({ type: "TRACE", trace: { type: "ERROR", error: { failure_type: "config_error" } } });
  });
});
