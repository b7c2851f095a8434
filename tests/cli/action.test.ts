/**
 * action.yml and the workflows: they parse, the action has its inputs and cache steps and keeps the token
 * out of scripts, and scripts/run-action-locally.ts runs its shell steps against the fake Intercom.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse } from "yaml";
import { type RunningFakeIntercom, startFakeIntercom } from "../../src/fake/mod.ts";
import { runtime } from "../../src/runtime/mod.ts";
import { type TempDir, tempDir, withTempDir } from "../helpers/temp-dir.ts";

const ROOT = resolve(import.meta.dir, "../..");
const BUN = join(ROOT, "node_modules/.bin/bun");
const TOKEN = "action-token-5b1e2d-keep-secret";

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}

const readYaml = (path: string) => parse(readFileSync(join(ROOT, path), "utf8"));
const action = readYaml("action.yml") as { inputs: Record<string, { required?: boolean; default?: string }>; runs: { using: string; steps: Step[] } };

function runScript(args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((done, fail) => {
    const child = spawn(BUN, ["scripts/run-action-locally.ts", ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? ROOT },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", fail);
    child.on("close", (code) => done({ code: code ?? -1, output }));
  });
}

describe("action.yml", () => {
  test("is a composite action with the documented inputs, the token required and documented as a secret", () => {
    expect(action.runs.using).toBe("composite");
    for (
      const input of ["since", "streams", "format", "sqlite-path", "jsonl-path", "state-path", "region", "key", "max-duration", "token", "version"]
    ) {
      expect(action.inputs).toHaveProperty(input);
    }
    expect(action.inputs.token!.required).toBe(true);
    expect(JSON.stringify(action.inputs.token)).toContain("secret");
    expect(action.inputs.format!.default).toBe("sqlite");
  });

  test("caches the output with the state under a per-workspace key, saved after every sync that ran", () => {
    const keyStep = action.runs.steps.find((step) => step.id === "cache-key");
    const restore = action.runs.steps.find((step) => step.uses?.startsWith("actions/cache/restore@"));
    const save = action.runs.steps.find((step) => step.uses?.startsWith("actions/cache/save@"));
    expect(action.runs.steps.indexOf(keyStep!)).toBe(0);
    expect(action.runs.steps.indexOf(restore!)).toBe(1);
    expect(action.runs.steps.at(-1)).toBe(save!);
    for (const step of [restore!, save!]) {
      expect(step.with?.path).toBe("${{ steps.cache-key.outputs.paths }}");
      expect(step.with?.key).toBe("${{ steps.cache-key.outputs.key }}");
    }
    expect(restore?.with?.["restore-keys"]).toBe("${{ steps.cache-key.outputs.prefix }}");
    expect(save?.if).toBe("always() && steps.sync.outcome != 'skipped'");
    // The key: workflow, job, format, host and the key input; then the run id and attempt.
    for (const part of ["GITHUB_WORKFLOW", "GITHUB_JOB", "IS_FORMAT", "IS_BASE_URL", "IS_REGION", "IS_KEY", "GITHUB_RUN_ID", "GITHUB_RUN_ATTEMPT"]) {
      expect(keyStep?.run).toContain(part);
    }
    expect(keyStep?.run).toContain(`echo "$output-wal"; echo "$output-shm"`);
  });

  test("the sync passes --max-duration and, for jsonl, --output; exit 5 succeeds with a warning, exit 4 fails", () => {
    const sync = action.runs.steps.find((step) => step.id === "sync")!;
    expect(sync.run).toContain(`args+=(--max-duration "$IS_MAX_DURATION")`);
    expect(sync.run).toContain(`args+=(--output "$IS_JSONL_PATH")`);
    expect(sync.run).not.toMatch(/>\s*"\$IS_JSONL_PATH"/);
    expect(sync.run).toMatch(/time-limit\)\n\s*echo "::warning[^\n]*\n\s*exit 0/);
    expect(sync.run).toMatch(/partial\)\n\s*echo "::error[^\n]*\n\s*exit 4/);
    expect(action.inputs["max-duration"]!.default).toBe("5h30m");
  });

  test("inputs reach scripts only through env, and the token only as INTERCOM_ACCESS_TOKEN of one step", () => {
    const scripts = action.runs.steps.map((step) => step.run ?? "").join("\n");
    expect(scripts).not.toContain("${{");
    expect(scripts).not.toMatch(/echo[^\n]*INTERCOM_ACCESS_TOKEN/);
    const withToken = action.runs.steps.filter((step) => JSON.stringify(step).includes("inputs.token"));
    expect(withToken).toHaveLength(1);
    expect(withToken[0]!.env?.INTERCOM_ACCESS_TOKEN).toBe("${{ inputs.token }}");
  });
});

describe("workflows", () => {
  test("ci.yml runs .ci/run on push and pull request after setup-node", () => {
    const ci = readYaml(".github/workflows/ci.yml");
    expect(Object.keys(ci.on)).toEqual(["push", "pull_request"]);
    const steps = ci.jobs.test.steps as Step[];
    expect(steps.some((step) => step.uses?.startsWith("actions/setup-node@"))).toBe(true);
    expect(steps.at(-1)?.run).toBe("bash .ci/run");
  });

  test("release.yml builds every target on a v* tag and uploads the binaries and SHA256SUMS", () => {
    const release = readYaml(".github/workflows/release.yml");
    expect(release.on.push.tags).toEqual(["v*"]);
    const runs = (release.jobs.release.steps as Step[]).map((step) => step.run ?? "").join("\n");
    expect(runs).toContain("npm ci");
    expect(runs).toContain("npm run build:all");
    expect(runs).toContain("dist/SHA256SUMS");
    expect(runs).toContain("gh release upload");
  });
});

describe("scripts/run-action-locally.ts", () => {
  let fake: RunningFakeIntercom;
  let temp: TempDir;
  let work: string;

  beforeAll(async () => {
    fake = await startFakeIntercom({ tokens: { [TOKEN]: {} } });
    temp = tempDir();
    work = temp.dir;
  });

  afterAll(async () => {
    await fake.close();
    temp.remove();
  });

  test("runs the action's shell steps against the fake: skips the cache steps, builds, syncs and leaves the state file", async () => {
    // max-duration empty: runs without the --max-duration flag (see action-cache.test.ts for the tests with it).
    const args = ["--base-url", fake.url, "--token", TOKEN, "--workdir", work, "--input", "streams=admins,tags,contacts", "--input", "max-duration="];
    const first = await runScript(args);
    expect(first.code).toBe(0);
    expect(first.output).toContain("skipped: Restore the output and state (uses: actions/cache/restore@v4; not run locally, pass --cache-dir");
    expect(first.output).toContain("skipped: Save the output and state (uses: actions/cache/save@v4");
    expect(first.output).not.toContain(TOKEN);

    const state = JSON.parse((await runtime.readTextFile(join(work, "intercom-sync.state.json")))!);
    expect(Object.keys(state.streams).sort()).toEqual(["admins", "contacts", "tags"]);
    expect(state.lastRun.outcome).toBe("ok");
    const db = await runtime.openSqlite(join(work, "intercom.db"));
    try {
      expect(db.prepare("SELECT count(*) AS n FROM contacts").get()?.n).toBe([...fake.workspace.records("contacts")].length);
    } finally {
      db.close();
    }

    // The second run starts from the state the first left, as a scheduled workflow does after a cache restore:
    // nothing changed since, so it reads no contacts where the first read them all.
    expect(first.output).toMatch(/^contacts\s+ok\s+[1-9]\d*\s/m);
    const second = await runScript(args);
    expect(second.code).toBe(0);
    expect(second.output).toMatch(/^contacts\s+ok\s+0\s/m);
  }, 60_000);

  test("--cache-dir simulates the cache: a second run on a fresh workdir restores what the first saved", async () => {
    await withTempDir(async (dir) => {
      const cacheDir = join(dir, "cache");
      const fresh = [join(dir, "a"), join(dir, "b")];
      for (const path of [cacheDir, ...fresh]) mkdirSync(path);
      const args = (workdir: string, runId: string) => [
        ...["--base-url", fake.url, "--token", TOKEN, "--workdir", workdir, "--cache-dir", cacheDir, "--run-id", runId],
        ...["--input", "streams=tags", "--input", "max-duration="],
      ];
      const first = await runScript(args(fresh[0]!, "1"));
      expect(first.code).toBe(0);
      expect(first.output).toMatch(
        /cache saved with key: intercom-sync-[0-9a-f]{16}-sync-sqlite-\S+-1-1 \(intercom.db, intercom.db-wal, intercom-sync.state.json\)/,
      );
      const second = await runScript(args(fresh[1]!, "2"));
      expect(second.code).toBe(0);
      expect(second.output).toMatch(/cache restored from key: intercom-sync-[0-9a-f]{16}-\S+-1-1 /);
      expect(second.output).toContain("output outcome=complete");
    });
  }, 60_000);

  test("format jsonl writes the records to jsonl-path", async () => {
    await withTempDir(async (jsonlWork) => {
      const run = await runScript([
        ...["--base-url", fake.url, "--token", TOKEN, "--workdir", jsonlWork],
        ...["--input", "format=jsonl", "--input", "streams=tags", "--input", "jsonl-path=tags.jsonl"],
      ]);
      expect(run.code).toBe(0);
      const lines = (await runtime.readTextFile(join(jsonlWork, "tags.jsonl")))!.trimEnd().split("\n");
      expect(lines.map((line) => JSON.parse(line).stream)).toEqual([...fake.workspace.records("tags")].map(() => "tags"));
    });
  }, 60_000);
});
