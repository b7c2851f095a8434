/** `state show` and `state reset` take their options before or after the action, and a missing action is named. */
import { describe, expect, test } from "bun:test";
import { formatMessage } from "@optique/core/message";
import { parse } from "@optique/core/parser";
import { commandFirst } from "../../src/cli/args/command-first.ts";
import { cliParser } from "../../src/cli/args/parser.ts";

function parsed(args: string[]) {
  const result = parse(cliParser, commandFirst(args, cliParser.usage));
  return result.success ? { value: result.value as Record<string, unknown> } : { error: formatMessage(result.error, { colors: false }) };
}

describe("state options in any place", () => {
  for (
    const args of [
      ["--state", "F", "state", "show"],
      ["state", "--state", "F", "show"],
      ["state", "show", "--state", "F"],
      ["--state=F", "-q", "state", "show"],
    ]
  ) {
    test(args.join(" "), () => {
      expect(parsed(args).value).toMatchObject({ command: "state", action: "show", state: "F" });
    });
  }

  test("--streams and --sqlite before state reset", () => {
    expect(parsed(["--sqlite", "D", "--streams", "contacts", "state", "reset"]).value).toMatchObject({
      command: "state",
      action: "reset",
      sqlite: "D",
      streams: ["contacts"],
    });
  });
});

test("state without show or reset says which to add", () => {
  for (const args of [["state"], ["--state", "F", "state"], ["state", "--state", "F"]]) {
    expect(parsed(args).error).toContain("state show");
    expect(parsed(args).error).toContain("state reset");
  }
});
