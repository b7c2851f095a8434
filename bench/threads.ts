/**
 * CPU time per thread of this process, from /proc/self/task (Linux): the main thread, the SQLite writer thread
 * (a Web Worker, named "Worker" by Bun) and the runtime's own threads (HTTP, JIT, garbage collection). A worker's
 * thread is gone once it ends, so the sampler reads every thread every `everyMs` and keeps the last reading:
 * a thread's figure misses at most its last `everyMs`. Elsewhere it reports nothing.
 */
import { readdirSync, readFileSync } from "node:fs";

export interface ThreadCpu {
  /** The thread's name (comm): the process's own name for the main thread. */
  name: string;
  cpuMs: number;
}

/** Linux's clock ticks per second for /proc times (USER_HZ; 100 on every common build). */
const TICKS_PER_SECOND = 100;

function readThreads(into: Map<string, ThreadCpu>): void {
  let tids: string[];
  try {
    tids = readdirSync("/proc/self/task");
  } catch {
    return; // not Linux
  }
  for (const tid of tids) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, "utf8");
      const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      // After the name: state is field 3; utime and stime are fields 14 and 15 (1-based), so 11 and 12 here.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const ticks = Number(fields[11]) + Number(fields[12]);
      into.set(tid, { name: tid === String(process.pid) ? "main" : name, cpuMs: (ticks * 1000) / TICKS_PER_SECOND });
    } catch {
      // The thread ended between the listing and the read: its last reading stays.
    }
  }
}

/** Starts sampling; `stop()` takes a last reading and returns each thread that used CPU, busiest first. */
export function sampleThreadCpu(everyMs = 250): { stop(): ThreadCpu[] } {
  const threads = new Map<string, ThreadCpu>();
  readThreads(threads);
  const timer = setInterval(() => readThreads(threads), everyMs);
  return {
    stop() {
      clearInterval(timer);
      readThreads(threads);
      return [...threads.values()].filter((thread) => thread.cpuMs > 0).sort((a, b) => b.cpuMs - a.cpuMs);
    },
  };
}
