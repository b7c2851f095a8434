/**
 * `bench/bench.ts --quick` runs end to end: all three configurations are measured and results.json holds
 * numeric rates for each. No timing is asserted; the numbers of a quick run mean nothing.
 */
import { afterAll, expect, test } from "bun:test";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Results } from "../bench/report.ts";
import { tempDir } from "./helpers/temp-dir.ts";

const ROOT = resolve(import.meta.dir, "..");
const temp = tempDir();
const dir = temp.dir;
afterAll(() => temp.remove());

test("bench --quick writes results.json with all three configurations and numeric rates", () => {
  const out = join(dir, "results.json");
  const run = spawnSync(process.execPath, ["bench/bench.ts", "--quick", "--out", out], { cwd: ROOT, encoding: "utf8", timeout: 120_000 });
  expect(run.status, run.stderr).toBe(0);
  expect(run.stdout).toContain("| configuration | stream |");

  const results = JSON.parse(readFileSync(out, "utf8")) as Results;
  const names = results.configurations.map((config) => config.config);
  for (const name of ["ours-default", "ours-concurrency-1", "sdk-sequential"]) expect(names).toContain(name);
  for (const config of results.configurations) {
    if (config.config === "ours-default-contacts-only") {
      expect(config.streams.map((stream) => stream.stream)).toEqual(["contacts"]);
    } else if (config.config !== "ours-default-parts-only") {
      expect(config.streams.map((stream) => stream.stream)).toEqual(["contacts", "conversations", "conversation_parts"]);
    }
    expect(config.peakRssMb).toBeGreaterThan(0);
    expect(Number.isFinite(config.fake.requests)).toBe(true);
    for (const stream of config.streams) {
      expect(stream.records).toBeGreaterThan(0);
      for (const value of [stream.recordsPerSec, stream.requestsPerSec, stream.ceilingShare, stream.rateLimited]) {
        expect(Number.isFinite(value)).toBe(true);
      }
    }
  }
  for (const ratio of results.ratios) {
    expect(Number.isFinite(ratio.vsSdk)).toBe(true);
    expect(Number.isFinite(ratio.vsConcurrency1)).toBe(true);
  }
  expect(Number.isFinite(results.zeroLatency?.share)).toBe(true);
  expect(results.targets.length).toBeGreaterThan(0);
}, 120_000);
