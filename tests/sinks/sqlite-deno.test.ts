import { afterEach, beforeEach, expect, test } from "bun:test";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { type TempDir, tempDir } from "../helpers/temp-dir.ts";

const root = join(import.meta.dir, "..", "..");
let tmp: TempDir;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.remove());

test("under Deno (node:sqlite) the sink writes, upserts, rolls back a bad page and records the run", () => {
  const result = spawnSync(
    join(root, "node_modules", ".bin", "deno"),
    ["run", "-A", join(root, "tests", "sinks", "deno-sqlite-smoke.ts"), tmp.file("deno.db")],
    { cwd: root, encoding: "utf8", timeout: 50_000 },
  );
  expect(result.stderr).not.toMatch(/error/i);
  expect(result.status).toBe(0);
  expect(JSON.parse(result.stdout.trim())).toEqual({
    runtime: "deno",
    contacts: 300,
    companySegments: 2,
    bouncedTrue: 150, // every even index; c0 was re-written in place, still true
    c0UpdatedAt: 1,
    cities: 299, // c0's newest version has no location
    syncRuns: 1,
    integrity: "ok",
    pageError: "SinkError",
    checkpointThread: true,
  });
});
