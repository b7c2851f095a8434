/** A failure that stops everything (a token Intercom refuses) is reported once, in at most three lines. */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { type RunningFakeIntercom, startFakeIntercom } from "../../src/fake/mod.ts";
import { runCli } from "../helpers/run-cli.ts";
import { withTempDir } from "../helpers/temp-dir.ts";

const BAD = "revoked-token-5d1e9a0c-do-not-print";

let fake: RunningFakeIntercom;
beforeAll(async () => {
  fake = await startFakeIntercom({ sizes: { contacts: 20, conversations: 4, companies: 3, tickets: 3, activityLogs: 5 } });
});
afterAll(async () => {
  await fake.close();
});

function lines(text: string): string[] {
  return text.split("\n").filter((line) => line.trim() !== "");
}

describe("a token Intercom refuses (401)", () => {
  test("sync: exit 3, at most three lines on stderr, the 401 said once, nothing on stdout", async () => {
    await withTempDir(async (dir) => {
      const run = await runCli(["sync", "--base-url", fake.url, "--state", `${dir}/s.json`, "--sqlite", `${dir}/o.db`], {
        env: {
          INTERCOM_ACCESS_TOKEN: BAD,
        },
      });
      expect(run.exitCode).toBe(3);
      expect(run.stdout).toBe("");
      expect(lines(run.stderr).length).toBeLessThanOrEqual(3);
      expect(run.stderr.match(/invalid or revoked/g)?.length).toBe(1);
      expect(run.stderr).not.toContain("do-not-print");
    });
  });

  test("sync to stdout with --verbose: still one report", async () => {
    await withTempDir(async (dir) => {
      const run = await runCli(["sync", "--base-url", fake.url, "--state", `${dir}/s.json`, "--verbose"], { env: { INTERCOM_ACCESS_TOKEN: BAD } });
      expect(run.exitCode).toBe(3);
      expect(lines(run.stderr).length).toBeLessThanOrEqual(3);
      expect(run.stderr.match(/invalid or revoked/g)?.length).toBe(1);
    });
  });

  test("--log-format json: one error object, and the summary does not repeat the error per stream", async () => {
    await withTempDir(async (dir) => {
      const run = await runCli(["sync", "--base-url", fake.url, "--state", `${dir}/s.json`, "--log-format", "json"], {
        env: {
          INTERCOM_ACCESS_TOKEN: BAD,
        },
      });
      expect(run.exitCode).toBe(3);
      expect(lines(run.stderr).length).toBeLessThanOrEqual(3);
      expect(run.stderr.match(/invalid or revoked/g)?.length).toBe(1);
    });
  });

  test("check: exit 3, one message, no table of identical errors", async () => {
    const run = await runCli(["check", "--base-url", fake.url], { env: { INTERCOM_ACCESS_TOKEN: BAD } });
    expect(run.exitCode).toBe(3);
    expect(lines(run.stdout + run.stderr).length).toBeLessThanOrEqual(3);
    expect(run.stderr.match(/invalid or revoked/g)?.length).toBe(1);
    expect(run.stdout + run.stderr).not.toContain("do-not-print");
  });
});
