/**
 * `sync --sqlite`: the database carries its own state and its workspace. Whatever happens to the state file or
 * the database between runs (removed, swapped for an older copy, another workspace's, written by 0.1.0), a run
 * never ends with exit 0 and a database that lacks records the fake holds.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { copyFile, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type RunningFakeIntercom, startFakeIntercom } from "../../src/fake/mod.ts";
import { runtime } from "../../src/runtime/mod.ts";
import { readDatabaseContents } from "../../src/sinks/sqlite-state.ts";
import { startFakeProcess } from "../helpers/fake-process.ts";
import {
  catchUp,
  fakeKeys,
  pastNow,
  readState,
  seededRandom,
  settle,
  sleep,
  SMALL_SIZES,
  sqliteKeys,
  sqliteQuery,
  syncArgs,
} from "../helpers/cli-sync.ts";
import { BUN, MAIN, ROOT } from "../helpers/paths.ts";
import { type CliResult, runCli } from "../helpers/run-cli.ts";
import { withTempDir } from "../helpers/temp-dir.ts";

/** The streams of the state a database holds, as a run reads it (the keys of complete reads from `_seen_keys`). */
async function databaseStreams(db: string): Promise<unknown> {
  const contents = await readDatabaseContents(db);
  return contents.kind === "stateful" ? (contents.state as { streams: unknown }).streams : undefined;
}

const SIZES = { contacts: 120, conversations: 6, companies: 10, tickets: 10, activityLogs: 20, maxParts: 2 };
const NO_LAG = ["--search-lag-minutes", "0"];

let fake: RunningFakeIntercom;
/** Another workspace: same generator, another app id. */
let other: RunningFakeIntercom;
beforeAll(async () => {
  fake = await startFakeIntercom({ seed: 31, now: pastNow(), sizes: SIZES, appId: "wsmain" });
  other = await startFakeIntercom({ seed: 32, now: pastNow(), sizes: SIZES, appId: "wsother" });
});
afterAll(async () => {
  await fake.close();
  await other.close();
});

interface Paths {
  state: string;
  db: string;
}

function pathsIn(dir: string): Paths {
  return { state: join(dir, "state.json"), db: join(dir, "a.db") };
}

/** A sync into `db` with `state`; `quiet: false` keeps warnings on stderr. */
function sync(url: string, { state, db }: Paths, extra: readonly string[] = [], quiet = true): Promise<CliResult> {
  const args = syncArgs(url, state, ["--sqlite", db, ...NO_LAG, ...extra]);
  return runCli(quiet ? args : args.filter((arg) => arg !== "--quiet"));
}

async function removeDatabase(db: string): Promise<void> {
  for (const suffix of ["", "-wal", "-shm"]) await rm(`${db}${suffix}`, { force: true });
}

/** Per stream, how many records the database's last run wrote (from `_sync_runs`). */
async function lastRunCounts(db: string): Promise<Record<string, number>> {
  const [row] = await sqliteQuery(db, "SELECT counts FROM _sync_runs ORDER BY id DESC LIMIT 1");
  return JSON.parse(String(row!.counts)) as Record<string, number>;
}

async function mutate(target: RunningFakeIntercom): Promise<string> {
  catchUp(target);
  const created = target.workspace.createContact();
  target.workspace.updateTicket(String([...target.workspace.records("tickets")][1]!.id));
  await settle();
  return created;
}

/** What a database written by intercom-sync 0.1.0 looks like: tables and `_sync_runs`, no state inside. */
async function makeLegacy(db: string): Promise<void> {
  const conn = await runtime.openSqlite(db);
  try {
    conn.exec("DROP TABLE _state");
  } finally {
    conn.close();
  }
}

function linesNaming(stderr: string, ...names: string[]): string[] {
  return stderr.split("\n").filter((line) => names.every((name) => line.includes(name)));
}

test("the database is removed after a full sync: the same command exports everything again and says so in one line", async () => {
  await withTempDir(async (dir) => {
    const paths = pathsIn(dir);
    expect((await sync(fake.url, paths)).exitCode).toBe(0);
    expect(await sqliteKeys(paths.db)).toEqual(fakeKeys(fake));

    await removeDatabase(paths.db);
    const again = await sync(fake.url, paths, [], false);
    expect(again.exitCode).toBe(0);
    expect(await sqliteKeys(paths.db)).toEqual(fakeKeys(fake));
    expect(linesNaming(again.stderr, paths.state, paths.db)).toHaveLength(1);
    // After the run the file mirrors the database.
    expect(await databaseStreams(paths.db)).toEqual((await readState(paths.state)).streams);
  });
});

