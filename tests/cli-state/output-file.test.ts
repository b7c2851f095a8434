/**
 * `--output FILE`: JSON lines appended to a file exactly once, through the real CLI. A run killed with -9 at any
 * moment and resumed leaves every record in the file once and every line whole; a file that no longer matches
 * its state is refused. Also the edges where records used to vanish without a word: empty paths, a closed
 * stdout, and `--max-duration`.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { readFile, stat, truncate, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import * as v from "valibot";
import { type RunningFakeIntercom, startFakeIntercom } from "../../src/fake/mod.ts";
import { SyncStateSchema } from "../../src/state/schema.ts";
import { STREAMS } from "../../src/streams/catalog.ts";
import { startFakeProcess } from "../helpers/fake-process.ts";
import { fakeKeys, jsonlKeys, type KeySets, pastNow, seededRandom, sleep, SMALL_SIZES, syncArgs } from "../helpers/cli-sync.ts";
import { BUN, MAIN, ROOT } from "../helpers/paths.ts";
import { runCli } from "../helpers/run-cli.ts";
import { withTempDir } from "../helpers/temp-dir.ts";

/**
 * Streams every run reads whole (admins, tags, data attributes, and company segments of every company): each run
 * appends a fresh copy of them, as it prints one on stdout. Every other stream must be in the file exactly once.
 */
const REREAD = new Set<string>([...STREAMS.filter((stream) => stream.sync === "full").map((stream) => stream.name), "company_segments"]);

/** Keys with duplicates kept, except the re-read streams', whose copies from several runs collapse into one. */
function onceEach(keys: KeySets): KeySets {
  return Object.fromEntries(Object.entries(keys).map(([stream, list]) => [stream, REREAD.has(stream) ? [...new Set(list)].sort() : list]));
}

let fake: RunningFakeIntercom;
beforeAll(async () => {
  fake = await startFakeIntercom({ seed: 41, now: pastNow(), sizes: SMALL_SIZES });
});
afterAll(() => fake.close());

interface OutputState {
  output?: { path: string; length: number };
  streams: Record<string, { windows?: unknown[] }>;
}

async function readOutputState(path: string): Promise<OutputState> {
  return JSON.parse(await readFile(path, "utf8")) as OutputState;
}

/** Every line of `text` parses as `{"stream","data"}`, and the text ends with a newline (no torn last line). */
function expectWholeLines(text: string, when: string): void {
  if (text === "") return;
  expect({ when, endsWithNewline: text.endsWith("\n") }).toEqual({ when, endsWithNewline: true });
  for (const line of text.slice(0, -1).split("\n")) {
    expect(JSON.parse(line)).toMatchObject({ stream: expect.any(String), data: expect.any(Object) });
  }
}

