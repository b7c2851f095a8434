/** Peak resident set size of this process, in MiB: VmHWM from /proc where it exists, else the runtime's maxRSS. */
import { readFileSync } from "node:fs";

export function peakRssMb(): number {
  try {
    const match = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync("/proc/self/status", "utf8"));
    if (match) return round1(Number(match[1]) / 1024);
  } catch {
    // Not Linux: fall through.
  }
  // Node and Bun report maxRSS in KiB.
  return round1(process.resourceUsage().maxRSS / 1024);
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

/** User + system CPU time of this process so far, in ms. */
export function cpuMs(): number {
  const usage = process.cpuUsage();
  return Math.round((usage.user + usage.system) / 1000);
}
