/**
 * `check --custom-object-types`: the whole-type listing a sync makes for the named types (each one, one record,
 * with 2.16) is what custom_object_instances is probed with; a type the workspace lacks is a setting to fix (exit 2).
 */
import { expect, test } from "bun:test";
import { checkStreams } from "../../src/check/check-streams.ts";
import { startFakeIntercom } from "../../src/fake/mod.ts";
import { createApiClient } from "../../src/http/client.ts";
import { selectStreams } from "../../src/streams/select.ts";
import { runCliInProcess } from "../helpers/run-cli-in-process.ts";
import { withTempDir } from "../helpers/temp-dir.ts";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";

const NOW = 1_767_225_600;
const LISTING = "GET /custom_object_instances/{id}";
const BY_ID = "GET /custom_object_instances/{id}/{id}";

test("a named type: its whole listing is probed with 2.16 on a 2.11 check, not a referred instance", async () => {
  const fake = await startFakeIntercom({ sizes: { conversations: 3 } });
  try {
    const client = createApiClient({ baseUrl: fake.url, token: "test-token", userAgent: "tests", intercomVersion: "2.11" });
    const rows = await checkStreams({
      client,
      streams: selectStreams(["custom_object_instances"]),
      now: NOW,
      intercomVersion: "2.11",
      customObjectTypes: ["Order"],
    });
    expect(rows.map((row) => [row.stream, row.status, row.reason])).toEqual([["custom_object_instances", "ok", ""]]);
    expect(fake.stats.versionsByRoute[LISTING]).toEqual({ "2.16": 1 });
    expect(fake.stats.byRoute[BY_ID]).toBeUndefined();
  } finally {
    await fake.close();
  }
});

test("a named type the workspace lacks (404) is said by name, as a setting to fix", async () => {
  const fake = await startFakeIntercom({ sizes: { conversations: 3 } });
  try {
    const client = createApiClient({ baseUrl: fake.url, token: "test-token", userAgent: "tests" });
    const rows = await checkStreams({ client, streams: selectStreams(["custom_object_instances"]), now: NOW, customObjectTypes: ["Ordr"] });
    expect(rows).toEqual([{
      stream: "custom_object_instances",
      permission: "Read conversations",
      status: "error",
      reason: expect.stringContaining('no custom object type "Ordr" (HTTP 404)'),
      badSetting: true,
    }]);
  } finally {
    await fake.close();
  }
});

test("every named type is probed: the ones the workspace lacks are all said, not only when the first is wrong", async () => {
  const fake = await startFakeIntercom({ sizes: { conversations: 3 } });
  try {
    const client = createApiClient({ baseUrl: fake.url, token: "test-token", userAgent: "tests" });
    const check = (types: string[]) =>
      checkStreams({ client, streams: selectStreams(["custom_object_instances"]), now: NOW, customObjectTypes: types });
    const rows = await check(["Order", "Ordr", "Subscription"]);
    expect(rows.map((row) => [row.status, row.reason, row.badSetting])).toEqual([
      ["error", 'this workspace has no custom object types "Ordr", "Subscription" (HTTP 404): fix --custom-object-types', true],
    ]);
    expect(fake.stats.byRoute[LISTING]).toBe(3);
    const one = await check(["Order", "Subscription"]);
    expect(one.map((row) => [row.status, row.reason])).toEqual([
      ["error", 'this workspace has no custom object type "Subscription" (HTTP 404): fix --custom-object-types'],
    ]);
  } finally {
    await fake.close();
  }
});

test("a named type without the permission: missing, as for any stream", async () => {
  const fake = await startFakeIntercom({ tokens: { "test-token": { missing: ["Read conversations"] } } });
  try {
    const client = createApiClient({ baseUrl: fake.url, token: "test-token", userAgent: "tests" });
    const rows = await checkStreams({ client, streams: selectStreams(["custom_object_instances"]), now: NOW, customObjectTypes: ["Order"] });
    expect(rows.map((row) => [row.status, row.reason])).toEqual([["missing", expect.stringContaining("HTTP 403")]]);
    expect(fake.stats.byRoute[LISTING]).toBe(1);
  } finally {
    await fake.close();
  }
});

test("the command line: check --custom-object-types probes the named type, and a type the workspace lacks exits 2", async () => {
  const fake = await startFakeIntercom({ sizes: { conversations: 3 } });
  try {
    const args = ["check", "--base-url", fake.url, "--token", "test-token", "--streams", "custom_object_instances"];
    const ok = await runCliInProcess([...args, "--custom-object-types", "Order"]);
    expect(ok.exitCode).toBe(0);
    expect(fake.stats.versionsByRoute[LISTING]).toEqual({ "2.16": 1 });
    const wrong = await runCliInProcess([...args, "--custom-object-types", "Ordr"]);
    expect(wrong.exitCode).toBe(2);
    expect(wrong.stdout).toContain('no custom object type "Ordr"');
  } finally {
    await fake.close();
  }
});

test("check --config: the sync's config file names the types (and the streams); its other settings are a sync's", async () => {
  const fake = await startFakeIntercom({ sizes: { conversations: 3 } });
  try {
    await withTempDir(async (dir) => {
      const config = join(dir, "intercom-sync.json");
      const settings = { "streams": "custom_object_instances", "custom-object-types": "Ordr", "sqlite": join(dir, "out.db"), "since": "2024-01-01" };
      await writeFile(config, JSON.stringify(settings));
      const wrong = await runCliInProcess(["check", "--base-url", fake.url, "--token", "test-token", "--config", config]);
      expect(wrong.stdout).toContain('no custom object type "Ordr"');
      expect(wrong.exitCode).toBe(2);
      // A flag wins over the file, as for sync.
      const flagged = await runCliInProcess([
        "check",
        "--base-url",
        fake.url,
        "--token",
        "test-token",
        "--config",
        config,
        "--custom-object-types",
        "Order",
      ]);
      expect(flagged.exitCode).toBe(0);
      expect(fake.stats.versionsByRoute[LISTING]).toEqual({ "2.16": 2 });
    });
  } finally {
    await fake.close();
  }
});
