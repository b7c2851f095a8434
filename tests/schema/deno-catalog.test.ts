import { expect, test } from "bun:test";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { STREAM_NAMES } from "../../src/streams/catalog.ts";

const deno = fileURLToPath(new URL("../../node_modules/.bin/deno", import.meta.url));
const fixture = fileURLToPath(new URL("./deno-catalog.fixture.ts", import.meta.url));

// Deno comes with `npm ci` (the deno package): a clone without it has not installed the project.
test("under Deno, STREAM_SCHEMAS loads every stream's schema and the validator works", () => {
  const run = spawnSync(deno, ["run", "--quiet", "--no-prompt", fixture], {
    cwd: fileURLToPath(new URL("../..", import.meta.url)),
    encoding: "utf8",
    timeout: 30_000,
  });
  expect(run.stderr).toBe("");
  expect(JSON.parse(run.stdout)).toEqual({
    streams: STREAM_NAMES.length,
    mismatches: [{ field: "updated_at", expected: "integer", received: "string" }],
  });
});
