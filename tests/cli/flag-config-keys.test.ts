/**
 * Every sync flag has a config-file key, or is named as flag-only on purpose: a flag added to the parser and
 * forgotten in the config-file table fails here, not in a user's config file.
 */
import { expect, test } from "bun:test";
import { readSettings } from "../../src/cli/config-file/read.ts";
import { cliParser } from "../../src/cli/args/parser.ts";
import { CONFIG_KEYS, FLAG_ONLY } from "../../src/cli/config-file/keys.ts";

interface UsageTerm {
  type: string;
  name?: string;
  names?: string[];
  terms?: UsageTerm[] | UsageTerm[][];
}

/** The names of every option in the `sync` branch of the command line's usage. */
function syncOptionNames(): string[][] {
  const branches = (cliParser.usage as UsageTerm[]).flatMap((term) => (term.type === "exclusive" ? (term.terms as UsageTerm[][]) : []));
  const sync = branches.find((branch) => branch[0]?.type === "command" && branch[0]?.name === "sync");
  if (!sync) throw new Error("no sync command in the usage");
  const names: string[][] = [];
  const walk = (terms: UsageTerm[]) => {
    for (const term of terms) {
      if (term.type === "option" && term.names) names.push(term.names);
      if (term.type === "command" && term.name !== "sync") continue;
      if (term.terms) walk((term.terms as (UsageTerm | UsageTerm[])[]).flat());
    }
  };
  walk(sync);
  return names;
}

const longName = (names: string[]) => names.find((name) => name.startsWith("--"))!.slice(2);

test("every sync flag has a config key, or is flag-only on purpose", () => {
  const flags = syncOptionNames().map(longName);
  expect(flags.length).toBeGreaterThan(20);
  const missing = flags.filter((flag) => !Object.hasOwn(CONFIG_KEYS, flag) && !Object.hasOwn(FLAG_ONLY, flag));
  expect(missing).toEqual([]);
});

test("every config key and flag-only name is a sync flag, with the same one-letter alias", () => {
  const byLong = new Map(syncOptionNames().map((names) => [longName(names), names.find((name) => /^-[a-z]$/.test(name))]));
  for (const [key, setting] of Object.entries(CONFIG_KEYS)) {
    expect({ key, flag: byLong.has(key) }).toEqual({ key, flag: true });
    expect({ key, short: setting.short }).toEqual({ key, short: byLong.get(key) });
  }
  for (const key of Object.keys(FLAG_ONLY)) expect({ key, flag: byLong.has(key) }).toEqual({ key, flag: true });
});

test("the connection flags that had drifted out of the table are config keys, checked like the flags", () => {
  const settings = readSettings("c.json", JSON.stringify({ "request-timeout": 45, "allow-insecure-http": true }));
  expect(settings.map(({ key, setting, value }) => [key, setting.field, value])).toEqual([
    ["request-timeout", "requestTimeout", 45],
    ["allow-insecure-http", "allowInsecureHttp", true],
  ]);
  expect(() => readSettings("c.json", JSON.stringify({ "request-timeout": 0 }))).toThrow(/request-timeout/);
});
