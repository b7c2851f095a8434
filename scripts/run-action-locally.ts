/**
 * Runs action.yml's steps on this machine, to try the GitHub Action without pushing anything. Shell steps run
 * with bash as on a runner; `${{ … }}` expressions and `if:` conditions are evaluated (see
 * action-runner/expressions.ts); GITHUB_ENV and GITHUB_OUTPUT work as on a runner, and so do `steps.<id>.outputs`
 * and the action's `outputs:`. With --cache-dir, actions/cache/restore and actions/cache/save are simulated with
 * that directory (action-runner/local-cache.ts), keyed like the real cache: run it twice with fresh --workdir's
 * and the same --cache-dir to see a scheduled workflow's second run on a fresh runner. Without it they are skipped,
 * and said so. The action builds the binary from this checkout (`version: source`, i.e. `npm run build`).
 *
 * Without --base-url it starts the fake Intercom on 127.0.0.1 and syncs from it with its test token.
 *
 * @example
 * bun scripts/run-action-locally.ts --workdir .tmp/action --input streams=admins,tags
 * bun scripts/run-action-locally.ts --workdir .tmp/run2 --cache-dir .tmp/cache --run-id 2
 * bun scripts/run-action-locally.ts --base-url http://127.0.0.1:8080 --token "$TOKEN" --input format=jsonl
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parse } from "yaml";
import { type ExpressionScope, type ExpressionValue, stepCondition, substitute } from "./action-runner/expressions.ts";
import { restoreCache, saveCache } from "./action-runner/local-cache.ts";

interface ActionStep {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  with?: Record<string, string>;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
}

interface ActionInput {
  description?: string;
  required?: boolean;
  default?: string;
}

interface ActionFile {
  inputs?: Record<string, ActionInput>;
  outputs?: Record<string, { description?: string; value: string }>;
  runs: { using: string; steps: ActionStep[] };
}

/** The run's identity as the `github` context and GITHUB_* variables give it; a scheduled run changes run_id. */
export interface RunIdentity {
  workflow: string;
  job: string;
  run_id: string;
  run_attempt: string;
  ref_name: string;
}

export interface LocalRunOptions {
  /** Directory that holds action.yml and acts as GITHUB_ACTION_PATH. */
  actionDir: string;
  /** Stands in for GITHUB_WORKSPACE; relative input paths land here. A fresh one is a fresh runner. */
  workdir: string;
  /** Overrides the inputs' defaults. */
  inputs: Record<string, string>;
  /** Simulates actions/cache with this directory; without it the cache steps are skipped. */
  cacheDir?: string;
  /** Overrides the run's identity; run_id defaults to the current time in ms. */
  github?: Partial<RunIdentity>;
  /** The runner's own lines (run:, skipped:, failed:, cache); defaults to stderr. */
  log?: (line: string) => void;
  /** What the steps print; defaults to this process's stderr. */
  output?: (chunk: string) => void;
}

export interface StepResult {
  outcome: "success" | "failure" | "skipped";
  outputs: Record<string, string>;
}

export interface LocalRunResult {
  /** The first failing step's exit code, or 0. */
  exitCode: number;
  /** The action's `outputs:`. */
  outputs: Record<string, string>;
  /** Steps by id. */
  steps: Record<string, StepResult>;
}

