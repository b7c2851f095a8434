/**
 * Run intercom-sync (from source, or any program such as the compiled binary) as a child process, to completion.
 * Asynchronous, so a fake served by the test process keeps answering meanwhile. The environment is clean: a real
 * INTERCOM_ACCESS_TOKEN or INTERCOM_BASE_URL of whoever runs the tests stays out.
 * For `main()` called in-process (no child), see run-cli-in-process.ts.
 */
import { spawn } from "node:child_process";
import { BUN, DENO, MAIN, ROOT } from "./paths.ts";
import { unprivileged } from "./unprivileged.ts";
import type { CliResult } from "./cli-result.ts";

export type { CliResult };

export interface ProcessOptions {
  /** The working directory. Default: the repository root. */
  cwd?: string;
  /** Added to the clean environment (PATH and HOME). */
  env?: Record<string, string>;
  /** A run still going after this is killed and reported as a hang. Default: none (the test's own timeout). */
  timeoutMs?: number;
}

export interface CliOptions extends ProcessOptions {
  runtime?: "bun" | "deno";
  /** Under root, run as `nobody` (see unprivileged.ts), so file modes apply. */
  unprivileged?: boolean;
}

/** `intercom-sync <args>` from source under Bun (default) or Deno. A hang past `timeoutMs` (default 40 s) throws. */
export function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  const direct = options.runtime === "deno" ? [DENO, "run", "-A", MAIN, ...args] : [BUN, MAIN, ...args];
  const [command, ...rest] = options.unprivileged ? unprivileged(direct) : direct;
  // `nobody` has no home of its own.
  const env = options.unprivileged ? { HOME: "/tmp", ...options.env } : options.env;
  return runProcess(command!, rest, { ...options, env, timeoutMs: options.timeoutMs ?? 40_000 });
}

/** A CLI run whose stdout is JSON lines (Airbyte, Singer): `messages` holds one parsed value per line. */
export interface MessagesResult extends CliResult {
  messages: Record<string, unknown>[];
}

/** `runCli`, then stdout parsed as JSON lines; throws when stdout does not end with a newline or a line is not JSON. */
export async function runCliMessages(args: readonly string[], options: CliOptions = {}): Promise<MessagesResult> {
  const result = await runCli(args, options);
  const lines = result.stdout.split("\n");
  if (lines.pop() !== "") throw new Error(`stdout does not end with a newline: ${result.stdout.slice(-200)}\nstderr: ${result.stderr}`);
  try {
    return { ...result, messages: lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
  } catch (error) {
    throw new Error(`${(error as Error).message}\nstderr: ${result.stderr}`);
  }
}

/** Any program (the compiled binary, a shell) with the same clean environment. */
export function runProcess(command: string, args: readonly string[], options: ProcessOptions = {}): Promise<CliResult> {
  const cwd = options.cwd ?? ROOT;
  return new Promise((done, fail) => {
    const child = spawn(command, args, {
      cwd,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? cwd, ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let hung = false;
    const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => {
      hung = true;
      child.kill("SIGKILL");
    }, options.timeoutMs);
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", fail);
    child.on("close", (code) => {
      clearTimeout(timer);
      if (hung) fail(new Error(`${command} ${args.join(" ")} hung; stderr: ${stderr}`));
      else done({ exitCode: code ?? -1, stdout, stderr });
    });
  });
}
