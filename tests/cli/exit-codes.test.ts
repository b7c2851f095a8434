/**
 * Exit codes scripts can trust: `check` gives 3 only for the token or a permission; SIGTERM 143 and SIGINT 130,
 * each after saving everything written; --help and the README list every code.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { EXIT } from "../../src/cli/exit-codes.ts";
import { type RunningFakeIntercom, startFakeIntercom } from "../../src/fake/mod.ts";
import { DEFAULT_STREAMS } from "../../src/streams/select.ts";
import { fakeKeys, pastNow, sleep, sqliteKeys } from "../helpers/cli-sync.ts";
import { BUN, ROOT } from "../helpers/paths.ts";
import { runCli } from "../helpers/run-cli.ts";
import { withTempDir } from "../helpers/temp-dir.ts";

function lines(text: string): string[] {
  return text.split("\n").filter((line) => line.trim() !== "");
}

describe("check's exit code", () => {
  test("a refused connection is not an authentication error: exit 1 or 2, one message, within seconds", async () => {
    const started = Date.now();
    const run = await runCli(["check", "--base-url", "http://127.0.0.1:1"], { env: { INTERCOM_ACCESS_TOKEN: "test-token" } });
    expect(run.exitCode).not.toBe(EXIT.auth);
    expect<number[]>([EXIT.failure, EXIT.usage]).toContain(run.exitCode);
    expect(lines(run.stderr).length).toBeLessThanOrEqual(3);
    expect(run.stdout).toBe("");
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  test("an HTML page answering 200 is not an authentication error", async () => {
    const nginx = Bun.serve({
      hostname: "127.0.0.1",
      port: 0,
      fetch: () => new Response("<html><body>Welcome to nginx!</body></html>", { headers: { "content-type": "text/html" } }),
    });
    try {
      const run = await runCli(["check", "--base-url", `http://127.0.0.1:${nginx.port}`], { env: { INTERCOM_ACCESS_TOKEN: "test-token" } });
      expect(run.exitCode).not.toBe(EXIT.auth);
      expect<number[]>([EXIT.failure, EXIT.usage]).toContain(run.exitCode);
      expect(lines(run.stderr).length).toBeLessThanOrEqual(3);
    } finally {
      nginx.stop(true);
    }
  });
});

describe("signals", () => {
  let fake: RunningFakeIntercom;
  beforeAll(async () => {
    fake = await startFakeIntercom({
      now: pastNow(),
      sizes: { contacts: 1500, conversations: 40, companies: 10, tickets: 20, activityLogs: 20, maxParts: 3 },
      // Slow, so the run is still going when the signal comes.
      faults: { latencyMs: 250 },
    });
  });
  afterAll(async () => {
    await fake.close();
  });

  for (const [signal, code] of [["SIGTERM", EXIT.terminated], ["SIGINT", EXIT.interrupted]] as const) {
    test(`${signal} exits ${code} and keeps every record a saved stream wrote`, async () => {
      await withTempDir(async (dir) => {
        const statePath = join(dir, "state.json");
        const db = join(dir, "out.db");
        const child = spawn(BUN, ["src/cli/main.ts", "sync", "--base-url", fake.url, "--state", statePath, "--sqlite", db, "--quiet"], {
          cwd: ROOT,
          env: { PATH: process.env.PATH ?? "", HOME: dir, INTERCOM_ACCESS_TOKEN: "test-token" },
          stdio: ["ignore", "ignore", "pipe"],
        });
        let stderr = "";
        child.stderr.on("data", (chunk) => (stderr += chunk));
        const exited = new Promise<number | null>((resolve) => child.on("close", (exitCode) => resolve(exitCode)));
        // Wait until some stream has finished and been saved, while others are still running.
        const savedStreams = () => {
          if (!existsSync(statePath)) return [];
          try {
            const state = JSON.parse(readFileSync(statePath, "utf8")) as { streams: Record<string, { outcome?: string }> };
            return Object.entries(state.streams).filter(([, saved]) => saved.outcome === "ok").map(([name]) => name);
          } catch {
            return []; // mid-rename
          }
        };
        const deadline = Date.now() + 20_000;
        while (savedStreams().length === 0 && Date.now() < deadline) await sleep(50);
        expect(savedStreams().length).toBeGreaterThan(0);
        const signalledAt = Date.now();
        child.kill(signal);
        const exitCode = await exited;
        expect(exitCode).toBe(code);
        expect(Date.now() - signalledAt).toBeLessThan(15_000);
        expect(stderr).toContain(signal === "SIGTERM" ? "terminated" : "interrupted");
        // Every stream the state calls done has all its records in the database.
        const saved = savedStreams();
        // (The run was stopped before every stream of the default set finished.)
        expect(saved.length).toBeLessThan(DEFAULT_STREAMS.length);
        const expected = fakeKeys(fake);
        const written = await sqliteKeys(db);
        for (const stream of saved) expect({ stream, keys: written[stream] }).toEqual({ stream, keys: expected[stream] });
      });
    }, 40_000);
  }
});

describe("every exit code is documented", () => {
  const codes = Object.values(EXIT).map(String).sort();
  test("--help lists 0, 1, 2, 3, 4, 5, 130 and 143", async () => {
    const run = await runCli(["--help"]);
    expect(run.exitCode).toBe(0);
    const listed = run.stdout.slice(run.stdout.indexOf("Exit codes:")).match(/^ {2}(\d+) /gm)?.map((line) => line.trim()).sort();
    expect(listed).toEqual(codes);
  });

  test("the README's exit-code table lists the same codes", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("### Exit codes"));
    const table = section.slice(0, section.indexOf("\n\n", section.indexOf("|")));
    const listed = table.match(/^\| (\d+) \|/gm)?.map((row) => row.replace(/\D/g, "")).sort();
    expect(listed).toEqual(codes);
  });
});
