/**
 * `bench/backpressure.ts --quick` runs end to end: the CLI exports into a fast and a slow reader, and the
 * results file holds both runs with the fake's contacts count read in full and a numeric peak RSS for each.
 * No timing or memory is asserted; the numbers of a quick run mean nothing.
 */
import { afterAll, expect, test } from "bun:test";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { BackpressureResults } from "../bench/backpressure.ts";
import { tempDir } from "./helpers/temp-dir.ts";

const ROOT = resolve(import.meta.dir, "..");
const QUICK_CONTACTS = 2_000;
const temp = tempDir();
const dir = temp.dir;
afterAll(() => temp.remove());

test("bench-backpressure --quick writes both runs with equal, complete record counts and numeric RSS", () => {
  const out = join(dir, "backpressure-results.json");
  const run = spawnSync(process.execPath, ["bench/backpressure.ts", "--quick", "--out", out], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 120_000,
  });
  expect(run.status, run.stderr).toBe(0);
  expect(run.stdout).toContain("| reader | records |");

  const results = JSON.parse(readFileSync(out, "utf8")) as BackpressureResults;
  expect(results.settings.contacts).toBe(QUICK_CONTACTS);
  expect(results.fakeContacts).toBe(QUICK_CONTACTS);
  expect(results.runs.map((r) => r.consumer)).toEqual(["fast", "slow"]);
  const [fast, slow] = results.runs;
  for (const r of [fast!, slow!]) {
    expect(r.records).toBe(QUICK_CONTACTS);
    expect(r.lines).toBe(QUICK_CONTACTS);
    expect(r.countMatches).toBe(true);
    expect(r.cliExitCode).toBe(0);
    expect(r.bytes).toBeGreaterThan(0);
    expect(Number.isFinite(r.seconds)).toBe(true);
    expect(Number.isFinite(r.peakRssMb)).toBe(true);
    expect(r.peakRssMb).toBeGreaterThan(0);
  }
  // The same export both times: the reader's pace changes nothing in what it receives.
  expect(slow!.records).toBe(fast!.records);
  expect(slow!.bytes).toBe(fast!.bytes);
  expect(results.countsMatch).toBe(true);
  expect(Number.isFinite(results.rssRatio)).toBe(true);
  expect(typeof results.flat).toBe("boolean");
}, 120_000);
