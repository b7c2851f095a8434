/** A sync with a --max-duration longer than one timer holds (600h) runs to the end: exit 0, not 5 at once. */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { join } from "node:path";
import { type RunningFakeIntercom, startFakeIntercom } from "../../src/fake/mod.ts";
import { pastNow } from "../helpers/cli-sync.ts";
import { runCli } from "../helpers/run-cli.ts";
import { withTempDir } from "../helpers/temp-dir.ts";

let fake: RunningFakeIntercom;
beforeAll(async () => {
  fake = await startFakeIntercom({ now: pastNow(), sizes: { contacts: 5, conversations: 2, companies: 2, tickets: 2, activityLogs: 2 } });
});
afterAll(async () => {
  await fake.close();
});

test("sync --max-duration 600h completes with exit 0", async () => {
  await withTempDir(async (dir) => {
    const run = await runCli(
      ["sync", "--base-url", fake.url, "--state", join(dir, "s.json"), "--streams", "admins,tags", "--max-duration", "600h", "--quiet"],
      { env: { INTERCOM_ACCESS_TOKEN: "test-token" } },
    );
    expect({ code: run.exitCode, stderr: run.stderr }).toEqual({ code: 0, stderr: "" });
    expect(run.stdout).toContain('"stream":"admins"');
  });
});
