/** Runs intercom-sync (from source or the binary) as a child process with a clean environment. */
import { spawn } from "node:child_process";
import { resolve } from "node:path";

export const ROOT = resolve(import.meta.dir, "../..");
export const BUN = resolve(ROOT, "node_modules/.bin/bun");

export interface ProcessRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Asynchronous, so a fake served by the test process keeps answering meanwhile. The environment is clean:
 * a real INTERCOM_ACCESS_TOKEN or INTERCOM_BASE_URL of whoever runs the tests stays out.
 */
export function runProcess(command: string, args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<ProcessRun> {
  const cwd = options.cwd ?? ROOT;
  return new Promise((done, fail) => {
    const child = spawn(command, args, {
      cwd,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? cwd, ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", fail);
    child.on("close", (code) => done({ code: code ?? -1, stdout, stderr }));
  });
}

/** `bun src/cli/main.ts ...args`. */
export function runSourceCli(args: string[], env: Record<string, string> = {}): Promise<ProcessRun> {
  return runProcess(BUN, ["src/cli/main.ts", ...args], { env });
}
