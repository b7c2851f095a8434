/** `intercom-sync state show|reset` on real state files written by real syncs. */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { copyFile, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type RunningFakeIntercom, startFakeIntercom } from "../../src/fake/mod.ts";
import { pastNow, readState, syncArgs } from "../helpers/cli-sync.ts";
import { runCli } from "../helpers/run-cli.ts";
import { type TempDir, tempDir, withTempDir } from "../helpers/temp-dir.ts";

let fake: RunningFakeIntercom;
let templateDir: TempDir;
let template: string;
beforeAll(async () => {
  fake = await startFakeIntercom({
    seed: 9,
    now: pastNow(),
    sizes: { contacts: 60, conversations: 6, companies: 6, tickets: 8, activityLogs: 12, maxParts: 2 },
  });
  templateDir = tempDir();
  template = templateDir.dir;
  const run = await runCli(syncArgs(fake.url, join(template, "state.json"), ["--sqlite", join(template, "out.sqlite")]));
  if (run.exitCode !== 0) throw new Error(`the full sync behind these tests failed (${run.exitCode}): ${run.stderr}`);
});
afterAll(async () => {
  await fake.close();
  templateDir.remove();
});

/** A copy, in `dir`, of the state file a full sync wrote. */
async function syncedState(dir: string): Promise<string> {
  const state = join(dir, "state.json");
  await copyFile(join(template, "state.json"), state);
  return state;
}

function iso(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

test("state show prints every stream's cursor as a date and as unix seconds", async () => {
  await withTempDir(async (dir) => {
    const state = await syncedState(dir);
    const saved = await readState(state);
    const show = await runCli(["state", "show", "--state", state]);
    expect(show.exitCode).toBe(0);
    expect(show.stdout).toContain(fake.url);
    const cursors = Object.entries(saved.streams).filter(([, stream]) => stream.cursor !== undefined);
    expect(cursors.map(([name]) => name)).toContain("contacts");
    for (const [name, stream] of cursors) {
      const line = show.stdout.split("\n").find((candidate) => candidate.startsWith(`${name} `));
      expect({ name, line }).toEqual({ name, line: expect.stringContaining(`${iso(stream.cursor!)} (${stream.cursor})`) });
    }
    expect(await readFile(state, "utf8")).toBe(await readFile(join(template, "state.json"), "utf8")); // show never writes
  });
});

test("state show on a missing file says the next run is a first run", async () => {
  await withTempDir(async (dir) => {
    const show = await runCli(["state", "show", "--state", join(dir, "none.json")]);
    expect(show.exitCode).toBe(0);
    expect(show.stdout).toMatch(/first run/);
  });
});

test("state reset --streams contacts forgets only the contacts cursor and keeps every other stream", async () => {
  await withTempDir(async (dir) => {
    const state = await syncedState(dir);
    const before = await readState(state);
    expect(before.streams.contacts?.cursor).toBeNumber();
    const reset = await runCli(["state", "reset", "--state", state, "--streams", "contacts"]);
    expect(reset.exitCode).toBe(0);
    const after = await readState(state);
    const { contacts: _dropped, ...others } = before.streams;
    expect(after.streams.contacts).toBeUndefined();
    expect(after.streams).toEqual(others);
    expect(after.workspace).toEqual(before.workspace);

    const show = await runCli(["state", "show", "--state", state]);
    expect(show.stdout.split("\n").find((line) => line.startsWith("contacts "))).toMatch(/never synced/);
  });
});

test("state reset without --streams forgets every stream's cursor", async () => {
  await withTempDir(async (dir) => {
    const state = await syncedState(dir);
    const reset = await runCli(["state", "reset", "--state", state]);
    expect(reset.exitCode).toBe(0);
    expect((await readState(state)).streams).toEqual({});
  });
});

test("state reset on a corrupt file moves it aside with its bytes intact, so the next sync starts over", async () => {
  await withTempDir(async (dir) => {
    const state = join(dir, "state.json");
    const garbage = '{"version": 1, "workspace": {"baseUrl": "http://127.0.0.1:1"}, "streams": {"contacts": {"cur';
    await writeFile(state, garbage);
    const reset = await runCli(["state", "reset", "--state", state]);
    expect(reset.exitCode).toBe(0);
    const files = await readdir(dir);
    expect(files).not.toContain("state.json");
    const aside = files.filter((name) => name.startsWith("state.json.") && !name.endsWith(".lock"));
    expect(aside).toHaveLength(1);
    expect(reset.stdout).toContain(aside[0]!);
    expect(await readFile(join(dir, aside[0]!), "utf8")).toBe(garbage);

    const sync = await runCli(syncArgs(fake.url, state, ["--sqlite", join(dir, "out.sqlite")]));
    expect(sync.exitCode).toBe(0);
  });
});

test("state reset --streams on a corrupt file exits 2 and leaves the file alone", async () => {
  await withTempDir(async (dir) => {
    const state = join(dir, "state.json");
    await writeFile(state, "not json");
    const reset = await runCli(["state", "reset", "--state", state, "--streams", "contacts"]);
    expect(reset.exitCode).toBe(2);
    expect(await readFile(state, "utf8")).toBe("not json");
    expect(reset.stderr).toMatch(/move it aside/);
  });
});
