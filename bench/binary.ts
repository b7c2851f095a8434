/** Times `dist/intercom-sync --version`: the compiled binary's start-up cost, as a user sees it. */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

export interface BinaryTiming {
  path: string;
  runs: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
}

/** Undefined when the binary has not been built (`npm run build`). */
export function timeBinaryVersion(path: string, runs: number): BinaryTiming | undefined {
  if (!existsSync(path)) return undefined;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const began = performance.now();
    const result = spawnSync(path, ["--version"], { stdio: ["ignore", "pipe", "pipe"] });
    const ms = performance.now() - began;
    if (result.status !== 0) throw new Error(`${path} --version exited with ${result.status}: ${String(result.stderr)}`);
    times.push(ms);
  }
  times.sort((a, b) => a - b);
  const mid = Math.floor(times.length / 2);
  const median = times.length % 2 === 1 ? times[mid]! : (times[mid - 1]! + times[mid]!) / 2;
  const round = (value: number) => Math.round(value * 10) / 10;
  return { path, runs, medianMs: round(median), minMs: round(times[0]!), maxMs: round(times.at(-1)!) };
}