describe("--output FILE", () => {
  test("writes every record exactly once into the file, nothing on stdout, and records the file's length in the state", async () => {
    await withTempDir(async (dir) => {
      const state = join(dir, "state.json");
      const out = join(dir, "out.jsonl");
      const run = await runCli(syncArgs(fake.url, state, ["--output", out]));
      expect({ exitCode: run.exitCode, stderr: run.stderr, stdout: run.stdout }).toEqual({ exitCode: 0, stderr: "", stdout: "" });
      const text = await readFile(out, "utf8");
      expectWholeLines(text, "after a full run");
      expect(jsonlKeys([text])).toEqual(fakeKeys(fake));
      expect((await readOutputState(state)).output).toMatchObject({ path: out, length: Buffer.byteLength(text) });
      expect((await stat(out)).mode & 0o777).toBe(0o600);

      // A second run appends only what changed (here: nothing but the streams every run reads whole).
      const again = await runCli(syncArgs(fake.url, state, ["-o", out]));
      expect({ exitCode: again.exitCode, stderr: again.stderr }).toEqual({ exitCode: 0, stderr: "" });
      expect(onceEach(jsonlKeys([await readFile(out, "utf8")]))).toEqual(fakeKeys(fake));
    });
  });

  test("bytes past the recorded length (a killed run's last pages) are cut off before the next run appends", async () => {
    await withTempDir(async (dir) => {
      const state = join(dir, "state.json");
      const out = join(dir, "out.jsonl");
      expect((await runCli(syncArgs(fake.url, state, ["--output", out, "--streams", "admins"]))).exitCode).toBe(0);
      const before = await readFile(out, "utf8");
      await writeFile(out, `${before}{"stream":"admins","data":{"id":"torn`, { flag: "w" });
      // As a killed run leaves its state: its last run never finished.
      const killed = JSON.parse(await readFile(state, "utf8")) as { lastRun: { outcome: string; endedAt?: number } };
      killed.lastRun = { ...killed.lastRun, outcome: "running" };
      delete killed.lastRun.endedAt;
      await writeFile(state, JSON.stringify(killed));
      const run = await runCli(syncArgs(fake.url, state, ["--output", out, "--streams", "teams"]));
      expect({ exitCode: run.exitCode, stderr: run.stderr }).toEqual({ exitCode: 0, stderr: "" });
      const text = await readFile(out, "utf8");
      expectWholeLines(text, "after the resumed run");
      const keys = jsonlKeys([text]);
      expect({ admins: keys.admins, teams: keys.teams }).toEqual({ admins: fakeKeys(fake).admins, teams: fakeKeys(fake).teams });
    });
  });

  test("a file shorter than the state records, or missing, is refused with exit 2 saying what to do", async () => {
    await withTempDir(async (dir) => {
      const state = join(dir, "state.json");
      const out = join(dir, "out.jsonl");
      const args = syncArgs(fake.url, state, ["--output", out, "--streams", "admins,tags"]);
      expect((await runCli(args)).exitCode).toBe(0);
      const saved = await readFile(state, "utf8");

      await truncate(out, 10);
      const shorter = await runCli(args);
      expect(shorter.exitCode).toBe(2);
      expect(shorter.stderr).toContain(out);
      expect(shorter.stderr).toContain("--full-refresh");
      expect(await readFile(state, "utf8")).toBe(saved);
      expect((await stat(out)).size).toBe(10);

      await unlink(out);
      const missing = await runCli(args);
      expect(missing.exitCode).toBe(2);
      expect(missing.stderr).toContain(out);
      expect(missing.stderr).toContain("--full-refresh");
      expect(await readFile(state, "utf8")).toBe(saved);

      // --full-refresh starts the file afresh: every record once again.
      const fresh = await runCli([...args, "--full-refresh"]);
      expect({ exitCode: fresh.exitCode, stderr: fresh.stderr }).toEqual({ exitCode: 0, stderr: "" });
      const keys = jsonlKeys([await readFile(out, "utf8")]);
      expect({ admins: keys.admins, tags: keys.tags }).toEqual({ admins: fakeKeys(fake).admins, tags: fakeKeys(fake).tags });
    });
  });

  test("--full-refresh truncates an existing file and writes every record once", async () => {
    await withTempDir(async (dir) => {
      const state = join(dir, "state.json");
      const out = join(dir, "out.jsonl");
      const args = syncArgs(fake.url, state, ["--output", out]);
      expect((await runCli(args)).exitCode).toBe(0);
      const fresh = await runCli([...args, "--full-refresh"]);
      expect({ exitCode: fresh.exitCode, stderr: fresh.stderr }).toEqual({ exitCode: 0, stderr: "" });
      expect(jsonlKeys([await readFile(out, "utf8")])).toEqual(fakeKeys(fake));
    });
  });

  test("a state bound to one output file refuses another file, or stdout, with exit 2 (unless --full-refresh)", async () => {
    await withTempDir(async (dir) => {
      const state = join(dir, "state.json");
      const out = join(dir, "out.jsonl");
      expect((await runCli(syncArgs(fake.url, state, ["--output", out, "--streams", "admins"]))).exitCode).toBe(0);
      const saved = await readFile(state, "utf8");

      const other = await runCli(syncArgs(fake.url, state, ["--output", join(dir, "other.jsonl"), "--streams", "admins"]));
      expect(other.exitCode).toBe(2);
      expect(other.stderr).toContain(out);
      expect(other.stderr).toContain("other.jsonl");
      const toStdout = await runCli(syncArgs(fake.url, state, ["--streams", "admins"]));
      expect(toStdout.exitCode).toBe(2);
      expect(toStdout.stdout).toBe("");
      expect(toStdout.stderr).toContain(out);
      expect(await readFile(state, "utf8")).toBe(saved);

      const moved = await runCli(syncArgs(fake.url, state, ["--output", join(dir, "other.jsonl"), "--streams", "admins", "--full-refresh"]));
      expect({ exitCode: moved.exitCode, stderr: moved.stderr }).toEqual({ exitCode: 0, stderr: "" });
      expect((await readOutputState(state)).output?.path).toBe(join(dir, "other.jsonl"));
    });
  });

  test("--output together with --sqlite, or with --format singer, exits 2", async () => {
    await withTempDir(async (dir) => {
      const state = join(dir, "state.json");
      const both = await runCli(syncArgs(fake.url, state, ["--output", join(dir, "o.jsonl"), "--sqlite", join(dir, "o.db")]));
      expect(both.exitCode).toBe(2);
      expect(both.stderr).toContain("--sqlite");
      const singer = await runCli(syncArgs(fake.url, state, ["--output", join(dir, "o.jsonl"), "--format", "singer"]));
      expect(singer.exitCode).toBe(2);
      expect(await stat(state).then(() => "written", () => "absent")).toBe("absent");
    });
  });
});

