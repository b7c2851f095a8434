/**
 * The GitHub Action across scheduled runs, through scripts/run-action-locally.ts: each run on a fresh runner
 * workdir, actions/cache simulated with one cache directory shared by the runs, keyed as the real one is.
 * The output must come back from the cache whole: a fresh runner never continues an empty database from saved
 * cursors, a matrix never restores another workspace's cache, and a partial or timed-out run's progress is kept.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type LocalRunResult, runActionLocally } from "../../scripts/run-action-locally.ts";
import { PERMISSION, type RunningFakeIntercom, startFakeIntercom } from "../../src/fake/mod.ts";
import { fakeKeys, jsonlKeys, type KeySets, pastNow, SMALL_SIZES, sqliteKeys, sqliteQuery } from "../helpers/cli-sync.ts";
import { ROOT } from "../helpers/paths.ts";
import { type TempDir, tempDir } from "../helpers/temp-dir.ts";

const TOKEN = "action-cache-token-9c4f1a";
/** The streams that are incremental on Intercom's side: a second run with no changes adds none of their records. */
const INCREMENTAL = ["contacts", "conversations", "conversation_parts", "tickets"];

let temp: TempDir;
let root: string;
beforeAll(() => {
  temp = tempDir();
  root = temp.dir;
});
afterAll(() => temp.remove());

let workdirs = 0;

interface RunOptions {
  fake: RunningFakeIntercom;
  cacheDir: string;
  runId: number;
  attempt?: number;
  inputs?: Record<string, string>;
}

/** One job of a scheduled workflow on a fresh runner: a new, empty workdir. */
async function scheduledRun(options: RunOptions): Promise<{ result: LocalRunResult; workdir: string; log: string }> {
  const workdir = join(root, `runner-${++workdirs}`);
  let log = "";
  const result = await runActionLocally({
    actionDir: ROOT,
    workdir,
    cacheDir: options.cacheDir,
    github: { workflow: "nightly", job: "export", run_id: String(options.runId), run_attempt: String(options.attempt ?? 1) },
    inputs: { version: "source", token: TOKEN, "base-url": options.fake.url, ...options.inputs },
    log: (line) => (log += `${line}\n`),
    output: (chunk) => (log += chunk),
  });
  return { result, workdir, log };
}

const newCache = () => mkdtempSync(join(root, "cache-"));
const only = (keys: KeySets, streams: string[]) => Object.fromEntries(streams.map((stream) => [stream, keys[stream]]));
const recordsRead = (log: string, stream: string) => Number(new RegExp(`^${stream}\\s+\\w+\\s+(\\d+)\\s`, "m").exec(log)?.[1]);
const startFake = (seed = 1) => startFakeIntercom({ seed, sizes: SMALL_SIZES, now: pastNow(), tokens: { [TOKEN]: {} } });