/** Runs the steps in order, as a runner runs a composite action. */
export async function runActionLocally(options: LocalRunOptions): Promise<LocalRunResult> {
  const log = options.log ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const output = options.output ?? ((chunk: string) => void process.stderr.write(chunk));
  const action = parse(readFileSync(join(options.actionDir, "action.yml"), "utf8")) as ActionFile;
  if (action.runs.using !== "composite") throw new Error(`action.yml runs ${action.runs.using}, not a composite action`);

  const inputs: Record<string, string> = {};
  for (const [name, input] of Object.entries(action.inputs ?? {})) inputs[name] = input.default ?? "";
  for (const [name, value] of Object.entries(options.inputs)) {
    if (!(name in inputs)) throw new Error(`action.yml has no input "${name}"; it has ${Object.keys(inputs).join(", ")}`);
    inputs[name] = value;
  }
  for (const [name, input] of Object.entries(action.inputs ?? {})) {
    if (input.required && inputs[name] === "") throw new Error(`input "${name}" is required`);
  }

  const identity: RunIdentity = {
    workflow: "local",
    job: "sync",
    run_id: String(Date.now()),
    run_attempt: "1",
    ref_name: "local",
    ...options.github,
  };
  const runnerTemp = join(options.workdir, ".runner-temp");
  mkdirSync(runnerTemp, { recursive: true });
  const envFile = join(runnerTemp, "github-env");
  writeFileSync(envFile, "");
  // What a runner sets for every step. Only PATH and HOME come from this machine: nothing else leaks in.
  const runnerEnv: Record<string, string> = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: process.env.HOME ?? options.workdir,
    CI: "true",
    GITHUB_ACTIONS: "true",
    GITHUB_ACTION_PATH: options.actionDir,
    GITHUB_WORKSPACE: options.workdir,
    GITHUB_REPOSITORY: "local/intercom-sync",
    GITHUB_WORKFLOW: identity.workflow,
    GITHUB_JOB: identity.job,
    GITHUB_RUN_ID: identity.run_id,
    GITHUB_RUN_ATTEMPT: identity.run_attempt,
    GITHUB_REF_NAME: identity.ref_name,
    GITHUB_ENV: envFile,
    RUNNER_TEMP: runnerTemp,
  };
  const steps: Record<string, StepResult> = {};
  const scope: ExpressionScope = {
    failed: false,
    contexts: {
      inputs,
      env: runnerEnv,
      steps: steps as unknown as ExpressionValue,
      github: {
        action_path: options.actionDir,
        action_repository: "",
        action_ref: "",
        repository: runnerEnv.GITHUB_REPOSITORY!,
        workspace: options.workdir,
        ...identity,
      },
      runner: { os: process.platform === "darwin" ? "macOS" : process.platform === "win32" ? "Windows" : "Linux", temp: runnerTemp },
    },
  };

  let failed = 0;
  for (const [index, step] of action.runs.steps.entries()) {
    const title = step.name ?? step.id ?? `step ${index + 1}`;
    const record = (result: StepResult) => {
      if (step.id) steps[step.id] = result;
    };
    if (!stepCondition(step.if, scope)) {
      log(`skipped: ${title} (${step.if === undefined ? "an earlier step failed" : `if: ${step.if.trim()}`})`);
      record({ outcome: "skipped", outputs: {} });
      continue;
    }
    const withValues = Object.fromEntries(Object.entries(step.with ?? {}).map(([name, value]) => [name, substitute(String(value), scope)]));
    if (step.uses) {
      const result = runUsesStep(step.uses, withValues, options);
      if (!result) {
        log(
          `skipped: ${title} (uses: ${step.uses}; not run locally${
            step.uses.startsWith("actions/cache/") ? ", pass --cache-dir to simulate it" : ""
          })`,
        );
        record({ outcome: "skipped", outputs: {} });
        continue;
      }
      log(`run: ${title}`);
      for (const line of result.lines) log(`  ${line}`);
      record({ outcome: "success", outputs: result.outputs });
      continue;
    }
    if (!step.run) continue;
    if (step.shell && step.shell !== "bash") throw new Error(`${title}: only bash steps run locally, not ${step.shell}`);
    const stepEnv: Record<string, string> = {};
    for (const [name, value] of Object.entries(step.env ?? {})) stepEnv[name] = substitute(String(value), scope);
    const scriptPath = join(runnerTemp, `step-${index + 1}.sh`);
    // Each step gets a GITHUB_OUTPUT of its own, as on a runner.
    const outputFile = join(runnerTemp, `step-${index + 1}-output`);
    writeFileSync(outputFile, "");
    writeFileSync(scriptPath, substitute(step.run, scope));
    log(`run: ${title}`);
    // The same flags a runner uses for `shell: bash`. Asynchronous: the fake may be serving from this process.
    const child = spawn("bash", ["--noprofile", "--norc", "-eo", "pipefail", scriptPath], {
      cwd: options.workdir,
      env: { ...runnerEnv, ...readGithubEnv(envFile), GITHUB_OUTPUT: outputFile, ...stepEnv },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.on("data", (chunk: Buffer) => output(chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => output(chunk.toString()));
    const code = await new Promise<number>((done) => {
      child.on("error", () => done(127));
      child.on("close", (status) => done(status ?? 1));
    });
    record({ outcome: code === 0 ? "success" : "failure", outputs: readGithubEnv(outputFile) });
    if (code !== 0) {
      log(`failed: ${title} (exit ${code})`);
      failed ||= code;
      scope.failed = true;
    }
  }
  const outputs = Object.fromEntries(Object.entries(action.outputs ?? {}).map(([name, spec]) => [name, substitute(spec.value, scope)]));
  return { exitCode: failed, outputs, steps };
}

/** actions/cache/restore and /save against the local cache directory; undefined for a step not simulated. */
function runUsesStep(
  uses: string,
  withValues: Record<string, string>,
  options: LocalRunOptions,
): { outputs: Record<string, string>; lines: string[] } | undefined {
  if (!options.cacheDir) return undefined;
  const cache = { cacheDir: options.cacheDir, workdir: options.workdir, path: withValues.path ?? "", key: withValues.key ?? "" };
  if (uses.startsWith("actions/cache/restore@")) {
    const result = restoreCache({ ...cache, restoreKeys: withValues["restore-keys"] ?? "" });
    return {
      outputs: { "cache-hit": String(result.exactHit), "cache-primary-key": cache.key, "cache-matched-key": result.matchedKey ?? "" },
      lines: [
        result.matchedKey
          ? `cache restored from key: ${result.matchedKey} (${result.restoredFiles.join(", ")})`
          : `cache not found for key: ${cache.key}`,
      ],
    };
  }
  if (uses.startsWith("actions/cache/save@")) {
    const result = saveCache(cache);
    return {
      outputs: {},
      lines: ["warning" in result ? `warning: ${result.warning}` : `cache saved with key: ${cache.key} (${result.saved.join(", ")})`],
    };
  }
  return undefined;
}

/** GITHUB_ENV lines: `NAME=value`, or `NAME<<DELIMITER` … `DELIMITER` for multi-line values. */
export function readGithubEnv(path: string): Record<string, string> {
  const lines = readFileSync(path, "utf8").split("\n");
  const env: Record<string, string> = {};
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const value: string[] = [];
      while (++i < lines.length && lines[i] !== heredoc[2]) value.push(lines[i]!);
      env[heredoc[1]!] = value.join("\n");
      continue;
    }
    const eq = line.indexOf("=");
    if (eq > 0) env[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return env;
}

interface ScriptArgs {
  baseUrl?: string;
  token?: string;
  workdir?: string;
  cacheDir?: string;
  runId?: string;
  fakePort?: number;
  inputs: Record<string, string>;
}

function parseArgs(args: string[]): ScriptArgs {
  const parsed: ScriptArgs = { inputs: {} };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const value = () => {
      const next = args[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === "--base-url") parsed.baseUrl = value();
    else if (arg === "--token") parsed.token = value();
    else if (arg === "--workdir") parsed.workdir = value();
    else if (arg === "--cache-dir") parsed.cacheDir = value();
    else if (arg === "--run-id") parsed.runId = value();
    else if (arg === "--fake-port") parsed.fakePort = Number(value());
    else if (arg === "--input") {
      const pair = value();
      const eq = pair.indexOf("=");
      if (eq <= 0) throw new Error(`--input takes name=value, got ${pair}`);
      parsed.inputs[pair.slice(0, eq)] = pair.slice(eq + 1);
    } else throw new Error(`unknown argument ${arg}; see the comment at the top of scripts/run-action-locally.ts`);
  }
  return parsed;
}

if (import.meta.main) {
  const args = parseArgs(process.argv.slice(2));
  const actionDir = resolve(import.meta.dirname, "..");
  const workdir = resolve(args.workdir ?? mkdtempSync(join(tmpdir(), "intercom-sync-action-")));
  mkdirSync(workdir, { recursive: true });
  let fake: { url: string; close(): Promise<void> } | undefined;
  if (!args.baseUrl) {
    // The API host is part of the cache key: runs meant to share a --cache-dir need the same --fake-port.
    const { createFakeIntercom } = await import("../src/fake/mod.ts");
    const { runtime } = await import("../src/runtime/mod.ts");
    const server = await runtime.serve(createFakeIntercom({}).handler, { port: args.fakePort ?? 0, hostname: "127.0.0.1" });
    fake = { url: server.url, close: () => server.close() };
    console.error(`fake Intercom on ${fake.url}`);
  }
  let code = 1;
  try {
    const result = await runActionLocally({
      actionDir,
      workdir,
      ...(args.cacheDir ? { cacheDir: resolve(args.cacheDir) } : {}),
      ...(args.runId ? { github: { run_id: args.runId } } : {}),
      inputs: {
        version: "source",
        "base-url": args.baseUrl ?? fake!.url,
        // A real token is never sent to the fake.
        token: args.token ?? (args.baseUrl ? process.env.INTERCOM_ACCESS_TOKEN : undefined) ?? "test-token",
        ...args.inputs,
      },
    });
    code = result.exitCode;
    for (const [name, value] of Object.entries(result.outputs)) console.error(`output ${name}=${value}`);
    console.error(`${code === 0 ? "done" : `failed (exit ${code})`}; files are in ${workdir}`);
  } finally {
    await fake?.close();
  }
  process.exit(code);
}
