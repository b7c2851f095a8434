/**
 * `--config FILE` is data: a JSON object read into the same typed settings the flags produce. Every case runs the
 * real CLI against the fake Intercom.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describeUnreadableConfig, readSettings } from "../../src/cli/config-file/read.ts";
import { settingsGiven } from "../../src/cli/config-file/keys-given.ts";
import { CONFIG_KEYS } from "../../src/cli/config-file/keys.ts";
import { type RunningFakeIntercom, startFakeIntercom } from "../../src/fake/mod.ts";
import { pastNow } from "../helpers/cli-sync.ts";
import { runCli } from "../helpers/run-cli.ts";
import { tempDir } from "../helpers/temp-dir.ts";

const SECRET = "SECRET-TOKEN-0123456789abcdef";
const temp = tempDir();
const dir = temp.dir;
let count = 0;
/** A config file in the test directory; `text` is written as is, anything else as JSON. */
const configFile = (content: unknown): string => {
  const path = join(dir, `config-${++count}.json`);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
};
const freshPath = (name: string) => join(dir, `${++count}-${name}`);

let fake: RunningFakeIntercom;
beforeAll(async () => {
  fake = await startFakeIntercom({ now: pastNow() });
});
afterAll(async () => {
  await fake.close();
  temp.remove();
});

/** The settings every exporting run here needs, so the file's own values are what the test varies. */
const base = () => ({ "base-url": fake.url, state: freshPath("state.json"), streams: ["admins"] });
/** The streams named in a JSON lines export. */
const streamsIn = (stdout: string) => [...new Set(stdout.trim().split("\n").map((line) => (JSON.parse(line) as { stream: string }).stream))];

test("a token smuggled in as a value is refused, and the secret is never printed", async () => {
  for (
    const settings of [
      { quiet: `--token=${SECRET}` },
      { "intercom-version": `2.11 --token ${SECRET}` },
      { streams: ["admins", `Bearer ${SECRET}`] },
      { state: "dG9rOjEyMzQ1Njc4OTBhYmNkZWY=" },
    ]
  ) {
    const run = await runCli(["sync", "--config", configFile({ ...base(), ...settings })]);
    expect({ settings, exitCode: run.exitCode }).toEqual({ settings, exitCode: 2 });
    expect(run.stderr).toContain("token");
    expect(run.stderr).toContain("INTERCOM_ACCESS_TOKEN");
    expect(run.stderr + run.stdout).not.toContain(SECRET.slice(0, 8));
  }
});

test("a token under any of its names, at any depth, is refused", async () => {
  for (const settings of [{ token: SECRET }, { "access-token": SECRET }, { access_token: SECRET }, { nested: { token: SECRET } }]) {
    const path = configFile(settings);
    const run = await runCli(["sync", "--config", path]);
    expect({ settings, exitCode: run.exitCode }).toEqual({ settings, exitCode: 2 });
    expect(run.stderr).toContain(path);
    expect(run.stderr).toContain("INTERCOM_ACCESS_TOKEN");
    expect(run.stderr).not.toContain(SECRET.slice(0, 8));
  }
});

test("a value of the wrong type exits 2 naming the key and the type expected", async () => {
  for (
    const [settings, says] of [
      [{ "full-refresh": "yes" }, '"full-refresh" must be true or false, not a string'],
      [{ "lookback-days": "2" }, '"lookback-days" must be a whole number, not a string'],
      [{ concurrency: 2.5 }, '"concurrency" must be a whole number'],
      [{ streams: { admins: true } }, '"streams" must be a list of stream names or a comma-separated string, not an object'],
      [{ sqlite: 1 }, '"sqlite" must be a string, not a number'],
      [{ since: null }, '"since" must be a string, not null'],
    ] as const
  ) {
    const run = await runCli(["sync", "--config", configFile(settings)]);
    expect({ settings, exitCode: run.exitCode }).toEqual({ settings, exitCode: 2 });
    expect(run.stderr).toContain(says);
  }
});

test("values are checked by the same rules as the flags", async () => {
  for (
    const [settings, says] of [
      [{ since: "2024-02-30" }, '"since" is not valid: "2024-02-30" is not a date'],
      [{ streams: ["admins", "nope"] }, '"streams" is not valid: Unknown stream "nope"'],
      [{ streams: "" }, '"streams" is not valid: "" names no stream'],
      [{ "lookback-days": 5000 }, '"lookback-days" is not valid: Expected a value less than or equal to 3,650'],
      [{ "activity-logs-window-days": 0 }, '"activity-logs-window-days" is not valid: Expected a value greater than or equal to 1'],
      [{ region: "mars" }, '"region" is not valid: Expected one of'],
      [{ format: "csv" }, '"format" is not valid: Expected one of'],
      [{ state: "" }, '"state" must not be empty'],
    ] as const
  ) {
    const run = await runCli(["sync", "--config", configFile(settings)]);
    expect({ settings, exitCode: run.exitCode }).toEqual({ settings, exitCode: 2 });
    expect(run.stderr).toContain(says);
  }
});

