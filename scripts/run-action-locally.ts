/**
 * Runs action.yml's shell steps on this machine, to try the GitHub Action without pushing anything.
 * `uses:` steps (the actions/cache restore and save) are skipped, and said so. `${{ inputs.x }}`, `${{ env.X }}`,
 * `${{ github.x }}` and `${{ runner.x }}` are substituted; GITHUB_ENV works as on a runner. The action builds
 * the binary from this checkout (`version: source`, i.e. `npm run build` → dist/intercom-sync).
 *
 * Without --base-url it starts the fake Intercom on 127.0.0.1 and syncs from it with its test token.
 *
 * @example
 * bun scripts/run-action-locally.ts --workdir .tmp/action --input streams=admins,tags
 * bun scripts/run-action-locally.ts --base-url http://127.0.0.1:8080 --token "$TOKEN" --input format=jsonl
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parse } from "yaml";

interface ActionStep {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
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
  runs: { using: string; steps: ActionStep[] };
}

export interface LocalRunOptions {
  /** Directory that holds action.yml and acts as GITHUB_ACTION_PATH. */
  actionDir: string;
  /** Stands in for GITHUB_WORKSPACE; relative input paths land here. */
  workdir: string;
  /** Overrides the inputs' defaults. */
  inputs: Record<string, string>;
  /** Printed step by step; defaults to stderr. */
  log?: (line: string) => void;
}

const EXPRESSION = /\$\{\{\s*([a-zA-Z_]+)\.([a-zA-Z0-9_-]+)\s*\}\}/g;

/** Runs the steps in order; resolves with the first failing step's exit code, or 0. */
export async function runActionLocally(options: LocalRunOptions): Promise<number> {
  const log = options.log ?? ((line: string) => void process.stderr.write(`${line}\n`));
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

  const runnerTemp = join(options.workdir, ".runner-temp");
  mkdirSync(runnerTemp, { recursive: true });
  const envFile = join(runnerTemp, "github-env");
  const outputFile = join(runnerTemp, "github-output");
  writeFileSync(envFile, "");
  writeFileSync(outputFile, "");
  // What a runner sets for every step. Only PATH and HOME come from this machine: nothing else leaks in.
  const runnerEnv: Record<string, string> = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: process.env.HOME ?? options.workdir,
    CI: "true",
    GITHUB_ACTIONS: "true",
    GITHUB_ACTION_PATH: options.actionDir,
    GITHUB_WORKSPACE: options.workdir,
    GITHUB_REPOSITORY: "local/intercom-sync",
    GITHUB_ENV: envFile,
    GITHUB_OUTPUT: outputFile,
    RUNNER_TEMP: runnerTemp,
  };
  const contexts: Record<string, Record<string, string>> = {
    inputs,
    env: runnerEnv,
    github: {
      action_path: options.actionDir,
      action_repository: "",
      action_ref: "",
      repository: runnerEnv.GITHUB_REPOSITORY!,
      workspace: options.workdir,
      workflow: "local",
      ref_name: "local",
      run_id: String(Date.now()),
    },
    runner: { os: process.platform === "darwin" ? "macOS" : process.platform === "win32" ? "Windows" : "Linux", temp: runnerTemp },
  };
  const substitute = (text: string) =>
    text.replace(EXPRESSION, (whole, context: string, key: string) => {
      const value = contexts[context]?.[key];
      if (value === undefined) throw new Error(`cannot substitute ${whole} locally`);
      return value;
    });

  let failed = 0;
  for (const [index, step] of action.runs.steps.entries()) {
    const title = step.name ?? step.id ?? `step ${index + 1}`;
    if (step.uses) {
      log(`skipped: ${title} (uses: ${step.uses}; not run locally)`);
      continue;
    }
    // A failed step stops the rest, as on a runner, except steps that ask to run always.
    if (failed && !/^\s*(\$\{\{\s*)?always\(\)/.test(step.if ?? "")) {
      log(`skipped: ${title} (an earlier step failed)`);
      continue;
    }
    if (!step.run) continue;
    if (step.shell && step.shell !== "bash") throw new Error(`${title}: only bash steps run locally, not ${step.shell}`);
    const stepEnv: Record<string, string> = {};
    for (const [name, value] of Object.entries(step.env ?? {})) stepEnv[name] = substitute(String(value));
    const scriptPath = join(runnerTemp, `step-${index + 1}.sh`);
    writeFileSync(scriptPath, substitute(step.run));
    log(`run: ${title}`);
    // The same flags a runner uses for `shell: bash`. Asynchronous: the fake may be serving from this process.
    const child = spawn("bash", ["--noprofile", "--norc", "-eo", "pipefail", scriptPath], {
      cwd: options.workdir,
      env: { ...runnerEnv, ...readGithubEnv(envFile), ...stepEnv },
      stdio: ["ignore", "inherit", "inherit"],
    });
    const code = await new Promise<number>((done) => {
      child.on("error", () => done(127));
      child.on("exit", (status) => done(status ?? 1));
    });
    if (code !== 0) {
      log(`failed: ${title} (exit ${code})`);
      failed ||= code;
    }
  }
  return failed;
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

function parseArgs(args: string[]): { baseUrl?: string; token?: string; workdir?: string; inputs: Record<string, string> } {
  const parsed: { baseUrl?: string; token?: string; workdir?: string; inputs: Record<string, string> } = { inputs: {} };
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
    const { startFakeIntercom } = await import("../src/fake/mod.ts");
    fake = await startFakeIntercom({});
    console.error(`fake Intercom on ${fake.url}`);
  }
  let code = 1;
  try {
    code = await runActionLocally({
      actionDir,
      workdir,
      inputs: {
        version: "source",
        "base-url": args.baseUrl ?? fake!.url,
        // A real token is never sent to the fake.
        token: args.token ?? (args.baseUrl ? process.env.INTERCOM_ACCESS_TOKEN : undefined) ?? "test-token",
        ...args.inputs,
      },
    });
    console.error(`${code === 0 ? "done" : `failed (exit ${code})`}; files are in ${workdir}`);
  } finally {
    await fake?.close();
  }
  process.exit(code);
}