describe("no silent loss at the edges", () => {
  for (const flag of ["--sqlite", "--output", "--state"]) {
    test(`an empty ${flag} "" exits 2 before any request`, async () => {
      await withTempDir(async (dir) => {
        const before = fake.stats.requests;
        const args = ["sync", "--base-url", fake.url, "--token", "test-token", "--quiet"];
        const run = await runCli(flag === "--state" ? [...args, flag, ""] : [...args, "--state", join(dir, "s.json"), flag, ""]);
        expect(run.exitCode).toBe(2);
        expect(run.stdout).toBe("");
        expect(run.stderr).toContain(flag);
        expect(fake.stats.requests).toBe(before);
      });
    });
  }

  test("a closed stdout (>&-) fails the run before any request and leaves the state file as it was", async () => {
    await withTempDir(async (dir) => {
      const state = join(dir, "state.json");
      const cli = (extra: string) =>
        Bun.spawn(["sh", "-c", `exec "$@" ${extra}`, "sh", BUN, MAIN, ...syncArgs(fake.url, state, ["--streams", "admins,contacts"])], {
          cwd: ROOT,
          stdin: "ignore",
          stdout: "pipe",
          stderr: "pipe",
        });
      const closed = cli(">&-");
      const [stderr, exitCode] = await Promise.all([new Response(closed.stderr).text(), closed.exited]);
      expect(exitCode).not.toBe(0);
      expect(stderr).toContain("stdout");
      expect(await stat(state).then(() => "written", () => "absent")).toBe("absent");

      // With a saved state: still refused, and the file is byte for byte the same.
      const first = cli("> /dev/null");
      expect(await first.exited).toBe(0);
      const saved = await readFile(state, "utf8");
      const again = cli(">&-");
      expect(await again.exited).not.toBe(0);
      expect(await readFile(state, "utf8")).toBe(saved);
    });
  });
});

