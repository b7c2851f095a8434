import { expect, test } from "bun:test";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { withTempDir } from "../helpers/temp-dir.ts";

const root = join(import.meta.dir, "..", "..");

test("the state module saves, loads and locks under Deno", async () => {
  await withTempDir(async (dir) => {
    const deno = join(root, "node_modules", ".bin", "deno");
    const result = spawnSync(deno, ["run", "-A", join(import.meta.dir, "deno-smoke.ts"), dir], {
      cwd: root,
      encoding: "utf8",
      timeout: 50_000,
    });
    expect(result.stderr).toBe("");
    expect(result.stdout.trim()).toBe("ok");
    expect(result.status).toBe(0);
  });
});
