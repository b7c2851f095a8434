/** The state file guards itself: one run at a time, and an unusable file stops the run without being touched. */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { readFile, stat, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type RunningFakeIntercom, startFakeIntercom } from "../../src/fake/mod.ts";
import { pastNow, sleep, syncArgs } from "../helpers/cli-sync.ts";
import { BUN, MAIN, ROOT } from "../helpers/paths.ts";
import { runCli } from "../helpers/run-cli.ts";
import { withTempDir } from "../helpers/temp-dir.ts";

let fake: RunningFakeIntercom;
beforeAll(async () => {
  fake = await startFakeIntercom({
    seed: 5,
    now: pastNow(),
    sizes: { contacts: 40, conversations: 5, companies: 5, tickets: 5, activityLogs: 10, maxParts: 2 },
  });
});
afterAll(() => fake.close());

async function waitForFile(path: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await stat(path).then(() => true, () => false)) return;
    await sleep(20);
  }
  throw new Error(`${path} did not appear within ${timeoutMs} ms`);
}

test("a second run on a state file another live run holds exits 2 and names that run's pid", async () => {
  await withTempDir(async (dir) => {
    const state = join(dir, "state.json");
    // The first run crawls (every answer takes 300 ms), so it still holds the lock while the second starts.
    fake.faults.latencyMs = 300;
    const first = Bun.spawn([BUN, MAIN, ...syncArgs(fake.url, state, ["--sqlite", join(dir, "first.sqlite")])], {
      cwd: ROOT,
      stdout: "ignore",
      stderr: "pipe",
    });
    try {
      await waitForFile(`${state}.lock`, 10_000);
      const second = await runCli(syncArgs(fake.url, state, ["--sqlite", join(dir, "second.sqlite")]));
      expect(second.exitCode).toBe(2);
      expect(second.stderr).toContain(`pid ${first.pid}`);
      expect(first.exitCode).toBeNull(); // the holder was really still running
    } finally {
      fake.faults.latencyMs = 0;
      first.kill("SIGKILL");
      await first.exited;
    }
  });
});

test("a lock another host's run left (a container killed mid-run) is taken over once it stopped refreshing, with a line saying so", async () => {
  await withTempDir(async (dir) => {
    const state = join(dir, "state.json");
    const lock = `${state}.lock`;
    const left = { pid: 7, startedAt: 1_700_000_000, host: "runner-0a1b2c", heartbeatMs: 10_000, token: "killed-run" };
    await writeFile(lock, JSON.stringify(left));
    // Refreshed a moment ago: its run may still be going, so it is refused as before.
    const refused = await runCli(syncArgs(fake.url, state, ["--streams", "admins"]));
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain("pid 7 on runner-0a1b2c");
    const tenMinutesAgo = new Date(Date.now() - 10 * 60_000);
    await utimes(lock, tenMinutesAgo, tenMinutesAgo);
    // Without --quiet, which hides warnings.
    const run = await runCli(syncArgs(fake.url, state, ["--streams", "admins"]).filter((arg) => arg !== "--quiet"));
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toContain(`Took over the lock ${lock}: pid 7 on runner-0a1b2c`);
    expect(run.stderr).toContain("not refreshed for 10 min");
    expect(await stat(lock).then(() => "left behind", () => "released")).toBe("released");
  });
});

const CORRUPT_STATES: [string, string][] = [
  ["garbage", "\u0000\u0001this is not json at all\n"],
  [
    "truncated JSON",
    '{\n  "version": 1,\n  "workspace": {\n    "baseUrl": "http://127.0.0.1:1"\n  },\n  "streams": {\n    "contacts": {\n      "cur',
  ],
  ["nothing at all (empty)", ""],
];

for (const [kind, text] of CORRUPT_STATES) {
  test(`a state file holding ${kind} stops the run with exit 2, is left byte for byte, and the message says how to recover`, async () => {
    await withTempDir(async (dir) => {
      const state = join(dir, "state.json");
      await writeFile(state, text);
      const run = await runCli(syncArgs(fake.url, state, ["--sqlite", join(dir, "out.sqlite")]));
      expect(run.exitCode).toBe(2);
      expect(await readFile(state, "utf8")).toBe(text);
      expect(run.stderr).toContain(state);
      expect(run.stderr).toMatch(/move it aside|state reset/);
      expect(await stat(`${state}.lock`).then(() => "left behind", () => "released")).toBe("released");
    });
  });
}

test("a state file from a newer format version stops the run with exit 2, untouched, and says to upgrade", async () => {
  await withTempDir(async (dir) => {
    const state = join(dir, "state.json");
    const text = `${JSON.stringify({ version: 99, workspace: { baseUrl: fake.url }, streams: {}, somethingNew: true }, null, 2)}\n`;
    await writeFile(state, text);
    const run = await runCli(syncArgs(fake.url, state));
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toBe("");
    expect(await readFile(state, "utf8")).toBe(text);
    expect(run.stderr).toMatch(/newer/);
    expect(run.stderr).toMatch(/[Uu]pgrade/);
  });
});

test("a state file written for another base URL is refused with exit 2 and left untouched", async () => {
  await withTempDir(async (dir) => {
    const state = join(dir, "state.json");
    const other = "http://127.0.0.1:1";
    const text = `${JSON.stringify({ version: 1, workspace: { baseUrl: other }, streams: { contacts: { cursor: 1_700_000_000 } } }, null, 2)}\n`;
    await writeFile(state, text);
    const run = await runCli(syncArgs(fake.url, state));
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toBe("");
    expect(await readFile(state, "utf8")).toBe(text);
    expect(run.stderr).toContain(other);
    expect(run.stderr).toContain("--state");
  });
});
