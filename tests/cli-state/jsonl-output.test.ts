/** JSON lines on stdout: every record once, polite to `| head`, and a clear refusal of a date it cannot read. */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { type RunningFakeIntercom, startFakeIntercom } from "../../src/fake/mod.ts";
import { fakeKeys, jsonlKeys, pastNow, SMALL_SIZES, syncArgs } from "../helpers/cli-sync.ts";
import { BUN, MAIN, ROOT } from "../helpers/paths.ts";
import { runCli } from "../helpers/run-cli.ts";
import { withTempDir } from "../helpers/temp-dir.ts";

let fake: RunningFakeIntercom;
beforeAll(async () => {
  fake = await startFakeIntercom({ seed: 33, now: pastNow(), sizes: SMALL_SIZES });
});
afterAll(() => fake.close());

test("a full JSON lines sync prints every fake record exactly once", async () => {
  await withTempDir(async (dir) => {
    const run = await runCli(syncArgs(fake.url, join(dir, "state.json")));
    expect({ exitCode: run.exitCode, stderr: run.stderr }).toEqual({ exitCode: 0, stderr: "" });
    expect(jsonlKeys([run.stdout])).toEqual(fakeKeys(fake));
  });
});

test("a sync piped into `head -n 5` exits 0 and prints exactly 5 complete lines", async () => {
  await withTempDir(async (dir) => {
    // Hundreds of kilobytes of output, far past the pipe's buffer, so the CLI really meets the closed pipe.
    const cli = [BUN, MAIN, ...syncArgs(fake.url, join(dir, "state.json"))].map(shellQuote).join(" ");
    const child = Bun.spawn(["bash", "-c", `set -o pipefail; ${cli} | head -n 5`], {
      cwd: ROOT,
      stdout: "pipe",
      stderr: "pipe",
    });
    const [stdout, stderr, exitCode] = await Promise.all([
      new Response(child.stdout).text(),
      new Response(child.stderr).text(),
      child.exited,
    ]);
    // pipefail: the pipeline's status is the CLI's own unless head failed.
    expect({ exitCode, stderr }).toEqual({ exitCode: 0, stderr: "" });
    const lines = stdout.split("\n");
    expect(lines.pop()).toBe("");
    expect(lines).toHaveLength(5);
    for (const line of lines) expect(JSON.parse(line)).toMatchObject({ stream: expect.any(String), data: expect.any(Object) });
  });
});

for (const since of ["2024-13-45", "yesterday", "2024-01-01T10:00:00"]) {
  test(`--since ${since} exits 2 before any request, saying which date formats work`, async () => {
    await withTempDir(async (dir) => {
      const state = join(dir, "state.json");
      const before = fake.stats.requests;
      const run = await runCli(syncArgs(fake.url, state, ["--since", since]));
      expect(run.exitCode).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr).toContain(since);
      expect(run.stderr).toContain("2024-01-01");
      expect(run.stderr).toMatch(/ISO 8601/);
      expect(fake.stats.requests).toBe(before);
      expect(await stat(state).then(() => "written", () => "absent")).toBe("absent");
    });
  });
}

function shellQuote(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`;
}
