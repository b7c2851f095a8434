/**
 * action.yml and the workflows: they parse, the action has its inputs and cache steps and keeps the token
 * out of scripts, and scripts/run-action-locally.ts runs its shell steps against the fake Intercom.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parse } from "yaml";
import { startFakeIntercom, type RunningFakeIntercom } from "../../src/fake/mod.ts";
import { runtime } from "../../src/runtime/mod.ts";

const ROOT = resolve(import.meta.dir, "../..");
const BUN = join(ROOT, "node_modules/.bin/bun");
const TOKEN = "action-token-5b1e2d-keep-secret";

interface Step {
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
    for (const input of ["since", "streams", "format", "sqlite-path", "state-path", "region", "token", "version"]) {
      expect(action.inputs).toHaveProperty(input);
    }
    expect(action.inputs.token!.required).toBe(true);
    expect(JSON.stringify(action.inputs.token)).toContain("secret");
    expect(action.inputs.format!.default).toBe("sqlite");
  });

  test("restores the state file by workflow and branch and saves it under a new key each run, even after a failed sync", () => {
    const restore = action.runs.steps.find((step) => step.uses?.startsWith("actions/cache/restore@"));
    const save = action.runs.steps.find((step) => step.uses?.startsWith("actions/cache/save@"));
    expect(restore?.with?.path).toBe("${{ inputs.state-path }}");
    expect(restore?.with?.["restore-keys"]?.trim()).toBe("intercom-sync-state-${{ github.workflow }}-${{ github.ref_name }}-");
    expect(restore?.with?.key).toContain("${{ github.run_id }}");
    expect(save?.with?.key).toBe(restore?.with?.key);
    expect(save?.if).toBe("always()");
    expect(action.runs.steps.indexOf(restore!)).toBe(0);
    expect(action.runs.steps.at(-1)).toBe(save!);
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
  let work: string;

  beforeAll(async () => {
    fake = await startFakeIntercom({ tokens: { [TOKEN]: {} } });
    work = mkdtempSync(join(tmpdir(), "intercom-sync-action-"));
  });

  afterAll(async () => {
    await fake.close();
    rmSync(work, { recursive: true, force: true });
  });

  test("runs the action's shell steps against the fake: skips the cache steps, builds, syncs and leaves the state file", async () => {
    const args = ["--base-url", fake.url, "--token", TOKEN, "--workdir", work, "--input", "streams=admins,tags,contacts"];
    const first = await runScript(args);
    expect(first.code).toBe(0);
    expect(first.output).toContain("skipped: Restore the state file (uses: actions/cache/restore@v4");
    expect(first.output).toContain("skipped: Save the state file (uses: actions/cache/save@v4");
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

  test("format jsonl writes the records to jsonl-path", async () => {
    const jsonlWork = mkdtempSync(join(tmpdir(), "intercom-sync-action-jsonl-"));
    try {
      const run = await runScript([
        ...["--base-url", fake.url, "--token", TOKEN, "--workdir", jsonlWork],
        ...["--input", "format=jsonl", "--input", "streams=tags", "--input", "jsonl-path=tags.jsonl"],
      ]);
      expect(run.code).toBe(0);
      const lines = (await runtime.readTextFile(join(jsonlWork, "tags.jsonl")))!.trimEnd().split("\n");
      expect(lines.map((line) => JSON.parse(line).stream)).toEqual([...fake.workspace.records("tags")].map(() => "tags"));
    } finally {
      rmSync(jsonlWork, { recursive: true, force: true });
    }
  }, 60_000);
});
