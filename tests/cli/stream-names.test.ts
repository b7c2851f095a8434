/**
 * Stream names are read the same way wherever they are given — the flag of every command and the config file —
 * so an empty list and a misspelt name get the same clear refusal everywhere: exit 2, and the closest name.
 */
import { describe, expect, test } from "bun:test";
import { formatMessage } from "@optique/core/message";
import { parse } from "@optique/core/parser";
import { readSettings } from "../../src/cli/config-file/read.ts";
import { cliParser } from "../../src/cli/args/parser.ts";
import { runCli } from "../helpers/run-cli.ts";

const COMMANDS: Record<string, string[]> = {
  sync: ["sync"],
  demo: ["demo"],
  check: ["check"],
  verify: ["verify", "--sqlite", "x.db"],
  "state show": ["state", "show"],
  "state reset": ["state", "reset"],
};

/** The parse error for `--streams value` on `command`, or "" when it parsed. */
function refusal(command: string[], value: string): string {
  const result = parse(cliParser, [...command, "--streams", value]);
  return result.success ? "" : formatMessage(result.error, { colors: false });
}

/** The config file's refusal of `"streams": value`. */
function configRefusal(value: unknown): string {
  try {
    readSettings("c.json", JSON.stringify({ streams: value }));
    return "";
  } catch (error) {
    return (error as Error).message;
  }
}

describe("a misspelt stream name gets the closest one", () => {
  for (const [name, command] of Object.entries(COMMANDS)) {
    test(`${name} --streams contcts,tags`, () => {
      expect(refusal(command, "contcts,tags")).toContain('"contcts" (did you mean "contacts"?)');
    });
  }

  test("the config file, as a string or a list", () => {
    expect(configRefusal("contcts,tags")).toContain('"contcts" (did you mean "contacts"?)');
    expect(configRefusal(["tags", "conversation-parts"])).toContain('"conversation-parts" (did you mean "conversation_parts"?)');
  });

  test("each unknown name gets its own suggestion; a name like none of them lists the valid ones", () => {
    const both = refusal(["sync"], "contact,ticket");
    expect(both).toContain('"contact" (did you mean "contacts"?)');
    expect(both).toContain('"ticket" (did you mean "tickets"?)');
    const far = refusal(["sync"], "zzzzzzzz");
    expect(far).toContain('"zzzzzzzz"');
    expect(far).not.toContain("did you mean");
    expect(far).toContain("conversation_parts");
  });

  test("the right names still parse", () => {
    expect(refusal(["sync"], "contacts, tags")).toBe("");
  });
});

describe("an empty list is refused with a message saying so", () => {
  for (const [name, command] of Object.entries(COMMANDS)) {
    test(`${name} --streams ""`, () => {
      for (const empty of ["", " , "]) {
        const said = refusal(command, empty);
        expect(said).toContain("names no stream");
        expect(said).not.toContain("Unknown stream");
      }
    });
  }

  test("the config file", () => {
    expect(configRefusal([])).toContain("names no stream");
    expect(configRefusal(",")).toContain("names no stream");
  });

  test("intercom-sync --streams '' exits 2 with that message", async () => {
    const run = await runCli(["--streams", ""]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("names no stream");
    expect(run.stdout).toBe("");
  });
});
