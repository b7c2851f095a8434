/**
 * Start and drive fake-server.ts: a fake Intercom in its own process. Shared by the tests (a fake that outlives
 * CLI runs killed with -9) and the bench (a fake whose CPU is not the measured process's).
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { FakeOptions } from "../../src/fake/mod.ts";
import { CONTROL } from "./fake-server.ts";

/** The token the fake accepts unless its options say otherwise. */
export const FAKE_TOKEN = "test-token";

/** What the fake counted, and the CPU time its process used (it shares the machine's CPUs with what is measured). */
export interface FakeProcessStats {
  requests: number;
  rateLimited: number;
  byRoute: Record<string, number>;
  cpuMs: number;
}

export interface FakeProcess {
  url: string;
  /** Move the fake's wall clock forward: a company scroll left open by a killed run then expires. */
  advanceClock(ms: number): Promise<void>;
  /** Every record a complete export of the default set must contain, sorted keys per stream. */
  keys(): Promise<Record<string, string[]>>;
  counters(): Promise<FakeProcessStats>;
  close(): Promise<void>;
}

const SERVER = fileURLToPath(new URL("./fake-server.ts", import.meta.url));

/** `options` travel as JSON: everything but functions (the server owns the wall clock). */
export function startFakeProcess(options: FakeOptions): Promise<FakeProcess> {
  const child = spawn(process.execPath, [SERVER, JSON.stringify(options)], { stdio: ["pipe", "pipe", "inherit"] });
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  return new Promise((resolve, reject) => {
    let out = "";
    child.on("error", reject);
    child.on("exit", (code) => reject(new Error(`fake-server.ts exited before printing its URL (${code}): ${out}`)));
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", function onData(chunk: string) {
      out += chunk;
      if (!out.includes("\n")) return;
      child.stdout.off("data", onData);
      const { url } = JSON.parse(out.split("\n")[0]!) as { url: string };
      const base = url.replace(/\/$/, "");
      resolve({
        url: base,
        async advanceClock(ms) {
          const response = await fetch(`${base}${CONTROL.advanceClock}?ms=${ms}`, { method: "POST" });
          if (!response.ok) throw new Error(`advance-clock: ${response.status}`);
          await response.body?.cancel();
        },
        async keys() {
          const keys = (await (await fetch(`${base}${CONTROL.keys}`)).json()) as Record<string, string[]>;
          for (const list of Object.values(keys)) list.sort();
          return keys;
        },
        async counters() {
          const stats = (await (await fetch(`${base}${CONTROL.stats}`)).json()) as FakeProcessStats;
          return { requests: stats.requests, rateLimited: stats.rateLimited, byRoute: stats.byRoute, cpuMs: stats.cpuMs };
        },
        async close() {
          // Closing stdin asks it to stop; the kill is only a backstop.
          child.stdin.end();
          const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
          await exited;
          clearTimeout(timer);
        },
      });
    });
  });
}
