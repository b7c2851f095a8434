/**
 * `kill -9` at seeded random moments, through the real CLI against a fake in its own process (so the fake
 * outlives every kill): after a final run to completion nothing is missing or doubled, and the state file was
 * valid after every kill. Set KILL_SEED to try other kill points.
 */
import { expect, test } from "bun:test";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import * as v from "valibot";
import { type SyncState, SyncStateSchema } from "../../src/state/schema.ts";
import { type FakeProcess, startFakeProcess } from "../helpers/fake-process.ts";
import { jsonlKeys, pastNow, seededRandom, sleep, SMALL_SIZES, sqliteKeys, sqliteQuery, syncArgs, unique } from "../helpers/cli-sync.ts";
import { BUN, DENO, MAIN, ROOT } from "../helpers/paths.ts";
import { runCli } from "../helpers/run-cli.ts";
import { withTempDir } from "../helpers/temp-dir.ts";

const KILLS = 20;
const SEED = Number(process.env.KILL_SEED ?? 20_251_125);
/** Kill points are drawn from [0, MAX_DELAY_MS) after spawn: from before the state is first written to the end. */
const MAX_DELAY_MS = 1200;
/** A scroll is dropped after a minute unused: jumping the fake's clock past that frees one left by a killed run. */
const PAST_SCROLL_EXPIRY_MS = 61_000;
/** Well over the fake's latency. */
const IN_FLIGHT_DRAIN_MS = 250;

interface KillLog {
  kills: number;
  completed: number;
  /** Kills that left some stream with a window in progress: those exercise resuming mid-window. */
  midWindow: number;
}

/**
 * Spawn the CLI, kill it with SIGKILL after a seeded random delay, check the state file, repeat until `KILLS`
 * runs were actually killed. `stdoutFor(i)` says where run i's stdout goes.
 */
async function killRepeatedly(
  fake: FakeProcess,
  args: readonly string[],
  statePath: string,
  seed: number,
  stdoutFor: (attempt: number) => string | undefined,
  { kills = KILLS, command = [BUN, MAIN], maxDelayMs = MAX_DELAY_MS }: { kills?: number; command?: string[]; maxDelayMs?: number } = {},
): Promise<KillLog> {
  const random = seededRandom(seed);
  const log: KillLog = { kills: 0, completed: 0, midWindow: 0 };
  for (let attempt = 0; log.kills < kills; attempt++) {
    if (attempt >= kills * 3) throw new Error(`only ${log.kills} of ${attempt} runs were killed before they finished`);
    await fake.advanceClock(PAST_SCROLL_EXPIRY_MS);
    const delay = Math.floor(random() * maxDelayMs);
    const out = stdoutFor(attempt);
    const child = Bun.spawn([...command, ...args], {
      cwd: ROOT,
      stdin: "ignore",
      stdout: out === undefined ? "ignore" : Bun.file(out),
      stderr: "pipe",
    });
    const stderr = new Response(child.stderr).text();
    const finished = await Promise.race([child.exited.then(() => true), sleep(delay).then(() => false)]);
    if (!finished) child.kill("SIGKILL");
    await child.exited;
    // A request the killed run had in flight is still answered after the fake's latency, and that touches the
    // scroll: only advance the clock past its expiry once those answers are out.
    if (!finished) await sleep(IN_FLIGHT_DRAIN_MS);
    if (child.signalCode === "SIGKILL") {
      log.kills++;
    } else {
      // It finished before its kill point: then it must have succeeded.
      expect({ attempt, delay, exitCode: child.exitCode, stderr: await stderr }).toMatchObject({ exitCode: 0 });
      log.completed++;
    }
    const state = await expectStateValidOrAbsent(statePath, `after attempt ${attempt} (kill at ${delay} ms, seed ${seed})`);
    if (!finished && Object.values(state?.streams ?? {}).some((stream) => stream.windows !== undefined)) log.midWindow++;
  }
  return log;
}

async function expectStateValidOrAbsent(path: string, when: string): Promise<SyncState | undefined> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`state file is not valid JSON ${when}: ${JSON.stringify(text.slice(0, 200))}`);
  }
  const parsed = v.safeParse(SyncStateSchema, json);
  expect({ when, valid: parsed.success }).toEqual({ when, valid: true });
  return parsed.success ? parsed.output : undefined;
}

// Latency and low concurrency stretch a run over ~1.5 s of many small checkpoints, so kills land mid-run, most of
// them with time windows open.
const FAKE = { seed: 11, sizes: SMALL_SIZES, faults: { latencyMs: 60 } };
const SLOW = ["--concurrency", "2"];