describe("sqlite across scheduled runs on fresh runners", () => {
  let fake: RunningFakeIntercom;
  beforeAll(async () => {
    fake = await startFake();
  });
  afterAll(() => fake.close());

  test("the second run restores the database with the state and continues it: the database is complete", async () => {
    const cacheDir = newCache();
    const inputs = { "max-duration": "" };
    const first = await scheduledRun({ fake, cacheDir, runId: 101, inputs });
    expect(first.result.exitCode).toBe(0);
    expect(first.result.outputs.outcome).toBe("complete");
    expect(first.log).toContain("cache not found for key");
    expect(first.result.outputs["cache-key"]).toEndWith("-101-1");

    const second = await scheduledRun({ fake, cacheDir, runId: 102, inputs });
    expect(second.result.exitCode, second.log).toBe(0);
    expect(second.result.steps.restore?.outputs["cache-matched-key"]).toBe(first.result.outputs["cache-key"]!);
    // Incremental: nothing changed, so nothing was read again; the records are there because the database was restored.
    expect(recordsRead(second.log, "contacts")).toBe(0);
    expect(await sqliteKeys(join(second.workdir, "intercom.db"))).toEqual(fakeKeys(fake));
    expect(second.log).toContain(`cache saved with key: ${second.result.outputs["cache-key"]}`);

    // A re-run of the same workflow run (attempt 2) saves under a key of its own instead of colliding.
    const rerun = await scheduledRun({ fake, cacheDir, runId: 102, attempt: 2, inputs });
    expect(rerun.result.exitCode, rerun.log).toBe(0);
    expect(rerun.result.outputs["cache-key"]).toEndWith("-102-2");
    expect(rerun.log).toContain(`cache saved with key: ${rerun.result.outputs["cache-key"]}`);
    expect(rerun.log).not.toContain("Unable to reserve cache");
    expect(await sqliteKeys(join(rerun.workdir, "intercom.db"))).toEqual(fakeKeys(fake));
  }, 120_000);

  test("a partial run (exit 4) fails the step but saves the cache, and the next run starts from it", async () => {
    const cacheDir = newCache();
    const lacking = "action-cache-token-no-tags-77";
    const partialFake = await startFakeIntercom({ sizes: SMALL_SIZES, now: pastNow(), tokens: { [lacking]: { missing: [PERMISSION.tags] } } });
    try {
      const partial = await scheduledRun({
        fake: partialFake,
        cacheDir,
        runId: 201,
        inputs: { token: lacking, "max-duration": "", streams: "tags,contacts" },
      });
      expect(partial.result.exitCode).toBe(4);
      expect(partial.result.outputs).toMatchObject({ outcome: "partial", "exit-code": "4" });
      expect(partial.log).toContain("::error title=intercom-sync partial (exit 4)::");
      expect(partial.log).toContain(`cache saved with key: ${partial.result.outputs["cache-key"]}`);

      const next = await scheduledRun({
        fake: partialFake,
        cacheDir,
        runId: 202,
        inputs: { token: lacking, "max-duration": "", streams: "tags,contacts" },
      });
      expect(next.result.steps.restore?.outputs["cache-matched-key"]).toBe(partial.result.outputs["cache-key"]!);
      expect(recordsRead(next.log, "contacts")).toBe(0);
      const rows = await sqliteQuery(join(next.workdir, "intercom.db"), "SELECT count(DISTINCT id) AS n FROM contacts");
      expect(rows[0]?.n).toBe(fakeKeys(partialFake).contacts!.length);
    } finally {
      await partialFake.close();
    }
  }, 120_000);

  test("the cache is not saved when the sync never ran (an unknown format stops the run first)", async () => {
    const cacheDir = newCache();
    const run = await scheduledRun({ fake, cacheDir, runId: 301, inputs: { format: "csv", "max-duration": "" } });
    expect(run.result.exitCode).toBe(2);
    expect(run.log).toContain("format must be jsonl or sqlite, not 'csv'");
    expect(run.log).toContain("skipped: Save the output and state");
    expect(run.log).not.toContain("cache saved");
  }, 60_000);
});

describe("a matrix over two workspaces", () => {
  let alpha: RunningFakeIntercom;
  let beta: RunningFakeIntercom;
  beforeAll(async () => {
    alpha = await startFake(11);
    beta = await startFakeIntercom({ seed: 12, sizes: { ...SMALL_SIZES, contacts: 170, tickets: 9 }, now: pastNow(), tokens: { [TOKEN]: {} } });
  });
  afterAll(async () => {
    await alpha.close();
    await beta.close();
  });

  test("two keys in one job and one cache: each run restores only its own workspace's database", async () => {
    const cacheDir = newCache();
    const entries = [
      { fake: alpha, key: "alpha" },
      { fake: beta, key: "beta" },
    ];
    const saved: Record<string, string> = {};
    // Matrix jobs share the run id: the key input is what tells them apart (besides the API host).
    for (const runId of [401, 402]) {
      for (const { fake, key } of entries) {
        const run = await scheduledRun({ fake, cacheDir, runId, inputs: { key, "max-duration": "" } });
        expect(run.result.exitCode, run.log).toBe(0);
        expect(run.result.steps.restore?.outputs["cache-matched-key"]).toBe(saved[key] ?? "");
        expect(await sqliteKeys(join(run.workdir, "intercom.db"))).toEqual(fakeKeys(fake));
        if (saved[key]) expect(recordsRead(run.log, "contacts")).toBe(0);
        saved[key] = run.result.outputs["cache-key"]!;
      }
    }
    expect(saved.alpha).not.toBe(saved.beta);
  }, 180_000);

  test("keys 'a' and 'a-b' on one host never restore each other's cache", async () => {
    const cacheDir = newCache();
    const a = await scheduledRun({ fake: alpha, cacheDir, runId: 501, inputs: { key: "a", "max-duration": "", streams: "contacts" } });
    expect(a.result.exitCode, a.log).toBe(0);
    const ab = await scheduledRun({ fake: alpha, cacheDir, runId: 502, inputs: { key: "a-b", "max-duration": "", streams: "contacts" } });
    expect(ab.result.exitCode, ab.log).toBe(0);
    expect(ab.result.steps.restore?.outputs["cache-matched-key"]).toBe("");
    expect(recordsRead(ab.log, "contacts")).toBe(SMALL_SIZES.contacts);
    const again = await scheduledRun({ fake: alpha, cacheDir, runId: 503, inputs: { key: "a", "max-duration": "", streams: "contacts" } });
    expect(again.result.steps.restore?.outputs["cache-matched-key"]).toBe(a.result.outputs["cache-key"]!);
  }, 120_000);
});