test("the database is swapped for an older copy: the next run fills in what the copy lacks", async () => {
  await withTempDir(async (dir) => {
    const paths = pathsIn(dir);
    expect((await sync(fake.url, paths)).exitCode).toBe(0);
    const old = join(dir, "old.db");
    await copyFile(paths.db, old);

    const created = await mutate(fake);
    expect((await sync(fake.url, paths)).exitCode).toBe(0);
    expect(await sqliteQuery(paths.db, "SELECT id FROM contacts WHERE id = ?", created)).toHaveLength(1);

    await removeDatabase(paths.db);
    await copyFile(old, paths.db);
    const run = await sync(fake.url, paths, [], false);
    expect(run.exitCode).toBe(0);
    expect(await sqliteKeys(paths.db)).toEqual(fakeKeys(fake));
    expect(linesNaming(run.stderr, paths.state, paths.db)).toHaveLength(1);
  });
});

test("the database alone (state file deleted) is enough to resume incrementally", async () => {
  await withTempDir(async (dir) => {
    const paths = pathsIn(dir);
    expect((await sync(fake.url, paths)).exitCode).toBe(0);
    await rm(paths.state);
    const created = await mutate(fake);
    const run = await sync(fake.url, paths);
    expect({ exitCode: run.exitCode, stderr: run.stderr }).toEqual({ exitCode: 0, stderr: "" });
    expect(await sqliteKeys(paths.db)).toEqual(fakeKeys(fake));
    expect(await sqliteQuery(paths.db, "SELECT id FROM contacts WHERE id = ?", created)).toHaveLength(1);
    // Incremental: only the new and changed records were read again.
    const counts = await lastRunCounts(paths.db);
    expect(counts.contacts!).toBeLessThan(fakeKeys(fake).contacts!.length / 2);
    expect((await readState(paths.state)).streams.contacts?.cursor).toBeNumber();
  });
});

test("a database and state written by 0.1.0 are taken over: the file's cursors when the database's last run matches it", async () => {
  await withTempDir(async (dir) => {
    const paths = pathsIn(dir);
    expect((await sync(fake.url, paths)).exitCode).toBe(0);
    await makeLegacy(paths.db);
    const legacyFile = await readState(paths.state);
    await writeFile(paths.state, JSON.stringify({ ...legacyFile, workspace: { baseUrl: fake.url } }));

    const created = await mutate(fake);
    const run = await sync(fake.url, paths);
    expect({ exitCode: run.exitCode, stderr: run.stderr }).toEqual({ exitCode: 0, stderr: "" });
    expect(await sqliteKeys(paths.db)).toEqual(fakeKeys(fake));
    expect(await sqliteQuery(paths.db, "SELECT id FROM contacts WHERE id = ?", created)).toHaveLength(1);
    expect((await lastRunCounts(paths.db)).contacts!).toBeLessThan(fakeKeys(fake).contacts!.length / 2);
    expect(await sqliteQuery(paths.db, "SELECT count(*) AS n FROM _state")).toEqual([{ n: 1 }]);
  });
});

test("a 0.1.0 database whose last run is not the state file's is exported in full", async () => {
  await withTempDir(async (dir) => {
    const paths = pathsIn(dir);
    expect((await sync(fake.url, paths)).exitCode).toBe(0);
    const old = join(dir, "old.db");
    await copyFile(paths.db, old);
    await mutate(fake);
    expect((await sync(fake.url, paths)).exitCode).toBe(0);

    await removeDatabase(paths.db);
    await copyFile(old, paths.db);
    await makeLegacy(paths.db);
    const run = await sync(fake.url, paths, [], false);
    expect(run.exitCode).toBe(0);
    expect(await sqliteKeys(paths.db)).toEqual(fakeKeys(fake));
    expect((await lastRunCounts(paths.db)).contacts).toBe(fakeKeys(fake).contacts!.length);
    expect(linesNaming(run.stderr, paths.state, paths.db)).toHaveLength(1);
  });
});

