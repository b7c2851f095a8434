/**
 * Files holding customer data are private by default: the database, its -wal/-shm, the state file and the lock
 * are created with mode 0600 whatever the umask, and a file that already exists keeps its mode.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { chmod, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type RunningFakeIntercom, startFakeIntercom } from "../../src/fake/mod.ts";
import { pastNow, sleep, syncArgs } from "../helpers/cli-sync.ts";
import { BUN, DENO, MAIN, ROOT } from "../helpers/paths.ts";
import { runCli } from "../helpers/run-cli.ts";
import { withTempDir } from "../helpers/temp-dir.ts";

let fake: RunningFakeIntercom;
beforeAll(async () => {
  fake = await startFakeIntercom({
    seed: 9,
    now: pastNow(),
    sizes: { contacts: 40, conversations: 4, companies: 4, tickets: 4, activityLogs: 8, maxParts: 2 },
  });
});
afterAll(() => fake.close());

async function modeOf(path: string): Promise<string | undefined> {
  return stat(path).then(
    (info) => (info.mode & 0o777).toString(8).padStart(4, "0"),
    () => undefined,
  );
}

/**
 * Run a sync under `umask 022` (which would make new files 0644) and, while it runs, record the modes of the
 * files it creates; -wal and -shm exist only while the database is open.
 */
async function syncUnderUmask022(args: readonly string[], watched: readonly string[], runtime: "bun" | "deno" = "bun") {
  const cli = runtime === "deno" ? [DENO, "run", "-A", MAIN] : [BUN, MAIN];
  fake.faults.latencyMs = 150; // slow enough to look at the files mid-run
  const child = Bun.spawn(["sh", "-c", 'umask 022; exec "$@"', "sh", ...cli, ...args], { cwd: ROOT, stdout: "ignore", stderr: "pipe" });
  const seen: Record<string, string> = {};
  try {
    const deadline = Date.now() + 30_000;
    while (Object.keys(seen).length < watched.length && Date.now() < deadline && child.exitCode === null) {
      for (const path of watched) {
        const mode = await modeOf(path);
        if (mode !== undefined) seen[path] = mode;
      }
      await sleep(10);
    }
  } finally {
    fake.faults.latencyMs = 0;
  }
  const [stderr, exitCode] = await Promise.all([new Response(child.stderr).text(), child.exited]);
  return { exitCode, stderr, seen };
}

for (const runtime of ["bun", "deno"] as const) {
  test(`under umask 022 (${runtime}) the database, -wal, -shm, state file and lock are created 0600`, async () => {
    await withTempDir(async (dir) => {
      const db = join(dir, "out.sqlite");
      const state = join(dir, "state.json");
      const watched = [db, `${db}-wal`, `${db}-shm`, state, `${state}.lock`];
      const run = await syncUnderUmask022(syncArgs(fake.url, state, ["--sqlite", db]), watched, runtime);
      expect({ exitCode: run.exitCode, stderr: run.stderr }).toEqual({ exitCode: 0, stderr: "" });
      expect(run.seen).toEqual(Object.fromEntries(watched.map((path) => [path, "0600"])));
      // After the run: the files that stay are still private.
      expect(await modeOf(db)).toBe("0600");
      expect(await modeOf(state)).toBe("0600");
    });
  });
}

test("an existing 0644 database and state file keep their mode", async () => {
  await withTempDir(async (dir) => {
    const db = join(dir, "out.sqlite");
    const state = join(dir, "state.json");
    const first = await runCli(syncArgs(fake.url, state, ["--sqlite", db]));
    expect(first.exitCode).toBe(0);
    await chmod(db, 0o644);
    await chmod(state, 0o644);
    const second = await runCli(syncArgs(fake.url, state, ["--sqlite", db]));
    expect(second.exitCode).toBe(0);
    expect(await modeOf(db)).toBe("0644");
    expect(await modeOf(state)).toBe("0644");
  });
});

test("an existing empty 0640 file given as --sqlite keeps its mode and becomes the database", async () => {
  await withTempDir(async (dir) => {
    const db = join(dir, "out.sqlite");
    await writeFile(db, "");
    await chmod(db, 0o640);
    const run = await runCli(syncArgs(fake.url, join(dir, "state.json"), ["--sqlite", db]));
    expect(run.exitCode).toBe(0);
    expect(await modeOf(db)).toBe("0640");
  });
});