describe("the time budget", () => {
  test("the default max-duration (5h30m) is passed and a normal run completes", async () => {
    const fake = await startFake();
    try {
      const run = await scheduledRun({ fake, cacheDir: newCache(), runId: 601, inputs: { streams: "admins,contacts" } });
      expect(run.result.exitCode, run.log).toBe(0);
      expect(run.result.outputs.outcome).toBe("complete");
    } finally {
      await fake.close();
    }
  }, 60_000);

  test("exit 5 is success with more to do: warned, cached, and the next run completes", async () => {
    const fake = await startFakeIntercom({ sizes: SMALL_SIZES, now: pastNow(), tokens: { [TOKEN]: {} }, faults: { latencyMs: 1000 } });
    try {
      const cacheDir = newCache();
      // A second per request: GET /me takes the first second (a run stopped before it wrote nothing, so there
      // would be nothing to cache); 3 s stops the run after its first checkpoints, long before it could finish.
      const stopped = await scheduledRun({ fake, cacheDir, runId: 701, inputs: { "max-duration": "3s" } });
      expect(stopped.result.exitCode, stopped.log).toBe(0);
      expect(stopped.result.outputs).toMatchObject({ outcome: "time-limit", "exit-code": "5" });
      expect(stopped.log).toContain("::warning title=intercom-sync stopped at max-duration (3s)::");
      expect(stopped.log).toContain(`cache saved with key: ${stopped.result.outputs["cache-key"]}`);

      fake.faults.latencyMs = 0;
      const next = await scheduledRun({ fake, cacheDir, runId: 702, inputs: { "max-duration": "" } });
      expect(next.result.exitCode, next.log).toBe(0);
      expect(next.result.steps.restore?.outputs["cache-matched-key"]).toBe(stopped.result.outputs["cache-key"]!);
      expect(await sqliteKeys(join(next.workdir, "intercom.db"))).toEqual(fakeKeys(fake));
    } finally {
      await fake.close();
    }
  }, 120_000);
});

describe("jsonl across scheduled runs", () => {
  test("two runs on fresh runners: the cached output file holds every record exactly once", async () => {
    const fake = await startFake();
    try {
      const cacheDir = newCache();
      const inputs = { format: "jsonl", "jsonl-path": "export/intercom.jsonl", streams: INCREMENTAL.join(","), "max-duration": "" };
      const first = await scheduledRun({ fake, cacheDir, runId: 801, inputs });
      expect(first.result.exitCode, first.log).toBe(0);
      const second = await scheduledRun({ fake, cacheDir, runId: 802, inputs });
      expect(second.result.exitCode, second.log).toBe(0);
      expect(second.result.steps.restore?.outputs["cache-matched-key"]).toBe(first.result.outputs["cache-key"]!);
      const text = readFileSync(join(second.workdir, "export/intercom.jsonl"), "utf8");
      expect(text.endsWith("\n")).toBe(true);
      // Duplicates kept by jsonlKeys: a line written twice would show up as a difference.
      expect(only(jsonlKeys([text]), INCREMENTAL)).toEqual(only(fakeKeys(fake), INCREMENTAL));
    } finally {
      await fake.close();
    }
  }, 120_000);
});

describe("deletions with only what action.yml caches (issue 21 item 5)", () => {
  test.each(["sqlite", "jsonl"])(
    "%s: a company deleted from a 1,200-company workspace is found by the next run on a fresh runner",
    async (format) => {
      const fake = await startFakeIntercom({
        sizes: { companies: 1200, contacts: 2, conversations: 1, tickets: 1, maxParts: 1 },
        now: pastNow(),
        tokens: { [TOKEN]: {} },
      });
      try {
        const cacheDir = newCache();
        const inputs = { "max-duration": "", streams: "companies", format };
        const first = await scheduledRun({ fake, cacheDir, runId: 701, inputs });
        expect(first.result.exitCode, first.log).toBe(0);
        const company = String([...fake.workspace.records("companies")][1111]!.id);
        fake.workspace.deleteRecord("companies", company);

        const second = await scheduledRun({ fake, cacheDir, runId: 702, inputs });
        expect(second.result.exitCode, second.log).toBe(0);
        expect(second.result.steps.restore?.outputs["cache-matched-key"]).toBe(first.result.outputs["cache-key"]!);
        expect(second.log).not.toContain("found again");
        if (format === "sqlite") {
          const deleted = await sqliteQuery(join(second.workdir, "intercom.db"), "SELECT id FROM companies WHERE _deleted_at IS NOT NULL");
          expect(deleted).toEqual([{ id: company }]);
        } else {
          const lines = readFileSync(join(second.workdir, "intercom.jsonl"), "utf8").split("\n").filter((line) => line.includes('"deleted"'));
          expect(lines.map((line) => JSON.parse(line) as { stream: string; deleted: { id: string } }).map((line) => [line.stream, line.deleted.id]))
            .toEqual([["companies", company]]);
        }
      } finally {
        await fake.close();
      }
    },
    120_000,
  );
});
