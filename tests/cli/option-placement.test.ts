/** Options before the subcommand; an explicit --region against INTERCOM_BASE_URL. */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { type RunningFakeIntercom, startFakeIntercom } from "../../src/fake/mod.ts";
import { pastNow } from "../helpers/cli-sync.ts";
import { runCli } from "../helpers/run-cli.ts";
import { withTempDir } from "../helpers/temp-dir.ts";

let fake: RunningFakeIntercom;
beforeAll(async () => {
  fake = await startFakeIntercom({ now: pastNow(), sizes: { contacts: 20, conversations: 4, companies: 3, tickets: 3, activityLogs: 5 } });
});
afterAll(async () => {
  await fake.close();
});

describe("options before the subcommand", () => {
  test("intercom-sync --base-url U -q check --streams admins works like check --base-url U …", async () => {
    const run = await runCli(["--base-url", fake.url, "-q", "check", "--streams", "admins"], { env: { INTERCOM_ACCESS_TOKEN: "test-token" } });
    expect(run.stderr).toBe("");
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/^admins\s+Read admins\s+ok$/m);
  });

  test("--state F before `state show` reads F", async () => {
    await withTempDir(async (dir) => {
      const state = join(dir, "s.json");
      const sync = await runCli(["--state", state, "--base-url", fake.url, "--quiet", "sync", "--streams", "admins"], {
        env: {
          INTERCOM_ACCESS_TOKEN: "test-token",
        },
      });
      expect(sync.exitCode).toBe(0);
      const show = await runCli(["--state", state, "state", "show"]);
      expect(show.exitCode).toBe(0);
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
      const run = await runCli(["sync", "--state", state, "--streams", "admins", "--region", "eu", "--since", "2099-01-01"], {
        env: {
          INTERCOM_ACCESS_TOKEN: "test-token",
          INTERCOM_BASE_URL: fake.url,
        },
      });
      expect(run.exitCode).toBe(2);
      expect(run.stderr).toContain("--region eu overrides INTERCOM_BASE_URL: calling https://api.eu.intercom.io");
      expect(run.stderr).toContain("in the future");
      expect(fake.stats.requests).toBe(requests);
      // Without --region the variable applies.
      const plain = await runCli(["sync", "--state", state, "--streams", "admins", "--quiet"], {
        env: {
          INTERCOM_ACCESS_TOKEN: "test-token",
          INTERCOM_BASE_URL: fake.url,
        },
      });
      expect(plain.exitCode).toBe(0);
      expect(fake.stats.requests).toBeGreaterThan(requests);
    });
  });
});
