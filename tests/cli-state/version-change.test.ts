/**
 * `--intercom-version` changes what Intercom answers: records written under one version sit beside those of
 * another. The state (and a database's own) records the version of its last run, and a run that continues it with
 * another version says so in one line, with how to start afresh.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { type RunningFakeIntercom, startFakeIntercom } from "../../src/fake/mod.ts";
import { pastNow, syncArgs } from "../helpers/cli-sync.ts";
import { runCli } from "../helpers/run-cli.ts";
import { withTempDir } from "../helpers/temp-dir.ts";

let fake: RunningFakeIntercom;
beforeAll(async () => {
  fake = await startFakeIntercom({ seed: 3, now: pastNow() });
});
afterAll(() => fake.close());

/** A sync of admins into `target`, with warnings shown (no --quiet). */
const sync = (state: string, target: readonly string[], version: string, extra: readonly string[] = []) =>
  runCli(
    syncArgs(fake.url, state, ["--streams", "admins", "--intercom-version", version, ...target, ...extra]).filter((arg) => arg !== "--quiet"),
  );

test("a database continued with another --intercom-version warns once that its records are now mixed, and how to start afresh", async () => {
  await withTempDir(async (dir) => {
    const state = join(dir, "state.json");
    const db = ["--sqlite", join(dir, "intercom.db")];
    const first = await sync(state, db, "2.11");
    expect(first.exitCode).toBe(0);
    expect(first.stderr).not.toContain("--intercom-version");
    expect(JSON.parse(await readFile(state, "utf8")).lastRun.intercomVersion).toBe("2.11");

    const switched = await sync(state, db, "2.14");
    expect(switched.exitCode).toBe(0);
    const warnings = switched.stderr.split("\n").filter((line) => line.includes("--intercom-version"));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("last written with --intercom-version 2.11");
    expect(warnings[0]).toContain("2.14");
    expect(warnings[0]).toContain(join(dir, "intercom.db"));
    expect(warnings[0]).toContain("mixed");
    expect(warnings[0]).toContain("a new --sqlite file");

    // The database now records 2.14: the same version again, or a full refresh, says nothing.
    expect((await sync(state, db, "2.14")).stderr).not.toContain("--intercom-version");
    expect((await sync(state, db, "2.11", ["--full-refresh"])).stderr).not.toContain("--intercom-version");
  });
}, 60_000);

test("a JSON lines --output file continued with another version warns too", async () => {
  await withTempDir(async (dir) => {
    const state = join(dir, "state.json");
    const output = ["--output", join(dir, "out.jsonl")];
    expect((await sync(state, output, "2.16")).exitCode).toBe(0);
    const switched = await sync(state, output, "2.11");
    expect(switched.exitCode).toBe(0);
    expect(switched.stderr).toContain("last written with --intercom-version 2.16");
    expect(switched.stderr).toContain("--full-refresh");
  });
}, 60_000);