test("another workspace's database or state file is refused with exit 2 naming both, and left unchanged", async () => {
  await withTempDir(async (dir) => {
    const paths = pathsIn(dir);
    expect((await sync(fake.url, paths)).exitCode).toBe(0);
    const dbBefore = await sqliteKeys(paths.db);
    const stateBefore = await readFile(paths.state, "utf8");

    // The same state file and database, another workspace.
    const both = await sync(other.url, paths);
    expect(both.exitCode).toBe(2);
    expect(both.stderr).toContain("wsmain");
    expect(both.stderr).toContain("wsother");

    // The database alone (a fresh state file), even with --full-refresh: its rows would mix.
    const dbOnly = await sync(other.url, { state: join(dir, "fresh.json"), db: paths.db }, ["--full-refresh"]);
    expect(dbOnly.exitCode).toBe(2);
    expect(dbOnly.stderr).toContain("wsmain");
    expect(dbOnly.stderr).toContain("wsother");
    expect(dbOnly.stderr).toContain(paths.db);

    // The state file alone (JSON lines).
    const stateOnly = await runCli(syncArgs(other.url, paths.state, NO_LAG));
    expect(stateOnly.exitCode).toBe(2);
    expect(stateOnly.stderr).toContain("wsmain");
    expect(stateOnly.stderr).toContain("wsother");
    expect(stateOnly.stdout).toBe("");

    expect(await sqliteKeys(paths.db)).toEqual(dbBefore);
    expect(await readFile(paths.state, "utf8")).toBe(stateBefore);
  });
});

test("a run whose first request fails (wrong token, wrong host) binds nothing: the next correct run works", async () => {
  await withTempDir(async (dir) => {
    const paths = pathsIn(dir);
    const wrongToken = await runCli(syncArgs(fake.url, paths.state, ["--sqlite", paths.db]).map((arg) => (arg === "test-token" ? "wrong" : arg)));
    expect(wrongToken.exitCode).toBe(3);
    // Another host that refuses the token: the wrong region.
    const stranger = await startFakeIntercom({ seed: 33, now: pastNow(), sizes: SIZES, tokens: { "other-token": {} } });
    try {
      expect((await sync(stranger.url, paths)).exitCode).toBe(3);
    } finally {
      await stranger.close();
    }
    expect((await readdir(dir)).filter((name) => !name.endsWith(".lock"))).toEqual([]);

    const right = await sync(fake.url, paths);
    expect({ exitCode: right.exitCode, stderr: right.stderr }).toEqual({ exitCode: 0, stderr: "" });
    expect(await sqliteKeys(paths.db)).toEqual(fakeKeys(fake));
    expect((await readState(paths.state)).workspace).toEqual({ baseUrl: fake.url, appId: "wsmain" });
  });
});

test("state reset clears the state file's binding, so the file can serve another workspace", async () => {
  await withTempDir(async (dir) => {
    const state = join(dir, "state.json");
    expect((await runCli(syncArgs(fake.url, state, NO_LAG))).exitCode).toBe(0);
    expect((await readState(state)).workspace).toEqual({ baseUrl: fake.url, appId: "wsmain" });
    expect((await runCli(syncArgs(other.url, state, NO_LAG))).exitCode).toBe(2);

    expect((await runCli(["state", "reset", "--state", state])).exitCode).toBe(0);
    expect((await readState(state)).workspace).toEqual({});
    const run = await runCli(syncArgs(other.url, state, NO_LAG));
    expect(run.exitCode).toBe(0);
    expect((await readState(state)).workspace).toEqual({ baseUrl: other.url, appId: "wsother" });
  });
});

test("--full-refresh does not take over another workspace's state file (a JSON lines run): state reset does", async () => {
  await withTempDir(async (dir) => {
    const state = join(dir, "state.json");
    expect((await runCli(syncArgs(fake.url, state, NO_LAG))).exitCode).toBe(0);
    const run = await runCli(syncArgs(other.url, state, [...NO_LAG, "--full-refresh"]));
    expect({ exitCode: run.exitCode, stdout: run.stdout }).toEqual({ exitCode: 2, stdout: "" });
    expect(run.stderr).toContain("state reset");
    expect((await readState(state)).workspace).toEqual({ baseUrl: fake.url, appId: "wsmain" });
  });
});

test("demo --sqlite never writes into a database of another workspace (or one that does not say)", async () => {
  await withTempDir(async (dir) => {
    const paths = pathsIn(dir);
    expect((await sync(fake.url, paths)).exitCode).toBe(0);
    const bytes = await readFile(paths.db);
    const demo = await runCli(["demo", "--sqlite", paths.db, "--contacts", "20", "--quiet"]);
    expect(demo.exitCode).toBe(2);
    expect(demo.stderr).toContain("wsmain");
    expect(demo.stderr).toContain("demo");
    expect(Buffer.compare(await readFile(paths.db), bytes)).toBe(0);

    await makeLegacy(paths.db);
    const legacyBytes = await readFile(paths.db);
    const legacy = await runCli(["demo", "--sqlite", paths.db, "--contacts", "20", "--quiet"]);
    expect(legacy.exitCode).toBe(2);
    expect(Buffer.compare(await readFile(paths.db), legacyBytes)).toBe(0);

    // Its own database it refreshes as often as asked.
    const own = join(dir, "demo.sqlite");
    expect((await runCli(["demo", "--sqlite", own, "--contacts", "20", "--quiet"])).exitCode).toBe(0);
    expect((await runCli(["demo", "--sqlite", own, "--contacts", "20", "--quiet"])).exitCode).toBe(0);
  });
}, 60_000);