test("an unknown key exits 2 with the closest valid name", async () => {
  for (
    const [key, suggestion] of [
      ["lookback_days", "lookback-days"],
      ["lookbackDays", "lookback-days"],
      ["lokback-days", "lookback-days"],
      ["stream", "streams"],
      ["fullrefresh", "full-refresh"],
    ] as const
  ) {
    const run = await runCli(["sync", "--config", configFile({ [key]: 1 })]);
    expect({ key, exitCode: run.exitCode }).toEqual({ key, exitCode: 2 });
    expect(run.stderr).toContain(`unknown setting "${key}" (did you mean "${suggestion}"?)`);
  }
  // Names every object inherits are unknown too: only the settings' own names count.
  const inherited = await runCli(["sync", "--config", configFile('{"constructor": 1}')]);
  expect(inherited.exitCode).toBe(2);
  expect(inherited.stderr).toContain('unknown setting "constructor"');
  for (const key of ["__proto__", "toString", "hasOwnProperty"]) {
    expect(() => readSettings("c.json", `{"${key}": 1}`)).toThrow(`unknown setting "${key}"`);
  }
  const far = await runCli(["sync", "--config", configFile({ colour: "blue" })]);
  expect(far.exitCode).toBe(2);
  expect(far.stderr).toContain('unknown setting "colour" (valid settings: since, streams');
});

test("a file that is not a JSON object exits 2 saying what it must hold", async () => {
  for (
    const [text, says] of [
      ["[1,2]", "must hold a JSON object of settings"],
      ["null", "must hold a JSON object of settings"],
      ['"since"', "must hold a JSON object of settings"],
      ["{ not json", "is not valid JSON"],
      ["", "is not valid JSON"],
    ] as const
  ) {
    const path = configFile(text);
    const run = await runCli(["sync", "--config", path]);
    expect({ text, exitCode: run.exitCode }).toEqual({ text, exitCode: 2 });
    expect(run.stderr).toContain(path);
    expect(run.stderr).toContain(says);
    expect(run.stderr).not.toContain('"0"');
  }
});

test("an unreadable or empty path exits 2 naming it", async () => {
  const missing = join(dir, "missing.json");
  for (
    const [args, says] of [
      [["--config", dir], `--config ${dir} is a directory, not a JSON file`],
      [["--config", missing], `--config ${missing}: no such file`],
      [["--config", ""], "--config needs a file name"],
      [["--config="], "--config needs a file name"],
    ] as const
  ) {
    const run = await runCli(["sync", ...args]);
    expect({ args, exitCode: run.exitCode }).toEqual({ args, exitCode: 2 });
    expect(run.stderr).toContain(says);
  }
});

test("a file the user may not read is named with the reason (root reads anything, so the message is checked directly)", () => {
  const error = Object.assign(new Error("EACCES: permission denied, open '/x/c.json'"), { code: "EACCES" });
  expect(describeUnreadableConfig("/x/c.json", error).message).toBe("--config /x/c.json cannot be read: permission denied");
});

test("the file's values take effect, a byte-order mark included", async () => {
  const run = await runCli(["sync", "--config", configFile(`\uFEFF${JSON.stringify({ ...base(), quiet: true })}`), "--token", "test-token"]);
  expect({ exitCode: run.exitCode, stderr: run.stderr }).toEqual({ exitCode: 0, stderr: "" });
  expect(streamsIn(run.stdout)).toEqual(["admins"]);
});

test("a flag on the command line beats the file: long, --flag=value and repeated booleans", async () => {
  const fileState = freshPath("file-state.json");
  const lineState = freshPath("line-state.json");
  const path = configFile({ ...base(), state: fileState, quiet: true, "full-refresh": true, streams: "admins" });
  const run = await runCli(["sync", "--config", path, "--token", "test-token", "--streams", "tags", `--state=${lineState}`, "-q", "--full-refresh"]);
  expect({ exitCode: run.exitCode, stderr: run.stderr }).toEqual({ exitCode: 0, stderr: "" });
  expect(streamsIn(run.stdout)).toEqual(["tags"]);
  expect(Object.keys((JSON.parse(readFileSync(lineState, "utf8")) as { streams: object }).streams)).toEqual(["tags"]);
  expect(() => readFileSync(fileState)).toThrow();
});

test("a short flag on the command line beats a boolean in the file", async () => {
  const path = configFile({ ...base(), quiet: false });
  const loud = await runCli(["sync", "--config", path, "--token", "test-token"]);
  expect(loud.exitCode).toBe(0);
  expect(loud.stderr).not.toBe("");
  const quiet = await runCli(["sync", "--config", path, "--token", "test-token", "-q"]);
  expect({ exitCode: quiet.exitCode, stderr: quiet.stderr }).toEqual({ exitCode: 0, stderr: "" });
  const bundled = await runCli(["--config", path, "--token", "test-token", "-qv"]);
  expect({ exitCode: bundled.exitCode, stderr: bundled.stderr }).toEqual({ exitCode: 0, stderr: "" });
});

test("given on the command line: long, --name=value, short and bundled flags, but not an option's value", () => {
  const given = (...args: string[]) => [...settingsGiven(args, CONFIG_KEYS)].sort();
  expect(given("sync", "--since", "2024-01-01", "--lookback-days=2", "-q")).toEqual(["lookback-days", "quiet", "since"]);
  expect(given("-qv", "--full-refresh")).toEqual(["full-refresh", "quiet", "verbose"]);
  // `--state -q` names a state file called -q; `--token -v` a (bad) token; after `--` nothing is an option.
  expect(given("--state", "-q", "--token", "-v", "--config", "--quiet")).toEqual(["state"]);
  expect(given("--", "--quiet")).toEqual([]);
  // -o takes a value: `-o -q` writes to a file named -q; `-qo out.jsonl` gives both.
  expect(given("-o", "-q")).toEqual(["output"]);
  expect(given("-qo", "out.jsonl", "-v")).toEqual(["output", "quiet", "verbose"]);
});
