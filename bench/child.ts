/** Runs a bench helper in its own Bun process and returns the JSON line it prints last. */
import { spawn } from "node:child_process";

const BUN = process.execPath;

/** Spawns `bun <script> <JSON args>`; stderr passes through; rejects on a non-zero exit. */
export function runChild<T>(script: string, args: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(BUN, [script, JSON.stringify(args)], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => (out += chunk));
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      const last = out.trim().split("\n").at(-1) ?? "";
      if (code !== 0) return reject(new Error(`${script} exited with ${code ?? signal}: ${last}`));
      try {
        resolve(JSON.parse(last) as T);
      } catch {
        reject(new Error(`${script} printed no JSON report: ${out.slice(-500)}`));
      }
    });
  });
}

/** The helper's arguments: the one JSON argument it was started with. */
export function childArgs<T>(): T {
  return JSON.parse(process.argv[2] ?? "{}") as T;
}

/** Prints the report as the child's last stdout line. */
export function report(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}
