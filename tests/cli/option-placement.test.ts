/** Options before the subcommand; an explicit --region against INTERCOM_BASE_URL. */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { type RunningFakeIntercom, startFakeIntercom } from "../../src/fake/mod.ts";
import { pastNow, withTempDir } from "../cli-state/helpers.ts";
import { runSourceCli } from "../helpers/spawn-cli.ts";

let fake: RunningFakeIntercom;
beforeAll(async () => {
  fake = await startFakeIntercom({ now: pastNow(), sizes: { contacts: 20, conversations: 4, companies: 3, tickets: 3, activityLogs: 5 } });
});
afterAll(async () => {
  await fake.close();
});

describe("options before the subcommand", () => {
  test("intercom-sync --base-url U -q check --streams admins works like check --base-url U …", async () => {
    const run = await runSourceCli(["--base-url", fake.url, "-q", "check", "--streams", "admins"], { INTERCOM_ACCESS_TOKEN: "test-token" });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^admins\s+Read admins\s+ok$/m);
  });

  test("--state F before `state show` reads F", async () => {
    await withTempDir(async (dir) => {
      const state = join(dir, "s.json");
      const sync = await runSourceCli(["--state", state, "--base-url", fake.url, "--quiet", "sync", "--streams", "admins"], {
        INTERCOM_ACCESS_TOKEN: "test-token",
      });
      expect(sync.code).toBe(0);
      const show = await runSourceCli(["--state", state, "state", "show"]);
      expect(show.code).toBe(0);
      expect(show.stdout).toContain("admins");
    });
  });
});

describe("--region and INTERCOM_BASE_URL together", () => {
  test("the flag wins and stderr says so (no request is made: the run stops at a --since in the future)", async () => {
    await withTempDir(async (dir) => {
      const state = join(dir, "s.json");
      const requests = fake.stats.requests;
      // Nothing here may reach the real Intercom: the future --since stops the run after the host is chosen and
      // before any request.
      const run = await runSourceCli(["sync", "--state", state, "--streams", "admins", "--region", "eu", "--since", "2099-01-01"], {
        INTERCOM_ACCESS_TOKEN: "test-token",
        INTERCOM_BASE_URL: fake.url,
      });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain("--region eu overrides INTERCOM_BASE_URL: calling https://api.eu.intercom.io");
      expect(run.stderr).toContain("in the future");
      expect(fake.stats.requests).toBe(requests);
      // Without --region the variable applies.
      const plain = await runSourceCli(["sync", "--state", state, "--streams", "admins", "--quiet"], {
        INTERCOM_ACCESS_TOKEN: "test-token",
        INTERCOM_BASE_URL: fake.url,
      });
      expect(plain.code).toBe(0);
      expect(fake.stats.requests).toBeGreaterThan(requests);
    });
  });
});
