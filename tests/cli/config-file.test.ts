import { afterAll, beforeAll, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expandConfigFile } from "../../src/cli/config-file.ts";
import { startFakeIntercom, type RunningFakeIntercom } from "../../src/fake/mod.ts";
import { runSourceCli } from "../helpers/spawn-cli.ts";

const dir = mkdtempSync(join(tmpdir(), "intercom-sync-config-"));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

let fake: RunningFakeIntercom;
beforeAll(async () => {
  fake = await startFakeIntercom({ now: Math.floor(Date.now() / 1000) - 7200 });
});
afterAll(() => fake.close());

test("config entries become flags after the command name, and a flag on the command line wins", async () => {
  const path = file("a.json", JSON.stringify({ since: "2024-01-01", streams: ["admins", "tags"], "full-refresh": true, quiet: false }));
  expect(await expandConfigFile(["sync", "--config", path, "--since", "2025-06-01"])).toEqual([
    "sync",
    "--streams",
    "admins,tags",
    "--full-refresh",
    "--since",
    "2025-06-01",
  ]);
});

test("a sync driven by a config file exports what the file selects", async () => {
  const db = join(dir, "out.sqlite");
  const path = file("b.json", JSON.stringify({ streams: "admins,tags", sqlite: db, state: join(dir, "state.json"), "base-url": fake.url, quiet: true }));
  const run = await runSourceCli(["--config", path], { INTERCOM_ACCESS_TOKEN: "test-token" });
  expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: "" });
  const state = JSON.parse(readFileSync(join(dir, "state.json"), "utf8")) as { streams: Record<string, unknown> };
  expect(Object.keys(state.streams).sort()).toEqual(["admins", "tags"]);
});

test("a token in a config file, bad JSON or an unknown value shape exit 2 with a message naming the file", async () => {
  for (const [name, text, says] of [
    ["token.json", JSON.stringify({ token: "secret-value" }), "INTERCOM_ACCESS_TOKEN"],
    ["broken.json", "{ not json", "not valid JSON"],
    ["shape.json", JSON.stringify({ streams: { a: 1 } }), "streams"],
  ] as const) {
    const path = file(name, text);
    const run = await runSourceCli(["sync", "--config", path]);
    expect({ name, code: run.code }).toEqual({ name, code: 2 });
    expect(run.stderr).toContain(path);
    expect(run.stderr).toContain(says);
    expect(run.stderr).not.toContain("secret-value");
  }
});
