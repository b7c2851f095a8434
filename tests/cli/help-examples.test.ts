/** Each command's --help ends with examples of that command, not the top-level ones. */
import { describe, expect, test } from "bun:test";
import { runCli } from "../helpers/run-cli.ts";

/** The lines of the help's "Examples:" block. */
function examplesOf(help: string): string[] {
  const lines = help.split("\n");
  const start = lines.findIndex((line) => line.trim() === "Examples:");
  if (start < 0) return [];
  const end = lines.findIndex((line, index) => index > start && line.trim() === "");
  return lines.slice(start + 1, end < 0 ? undefined : end).map((line) => line.trim());
}

const OTHER_COMMANDS = ["demo", "streams", "check", "state", "verify", "airbyte", "singer", "completion"];

describe("--help examples", () => {
  for (const command of OTHER_COMMANDS) {
    test(`${command} --help shows examples of ${command}, and only of it`, async () => {
      const run = await runCli([command, "--help"]);
      expect(run.exitCode).toBe(0);
      const examples = examplesOf(run.stdout);
      expect(examples.length).toBeGreaterThan(0);
      for (const example of examples) expect(example).toContain(`intercom-sync ${command}`);
    });
  }

  test("sync --help shows sync examples: no other command in them", async () => {
    const run = await runCli(["sync", "--help"]);
    expect(run.exitCode).toBe(0);
    const examples = examplesOf(run.stdout);
    expect(examples.length).toBeGreaterThan(0);
    for (const example of examples) {
      expect(example).toMatch(/^intercom-sync /);
      for (const other of OTHER_COMMANDS) expect(example).not.toContain(`intercom-sync ${other}`);
    }
  });
});

test("check --help says what it checks without --streams: the streams a sync exports by default, not all", async () => {
  const run = await runCli(["check", "--help"]);
  const line = run.stdout.split("\n").find((text) => text.trim().startsWith("--streams")) ?? "";
  expect(line).toContain("default: the streams a sync exports without --streams");
  expect(line).not.toContain("default: all");
});
