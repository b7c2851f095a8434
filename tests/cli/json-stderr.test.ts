/** `--log-format json`: every stderr line is a JSON object with level and message, usage and early errors too. */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { writeFileSync } from "node:fs";
import { type RunningFakeIntercom, startFakeIntercom } from "../../src/fake/mod.ts";
import { runCli } from "../helpers/run-cli.ts";
import { withTempDir } from "../helpers/temp-dir.ts";

let fake: RunningFakeIntercom;
beforeAll(async () => {
  fake = await startFakeIntercom({ sizes: { contacts: 20, conversations: 4, companies: 3, tickets: 3, activityLogs: 5 } });
});
afterAll(async () => {
  await fake.close();
});

function expectJsonLines(stderr: string): { level: string; message: string }[] {
  const lines = stderr.split("\n").filter((line) => line !== "");
  expect(lines.length).toBeGreaterThan(0);
  return lines.map((line) => {
    let parsed: { level?: unknown; message?: unknown };
    try {
      parsed = JSON.parse(line);
    } catch {
      throw new Error(`stderr line is not JSON: ${line}`);
    }
    expect(typeof parsed.level).toBe("string");
    expect(typeof parsed.message).toBe("string");
    return parsed as { level: string; message: string };
  });
}

describe("--log-format json", () => {
  const usageErrors: [string, string[]][] = [
    ["an unknown option", ["--log-format", "json", "sync", "--bogus"]],
    ["an unknown option, json given with =", ["sync", "--bogus", "--log-format=json"]],
    ["an unparseable date", ["--log-format", "json", "--since", "last tuesday"]],
    ["an unknown stream", ["check", "--streams", "nope", "--log-format", "json"]],
    ["a bad --region value", ["check", "--region", "mars", "--log-format", "json"]],
    ["a missing config file", ["--config", "/nonexistent/intercom-sync.json", "--log-format", "json"]],
  ];
  for (const [what, args] of usageErrors) {
    test(`${what}: exit 2, stderr is JSON`, async () => {
      const run = await runCli(args, { env: { INTERCOM_ACCESS_TOKEN: "test-token" } });
      expect(run.exitCode).toBe(2);
      const [first] = expectJsonLines(run.stderr);
      expect(first!.level).toBe("error");
    });
  }

  test("no token: exit 2, a JSON error naming INTERCOM_ACCESS_TOKEN", async () => {
    const run = await runCli(["sync", "--log-format", "json"]);
    expect(run.exitCode).toBe(2);
    const [first] = expectJsonLines(run.stderr);
    expect(first!.message).toContain("INTERCOM_ACCESS_TOKEN");
  });

  test("a config file that sets log-format makes its own parse errors JSON", async () => {
    await withTempDir(async (dir) => {
      writeFileSync(`${dir}/c.json`, JSON.stringify({ "log-format": "json" }));
      const run = await runCli(["--config", `${dir}/c.json`, "--bogus"]);
      expect(run.exitCode).toBe(2);
      expectJsonLines(run.stderr);
    });
  });

  test("check against a refused port, and a sync with a bad token: JSON only", async () => {
    const refused = await runCli(["check", "--base-url", "http://127.0.0.1:1", "--log-format", "json"], {
      env: { INTERCOM_ACCESS_TOKEN: "test-token" },
    });
    expect(refused.exitCode).not.toBe(0);
    expectJsonLines(refused.stderr);
    await withTempDir(async (dir) => {
      const run = await runCli(["sync", "--base-url", fake.url, "--state", `${dir}/s.json`, "--log-format", "json"], {
        env: {
          INTERCOM_ACCESS_TOKEN: "wrong",
        },
      });
      expect(run.exitCode).toBe(3);
      expect(expectJsonLines(run.stderr).some((line) => line.level === "error")).toBe(true);
    });
  });

  test("a state file that is a directory: JSON", async () => {
    await withTempDir(async (dir) => {
      const run = await runCli(["sync", "--base-url", fake.url, "--state", dir, "--log-format", "json"], {
        env: { INTERCOM_ACCESS_TOKEN: "test-token" },
      });
      expect(run.exitCode).not.toBe(0);
      expectJsonLines(run.stderr);
    });
  });

  test("state and streams take --log-format too: a state file that is a directory gives JSON", async () => {
    await withTempDir(async (dir) => {
      const run = await runCli(["state", "show", "--state", dir, "--log-format", "json"]);
      expect(run.exitCode).not.toBe(0);
      expectJsonLines(run.stderr);
      const streams = await runCli(["streams", "--log-format", "json"]);
      expect(streams.exitCode).toBe(0);
      expect(streams.stderr).toBe("");
    });
  });

  test("a successful check: JSON too", async () => {
    const run = await runCli(["check", "--base-url", fake.url, "--streams", "admins,tags", "--log-format", "json"], {
      env: {
        INTERCOM_ACCESS_TOKEN: "test-token",
      },
    });
    expect(run.exitCode).toBe(0);
    expectJsonLines(run.stderr);
  });
});
