/** What the verify tests share: a fresh fake per test, a sync into an output, and `verify` against it. */
import { afterEach, expect } from "bun:test";
import { join } from "node:path";
import { type RunningFakeIntercom, startFakeIntercom } from "../../src/fake/mod.ts";
import { pastNow, SMALL_SIZES, syncArgs } from "../helpers/cli-sync.ts";
import { type CliResult, runCli } from "../helpers/run-cli.ts";

export const NO_LAG = ["--search-lag-minutes", "0"];
/** verify's exit code when the output differs from Intercom (EXIT.differences), written out as documented. */
export const DIFFERENCES = 6;

/** Call at a test file's top level: `start()` gives each test its own fake, closed after it. */
export function freshFakePerTest(seed: number): { start(): Promise<RunningFakeIntercom> } {
  let fake: RunningFakeIntercom | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });
  return {
    async start() {
      fake = await startFakeIntercom({ seed, now: pastNow(), sizes: SMALL_SIZES });
      return fake;
    },
  };
}

/** A sync of `url` into `output` (e.g. ["--sqlite", path]) with its state in `dir`; it must succeed quietly. */
export async function sync(url: string, dir: string, output: string[]): Promise<void> {
  const result = await runCli(syncArgs(url, join(dir, "state.json"), [...output, ...NO_LAG]));
  expect({ exitCode: result.exitCode, stderr: result.stderr }).toEqual({ exitCode: 0, stderr: "" });
}

export function verify(url: string, output: string[], extra: string[] = []): Promise<CliResult> {
  return runCli(["verify", ...output, "--base-url", url, "--token", "test-token", ...extra]);
}