test("--since with saved state says which cursors are used instead; a --since in the future exits 2", async () => {
  await withTempDir(async (dir) => {
    const paths = pathsIn(dir);
    expect((await sync(fake.url, paths)).exitCode).toBe(0);
    const run = await sync(fake.url, paths, ["--since", "2020-01-01"], false);
    expect(run.exitCode).toBe(0);
    expect(run.stderr.split("\n").filter((line) => line.includes("--since"))).toHaveLength(1);

    const future = await sync(fake.url, { state: join(dir, "future.json"), db: join(dir, "future.db") }, ["--since", "2099-01-01"]);
    expect(future.exitCode).toBe(2);
    expect(future.stderr).toContain("2099-01-01");
  });
});

test("a --sqlite run killed with -9 again and again, its state file sometimes lost, then resumed: every record exactly once", async () => {
  await withTempDir(async (dir) => {
    const slow = await startFakeProcess({ seed: 34, now: pastNow(), sizes: SMALL_SIZES, faults: { latencyMs: 60 } });
    try {
      const paths = pathsIn(dir);
      const args = syncArgs(slow.url, paths.state, ["--sqlite", paths.db, "--concurrency", "2"]);
      const random = seededRandom(34);
      let kills = 0;
      for (let attempt = 0; kills < 6 && attempt < 18; attempt++) {
        await slow.advanceClock(61_000); // frees a company scroll a killed run left open
        const child = Bun.spawn([BUN, MAIN, ...args], { cwd: ROOT, stdin: "ignore", stdout: "ignore", stderr: "ignore" });
        const finished = await Promise.race([child.exited.then(() => true), sleep(200 + Math.floor(random() * 1000)).then(() => false)]);
        if (!finished) child.kill("SIGKILL");
        await child.exited;
        if (child.signalCode !== "SIGKILL") continue;
        kills++;
        await sleep(250);
        // The database alone must be enough to go on; a lost file must not make the run skip anything either.
        if (kills % 2 === 1) await rm(paths.state, { force: true });
      }
      expect(kills).toBe(6);
      await slow.advanceClock(61_000);
      const final = await runCli(args);
      expect({ exitCode: final.exitCode, stderr: final.stderr }).toEqual({ exitCode: 0, stderr: "" });
      expect(await sqliteKeys(paths.db)).toEqual(await slow.keys());
      expect(await databaseStreams(paths.db)).toEqual((await readState(paths.state)).streams);
    } finally {
      await slow.close();
    }
  });
}, 60_000);

test("state show --sqlite prints the database's own state; state reset --sqlite makes the next run read those streams again", async () => {
  await withTempDir(async (dir) => {
    const paths = pathsIn(dir);
    expect((await sync(fake.url, paths, ["--streams", "contacts,tags"])).exitCode).toBe(0);
    const shown = await runCli(["state", "show", "--state", paths.state, "--sqlite", paths.db]);
    expect(shown.exitCode).toBe(0);
    expect(shown.stdout).toContain("app wsmain");
    expect(shown.stdout).toMatch(/contacts\s+\d{4}-/);

    const reset = await runCli(["state", "reset", "--state", paths.state, "--sqlite", paths.db, "--streams", "contacts"]);
    expect(reset.exitCode).toBe(0);
    const stateInDb = JSON.parse(String((await sqliteQuery(paths.db, "SELECT state FROM _state"))[0]!.state));
    expect(stateInDb.streams.contacts).toBeUndefined();
    expect(stateInDb.streams.tags).toBeDefined();
    expect(stateInDb.workspace.appId).toBe("wsmain");

    // The reset stream is read from the beginning again: every contact is written again (without the reset, none).
    const again = await sync(fake.url, paths, ["--streams", "contacts,tags"], false);
    expect(again.exitCode).toBe(0);
    // (Other tests of this file add contacts to the shared fake: count what it holds now.)
    expect(Number(/^contacts\s+ok\s+(\d+)/m.exec(again.stderr)?.[1])).toBe(fakeKeys(fake).contacts!.length);
    const held = (await sqliteQuery(paths.db, "SELECT id FROM contacts")).map((row) => String(row.id)).sort();
    expect(held).toEqual(fakeKeys(fake).contacts!);
  });
});