describe("--max-duration", () => {
  test("stops a slow run with exit 5 and a message; the next run completes the file exactly", async () => {
    let clockOffsetMs = 0;
    const slow = await startFakeIntercom({
      seed: 43,
      now: pastNow(),
      sizes: SMALL_SIZES,
      faults: { latencyMs: 150 },
      wallClock: () => Date.now() + clockOffsetMs,
    });
    try {
      await withTempDir(async (dir) => {
        const state = join(dir, "state.json");
        const out = join(dir, "out.jsonl");
        const limited = await runCli(syncArgs(slow.url, state, ["--output", out, "--concurrency", "1", "--max-duration", "1s"]));
        expect(limited.exitCode).toBe(5);
        expect(limited.stderr).toContain("stopped at the time limit (1s); run again to continue");
        const partial = await readFile(out, "utf8");
        expectWholeLines(partial, "after the time limit");
        expect(jsonlKeys([partial])).not.toEqual(fakeKeys(slow));
        expect((await readOutputState(state)).output?.length).toBe(Buffer.byteLength(partial));

        clockOffsetMs += 61_000; // the company scroll the stopped run left open expires
        const rest = await runCli(syncArgs(slow.url, state, ["--output", out]));
        expect({ exitCode: rest.exitCode, stderr: rest.stderr }).toEqual({ exitCode: 0, stderr: "" });
        expect(onceEach(jsonlKeys([await readFile(out, "utf8")]))).toEqual(fakeKeys(slow));
      });
    } finally {
      slow.close();
    }
  }, 30_000);

  for (const bad of ["5x", "0s", "", "h"]) {
    test(`--max-duration ${JSON.stringify(bad)} exits 2`, async () => {
      const run = await runCli(["sync", "--base-url", fake.url, "--token", "test-token", "--max-duration", bad]);
      expect(run.exitCode).toBe(2);
      expect(run.stderr).toContain("5h30m");
    });
  }
});

test(
  "a sync into --output killed with -9 at 15 seeded points and then completed holds every record exactly once, every line whole",
  async () => {
    await withTempDir(async (dir) => {
      const fakeProcess = await startFakeProcess({ seed: 11, sizes: SMALL_SIZES, faults: { latencyMs: 60 }, now: pastNow() });
      try {
        const state = join(dir, "state.json");
        const out = join(dir, "out.jsonl");
        const args = syncArgs(fakeProcess.url, state, ["--output", out, "--concurrency", "2"]);
        const random = seededRandom(Number(process.env.KILL_SEED ?? 20_251_201));
        let kills = 0;
        for (let attempt = 0; kills < 15; attempt++) {
          if (attempt >= 45) throw new Error(`only ${kills} of ${attempt} runs were killed before they finished`);
          await fakeProcess.advanceClock(61_000); // a scroll left open by a killed run expires
          const delay = Math.floor(random() * 1200);
          const child = Bun.spawn([BUN, MAIN, ...args], { cwd: ROOT, stdin: "ignore", stdout: "ignore", stderr: "pipe" });
          const stderr = new Response(child.stderr).text();
          const finished = await Promise.race([child.exited.then(() => true), sleep(delay).then(() => false)]);
          if (!finished) child.kill("SIGKILL");
          await child.exited;
          if (!finished) await sleep(250);
          if (child.signalCode === "SIGKILL") kills++;
          else expect({ attempt, exitCode: child.exitCode, stderr: await stderr }).toMatchObject({ exitCode: 0 });
          const when = `after attempt ${attempt} (kill at ${delay} ms)`;
          const text = await readFile(state, "utf8").catch(() => undefined);
          if (text === undefined) continue;
          const parsed = v.safeParse(SyncStateSchema, JSON.parse(text));
          expect({ when, valid: parsed.success }).toEqual({ when, valid: true });
          // What the state vouches for is in the file, in whole lines.
          const recorded = (JSON.parse(text) as OutputState).output?.length ?? 0;
          const file = await readFile(out).catch(() => Buffer.alloc(0));
          expect({ when, fileCoversState: file.length >= recorded }).toEqual({ when, fileCoversState: true });
          expectWholeLines(file.subarray(0, recorded).toString("utf8"), when);
        }
        await fakeProcess.advanceClock(61_000);
        const final = await runCli(args);
        expect({ exitCode: final.exitCode, stderr: final.stderr }).toEqual({ exitCode: 0, stderr: "" });
        const text = await readFile(out, "utf8");
        expectWholeLines(text, "after the final run");
        // Keys keep duplicates: a page written twice shows up here as well as a missing one.
        expect(onceEach(jsonlKeys([text]))).toEqual(await fakeProcess.keys());
      } finally {
        await fakeProcess.close();
      }
    });
  },
  90_000,
);
