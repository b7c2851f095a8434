/** Starts bench/fake-server.ts in its own process and talks to it. */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { FakeOptions } from "../src/fake/mod.ts";
import { STATS_PATH } from "./fake-server.ts";
import type { FakeCounters } from "./types.ts";

export const FAKE_TOKEN = "test-token";

export interface FakeProcess {
  url: string;
  counters(): Promise<FakeCounters>;
  close(): Promise<void>;
}

const SERVER = fileURLToPath(new URL("./fake-server.ts", import.meta.url));

export function startFakeProcess(options: FakeOptions): Promise<FakeProcess> {
  const child = spawn(process.execPath, [SERVER, JSON.stringify(options)], { stdio: ["pipe", "pipe", "inherit"] });
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  return new Promise((resolve, reject) => {
    let out = "";
    child.on("error", reject);
    child.on("exit", (code) => reject(new Error(`fake server exited early (${code}): ${out}`)));
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", function onData(chunk: string) {
      out += chunk;
      if (!out.includes("\n")) return;
      child.stdout.off("data", onData);
      const { url } = JSON.parse(out.split("\n")[0]!) as { url: string };
      const base = url.replace(/\/$/, "");
      resolve({
        url: base,
        async counters() {
          const stats = (await (await fetch(`${base}${STATS_PATH}`)).json()) as FakeCounters;
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
