/**
 * docker/entrypoint.sh, the custom connector image's entrypoint, run here against the sources (no container
 * engine on this machine: the image itself is not built by the tests). Airbyte passes the protocol command as
 * the image's arguments; each must reach `intercom-sync airbyte` unchanged, exit code included.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { chmodSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { RunningFakeIntercom } from "../../src/fake/mod.ts";
import { validateAirbyte } from "../sinks/protocol-shapes.ts";
import { STREAM_NAMES } from "../../src/streams/catalog.ts";
import { BUN, ROOT } from "../helpers/paths.ts";
import { runProcess } from "../helpers/run-cli.ts";
import { tempDir } from "../helpers/temp-dir.ts";
import { startFake, writeJson } from "./helpers.ts";

type Message = Record<string, any>;

let fake: RunningFakeIntercom;
let dir: string;
let bin: string;

const entrypoint = async (...args: string[]) => {
  const run = await runProcess("sh", [join(ROOT, "docker/entrypoint.sh"), ...args], { env: { INTERCOM_SYNC_BIN: bin } });
  const messages = run.stdout.split("\n").filter((line) => line !== "").map((line) => JSON.parse(line) as Message);
  return { ...run, messages };
};

beforeAll(async () => {
  fake = await startFake();
  dir = tempDir().dir;
  // Stands in for /usr/local/bin/intercom-sync.
  bin = join(dir, "intercom-sync");
  writeFileSync(bin, `#!/bin/sh\ncd '${ROOT}' && exec '${BUN}' src/cli/main.ts "$@"\n`);
  chmodSync(bin, 0o755);
});
afterAll(() => fake.close());

describe("docker/entrypoint.sh", () => {
  test("spec, check, discover and read reach `intercom-sync airbyte`", async () => {
    const config = writeJson(dir, "config.json", { access_token: "test-token", start_date: "2020-11-22T20:32:05Z", base_url: fake.url });
    const spec = await entrypoint("spec");
    expect(spec.exitCode).toBe(0);
    expect(spec.messages.map((m) => m.type)).toEqual(["SPEC"]);
    const check = await entrypoint("check", "--config", config);
    expect(check.messages[0]).toMatchObject({ type: "CONNECTION_STATUS", connectionStatus: { status: "SUCCEEDED" } });
    const discover = await entrypoint("discover", "--config", config);
    expect(discover.messages[0]?.catalog.streams.length).toBe(STREAM_NAMES.length);
    const catalog = writeJson(dir, "catalog.json", {
      streams: [{ stream: { name: "tags" }, sync_mode: "full_refresh", destination_sync_mode: "overwrite" }],
    });
    const state = writeJson(dir, "state.json", []);
    const read = await entrypoint("read", "--config", config, "--catalog", catalog, "--state", state);
    expect(read.exitCode).toBe(0);
    expect(read.messages.some((m) => m.type === "RECORD" && m.record.stream === "tags")).toBe(true);
    for (const run of [spec, check, discover, read]) expect(run.messages.flatMap((m) => validateAirbyte(m))).toEqual([]);
  });

  test("the binary's exit code passes through", async () => {
    const read = await entrypoint("read", "--config", join(dir, "missing.json"), "--catalog", join(dir, "missing.json"));
    expect(read.exitCode).toBe(1);
    expect(read.messages.at(-1)).toMatchObject({ type: "TRACE", trace: { error: { failure_type: "config_error" } } });
  });

  test("an unknown command → TRACE ERROR config_error, exit 1, still valid protocol", async () => {
    for (const args of [[], ["sync"], ["--help"], ['x"y\\z']]) {
      const run = await entrypoint(...args);
      expect(run.exitCode).toBe(1);
      expect(run.messages).toHaveLength(1);
      expect(validateAirbyte(run.messages[0])).toEqual([]);
      expect(run.messages[0]).toMatchObject({ type: "TRACE", trace: { type: "ERROR", error: { failure_type: "config_error" } } });
    }
  });

  test("meltano/tap-intercom-sync hands Meltano's arguments to `intercom-sync singer`", async () => {
    const config = writeJson(dir, "tap.json", { base_url: fake.url });
    const run = await runProcess("sh", [join(ROOT, "meltano/tap-intercom-sync"), "--config", config, "--discover"], {
      env: { INTERCOM_SYNC_BIN: bin },
    });
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout).streams).toHaveLength(STREAM_NAMES.length);
  });
});
