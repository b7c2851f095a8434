/**
 * `bench/documents.ts` runs end to end on a few conversations: each of its three runs reports, the document runs
 * render one transcript per conversation, and the summary gives every run's ratio over the plain export. No timing
 * is asserted; the numbers of so small a run mean nothing.
 */
import { expect, test } from "bun:test";
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import type { DocumentsRunReport } from "../bench/documents.ts";

const ROOT = resolve(import.meta.dir, "..");

test("bench/documents.ts reports plain, documents and markdown-dir side by side, with documents/s and the ratio over plain", () => {
  const run = spawnSync(process.execPath, ["bench/documents.ts", "40"], { cwd: ROOT, encoding: "utf8", timeout: 120_000 });
  expect(run.status, run.stderr).toBe(0);
  const lines = run.stdout.trim().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
  const runs = lines.slice(0, 3) as unknown as DocumentsRunReport[];
  expect(runs.map((each) => each.run)).toEqual(["plain", "documents", "markdown-dir"]);
  expect(runs[0]!.conversations).toBe(40);
  for (const each of runs.slice(1)) {
    expect(each.documents).toBe(40);
    expect(each.documentsPerSecond).toBeGreaterThan(0);
  }
  const summary = lines[3]!.summary as Record<string, { timeOverPlain: number; cpuOverPlain: number }>;
  expect(summary.plain!.timeOverPlain).toBe(1);
  for (const name of ["documents", "markdown-dir"]) expect(summary[name]!.cpuOverPlain).toBeGreaterThan(0);
}, 120_000);
