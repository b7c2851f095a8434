/**
 * A state file, lock or database path the tool cannot use stops the run with exit 2 and one message naming the
 * path and what to change; no temp or lock file is left behind.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { chmod, mkdir, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type RunningFakeIntercom, startFakeIntercom } from "../../src/fake/mod.ts";
import { pastNow, syncArgs } from "../helpers/cli-sync.ts";
import { type CliResult, runCli } from "../helpers/run-cli.ts";
import { withTempDir } from "../helpers/temp-dir.ts";

let fake: RunningFakeIntercom;
beforeAll(async () => {
  fake = await startFakeIntercom({
    seed: 8,
    now: pastNow(),
    sizes: { contacts: 20, conversations: 3, companies: 3, tickets: 3, activityLogs: 5, maxParts: 2 },
  });
});
afterAll(() => fake.close());

/** Every file left in `dir`, so a stray `.tmp` or `.lock` shows up. */
async function filesIn(dir: string): Promise<string[]> {
  return (await readdir(dir)).sort();
}

function expectOneClearError(run: CliResult, path: string, fix: RegExp): void {
  expect(run.exitCode).toBe(2);
  expect(run.stdout).toBe("");
  const lines = run.stderr.trim().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(path);
  expect(lines[0]).toMatch(fix);
  // The raw system error alone is not an explanation.
  expect(lines[0]).not.toMatch(/^error: E[A-Z]+:/);
}

test("--state naming a directory → exit 2, says it is a directory and suggests a file inside it", async () => {
  await withTempDir(async (dir) => {
    const state = join(dir, "states");
    await mkdir(state);
    const run = await runCli(syncArgs(fake.url, state));
    expectOneClearError(run, state, /is a directory/);
    expect(run.stderr).toContain(`--state ${join(state, "intercom-sync.state.json")}`);
    expect(await filesIn(dir)).toEqual(["states"]);
    expect(await filesIn(state)).toEqual([]);
  });
});

test("--state in a directory that does not exist → exit 2, names the directory and says to create it", async () => {
  await withTempDir(async (dir) => {
    const missing = join(dir, "nonexistent", "dir");
    const state = join(missing, "s.json");
    const run = await runCli(syncArgs(fake.url, state));
    expectOneClearError(run, state, new RegExp(`the directory ${missing} does not exist; create it or pass another --state`));
    expect(await filesIn(dir)).toEqual([]);
  });
});

test("--state under a regular file (file/inner.json) → exit 2, names the file that is in the way", async () => {
  await withTempDir(async (dir) => {
    const file = join(dir, "file");
    await writeFile(file, "not a directory\n");
    const state = join(file, "inner.json");
    const run = await runCli(syncArgs(fake.url, state));
    expectOneClearError(run, state, new RegExp(`${file} is a file, not a directory`));
    expect(await filesIn(dir)).toEqual(["file"]);
  });
});

test("--state in a read-only directory (chmod 555) → exit 2, says permission is denied and what to change", async () => {
  await withTempDir(async (dir) => {
    await chmod(dir, 0o755); // let `nobody` reach the read-only directory inside
    const readOnly = join(dir, "read-only");
    await mkdir(readOnly);
    await chmod(readOnly, 0o555);
    const state = join(readOnly, "state.json");
    const run = await runCli(syncArgs(fake.url, state), { unprivileged: true });
    expectOneClearError(run, state, /permission denied.*or pass another --state/);
    expect(await filesIn(readOnly)).toEqual([]);
  });
});

test("--sqlite naming a directory → exit 2 naming it; nothing is written to the state", async () => {
  await withTempDir(async (dir) => {
    const db = join(dir, "out.sqlite");
    await mkdir(db);
    const state = join(dir, "state.json");
    const run = await runCli(syncArgs(fake.url, state, ["--sqlite", db]));
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(db);
    expect(run.stderr).toMatch(/is a directory/);
    expect(run.stderr).toContain(`--sqlite ${join(db, "intercom.db")}`);
    expect(await filesIn(db)).toEqual([]);
  });
});

test("--sqlite in a directory that does not exist → exit 2, names the directory and says to create it", async () => {
  await withTempDir(async (dir) => {
    const missing = join(dir, "nowhere");
    const db = join(missing, "out.sqlite");
    const run = await runCli(syncArgs(fake.url, join(dir, "state.json"), ["--sqlite", db]));
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(db);
    expect(run.stderr).toContain(`the directory ${missing} does not exist; create it or pass another --sqlite`);
  });
});

test("--output in a directory that does not exist → exit 2, names the directory and says to create it", async () => {
  await withTempDir(async (dir) => {
    const missing = join(dir, "no-such-dir");
    const output = join(missing, "out.jsonl");
    const run = await runCli(syncArgs(fake.url, join(dir, "state.json"), ["--output", output]));
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(`cannot open the output file ${output}`);
    expect(run.stderr).toContain(`the directory ${missing} does not exist; create it or pass another --output`);
  });
});

test("--state in a missing directory under Deno gives the same exit 2 and message", async () => {
  await withTempDir(async (dir) => {
    const missing = join(dir, "nonexistent");
    const state = join(missing, "s.json");
    const run = await runCli(syncArgs(fake.url, state), { runtime: "deno" });
    expectOneClearError(run, state, new RegExp(`the directory ${missing} does not exist; create it or pass another --state`));
  });
});

test("state show --state naming a directory → exit 2, says it is a directory", async () => {
  await withTempDir(async (dir) => {
    const run = await runCli(["state", "show", "--state", dir]);
    expectOneClearError(run, dir, /is a directory; pass a file path/);
  });
});