/** Kill a SQLite sync repeatedly, run it to completion, and check every record is in its table exactly once. */
async function killSqliteSyncThenComplete(runtime: "bun" | "deno", kills: number, seed: number, maxDelayMs: number): Promise<void> {
  await withTempDir(async (dir) => {
    const fake = await startFakeProcess({ ...FAKE, now: pastNow() });
    try {
      const db = join(dir, "out.sqlite");
      const state = join(dir, "state.json");
      const args = syncArgs(fake.url, state, ["--sqlite", db, ...SLOW]);
      const command = runtime === "deno" ? [DENO, "run", "-A", MAIN] : [BUN, MAIN];
      const log = await killRepeatedly(fake, args, state, seed, () => undefined, { kills, command, maxDelayMs });
      expect(log.kills).toBe(kills);
      console.log(`kill test (${runtime}, seed ${seed}): ${log.kills} killed (${log.midWindow} mid-window), ${log.completed} finished first`);

      await fake.advanceClock(PAST_SCROLL_EXPIRY_MS);
      const final = await runCli(args, { runtime });
      expect({ exitCode: final.exitCode, stderr: final.stderr }).toEqual({ exitCode: 0, stderr: "" });

      // Keys are listed with duplicates kept, so a doubled row would show here as well as a missing one.
      expect(await sqliteKeys(db)).toEqual(await fake.keys());
      expect(await sqliteQuery(db, "PRAGMA integrity_check")).toEqual([{ integrity_check: "ok" }]);
    } finally {
      await fake.close();
    }
  });
}

test(
  "a SQLite sync killed with -9 at 20 seeded random points and then run to completion holds every record exactly once",
  () => killSqliteSyncThenComplete("bun", KILLS, SEED, MAX_DELAY_MS),
  60_000,
);

test(
  "JSON lines runs killed with -9 at 20 seeded random points and a final run together output every record",
  async () => {
    await withTempDir(async (dir) => {
      const fake = await startFakeProcess({ ...FAKE, now: pastNow() });
      try {
        const state = join(dir, "state.json");
        const args = syncArgs(fake.url, state, SLOW);
        const outputs: string[] = [];
        const outFor = (attempt: number) => {
          const path = join(dir, `run-${attempt}.jsonl`);
          outputs.push(path);
          return path;
        };
        const log = await killRepeatedly(fake, args, state, SEED + 1, outFor);
        expect(log.kills).toBe(KILLS);
        console.log(`kill test (seed ${SEED + 1}): ${log.kills} killed (${log.midWindow} mid-window), ${log.completed} finished first`);

        await fake.advanceClock(PAST_SCROLL_EXPIRY_MS);
        const final = await runCli(args);
        expect({ exitCode: final.exitCode, stderr: final.stderr }).toEqual({ exitCode: 0, stderr: "" });

        const texts = await Promise.all(outputs.map((path) => readFile(path, "utf8").catch(() => "")));
        expect(unique(jsonlKeys([...texts, final.stdout]))).toEqual(await fake.keys());
      } finally {
        await fake.close();
      }
    });
  },
  60_000,
);

test(
  "under Deno (node:sqlite), a SQLite sync killed with -9 at 10 seeded points and then completed holds every record once",
  // Deno takes longer to start (about 0.25 s more), so its kill points are drawn over a slightly longer span.
  () => killSqliteSyncThenComplete("deno", 10, SEED + 2, 1600),
  90_000,
);

test(
  "custom_object_instances, read on the conversations' and the tickets' passes with progress per parent: killed with -9 at 10 seeded points, then completed, it holds what one clean run does",
  async () => {
    await withTempDir(async (dir) => {
      const fake = await startFakeProcess({ ...FAKE, sizes: { ...SMALL_SIZES, customObjectInstances: 40 }, now: pastNow() });
      try {
        const streams = ["--streams", "custom_object_instances", ...SLOW];
        const db = join(dir, "out.sqlite");
        const state = join(dir, "state.json");
        const args = syncArgs(fake.url, state, ["--sqlite", db, ...streams]);
        const log = await killRepeatedly(fake, args, state, SEED + 3, () => undefined, { kills: 10 });
        expect(log.kills).toBe(10);
        await fake.advanceClock(PAST_SCROLL_EXPIRY_MS);
        const final = await runCli(args);
        expect({ exitCode: final.exitCode, stderr: final.stderr }).toEqual({ exitCode: 0, stderr: "" });

        const clean = join(dir, "clean.sqlite");
        const once = await runCli(syncArgs(fake.url, join(dir, "clean.json"), ["--sqlite", clean, ...streams]));
        expect(once.exitCode).toBe(0);
        const expected = await sqliteKeys(clean, ["custom_object_instances"]);
        expect(expected.custom_object_instances!.length).toBeGreaterThan(10);
        expect(await sqliteKeys(db, ["custom_object_instances"])).toEqual(expected);
      } finally {
        await fake.close();
      }
    });
  },
  60_000,
);
