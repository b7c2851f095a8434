/**
 * A bad command line in Airbyte mode is still answered in the protocol: one TRACE ERROR (failure_type
 * config_error, the parser's message) on stdout, the same message on stderr, and a non-zero exit (2, usage).
 */
import { describe, expect, test } from "bun:test";
import { validateAirbyte } from "../sinks/protocol-shapes.ts";
import { runCli, runCliMessages } from "../helpers/run-cli.ts";

type Message = Record<string, any>;

describe("airbyte argument errors", () => {
  for (
    const args of [
      ["airbyte", "read", "--config", "config.json"],
      ["airbyte", "discover"],
      ["airbyte", "spec", "--frobnicate"],
      ["airbyte", "frobnicate"],
    ]
  ) {
    test(`${args.join(" ")} → TRACE ERROR config_error on stdout, exit 2`, async () => {
      const run = await runCliMessages(args);
      expect(run.exitCode).toBe(2);
      expect(run.messages).toHaveLength(1);
      const trace = run.messages[0] as Message;
      expect(validateAirbyte(trace)).toEqual([]);
      expect(trace).toMatchObject({
        type: "TRACE",
        trace: { type: "ERROR", error: { failure_type: "config_error", internal_message: "ConfigError" } },
      });
      expect(trace.trace.error.message.length).toBeGreaterThan(10);
      expect(trace.trace.error.message).not.toMatch(/\u001b\[/); // no terminal colours in the platform's UI
      expect(run.stderr).toContain(trace.trace.error.message.split("\n")[0]);
    });
  }

  test("help is not an error: no TRACE, exit 0", async () => {
    const run = await runCli(["airbyte", "--help"]);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).not.toContain('"TRACE"');
  });
});
