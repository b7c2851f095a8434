/**
 * Each sync option is declared once (src/cli/args/options.ts), and both the command line and the config file are
 * derived from that declaration: every option of the sync command is reachable from a config file under its long
 * name, filling the field the flag fills, or is flag-only with a stated reason; and a new declaration is at once
 * a flag and a config key.
 */
import { expect, test } from "bun:test";
import { object } from "@optique/core/constructs";
import { message } from "@optique/core/message";
import { parse } from "@optique/core/parser";
import { integer } from "@optique/core/valueparser";
import { cliParser } from "../../src/cli/args/parser.ts";
import { parsersOf, valueOption } from "../../src/cli/args/declare-option.ts";
import { SYNC_COMMAND_OPTIONS } from "../../src/cli/args/options.ts";
import { CONFIG_KEYS, configKeysOf, FLAG_ONLY } from "../../src/cli/config-file/keys.ts";
import { applyConfigFile, readSettings } from "../../src/cli/config-file/read.ts";
import type { SyncCommand } from "../../src/cli/args/parser.ts";
import { withTempDir } from "../helpers/temp-dir.ts";
import { join } from "node:path";
import { writeFile } from "node:fs/promises";
import * as v from "valibot";

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

const longOf = (names: readonly string[]) => names.find((name) => name.startsWith("--"))!.slice(2);

test("every option of the sync command line is a declared one, and every declared one is on the command line", () => {
  const onCommandLine = syncOptionNames().map((names) => [...names].sort().join(" ")).sort();
  const declared = Object.values(SYNC_COMMAND_OPTIONS).map((option) => [...option.names].sort().join(" ")).sort();
  expect(onCommandLine.length).toBeGreaterThan(20);
  expect(onCommandLine).toEqual(declared);
});

test("every declared option is a config key or flag-only with a reason, never both, never neither", () => {
  for (const names of syncOptionNames()) {
    const key = longOf(names);
    const inFile = Object.hasOwn(CONFIG_KEYS, key);
    const flagOnly = Object.hasOwn(FLAG_ONLY, key);
    expect({ key, reachable: inFile !== flagOnly }).toEqual({ key, reachable: true });
    if (flagOnly) expect(FLAG_ONLY[key]!.length).toBeGreaterThan(10);
  }
  expect(Object.keys(FLAG_ONLY).sort()).toEqual(["config", "new-output", "token"]);
});

test("a config key fills the field its flag fills, with the flag's one-letter alias", () => {
  const fields = Object.keys(SYNC_COMMAND_OPTIONS);
  for (const [field, option] of Object.entries(SYNC_COMMAND_OPTIONS)) {
    const key = longOf(option.names);
    if (!Object.hasOwn(CONFIG_KEYS, key)) continue;
    const setting = CONFIG_KEYS[key]!;
    expect({ key, field: setting.field, short: setting.short }).toEqual({
      key,
      field: field as typeof setting.field,
      short: option.names.find((name) => /^-[a-z]$/.test(name)),
    });
    expect(fields).toContain(setting.field);
  }
});

test("what a file sets is what the flag sets: the same field, the same parsed value", async () => {
  const given = {
    since: ["2024-01-01", "2024-01-01"],
    streams: [["contacts", "tags"], "contacts,tags"],
    "lookback-days": [2, "2"],
    "max-duration": ["90m", "90m"],
    output: ["x.jsonl", "x.jsonl"],
    "request-timeout": [45, "45"],
    "allow-insecure-http": [true, undefined],
    quiet: [true, undefined],
    "log-format": ["json", "json"],
  } as const;
  const flags = Object.entries(given).flatMap(([key, [, text]]) => (text === undefined ? [`--${key}`] : [`--${key}`, text]));
  const fromFlags = parse(cliParser, ["sync", ...flags]);
  if (!fromFlags.success) throw new Error("the flags did not parse");
  const fromFile = await withTempDir(async (dir) => {
    const path = join(dir, "c.json");
    await writeFile(path, JSON.stringify(Object.fromEntries(Object.entries(given).map(([key, [json]]) => [key, json]))));
    const bare = parse(cliParser, ["sync", "--config", path]);
    if (!bare.success) throw new Error("--config did not parse");
    return applyConfigFile(bare.value as SyncCommand, ["sync", "--config", path]);
  });
  const picked = (command: Record<string, unknown>) =>
    Object.fromEntries(Object.keys(given).map((key) => [CONFIG_KEYS[key]!.field, command[CONFIG_KEYS[key]!.field]]));
  expect(picked(fromFile as unknown as Record<string, unknown>)).toEqual(picked(fromFlags.value as Record<string, unknown>));
});

test("one new declaration is at once a flag and a config key, checked by the same value parser", () => {
  const widgets = valueOption({
    names: ["--widgets-per-page"],
    values: integer({ min: 1, max: 50, metavar: "N" }),
    help: message`Widgets per page.`,
    config: "whole number",
  });
  const options = { widgetsPerPage: widgets };
  const flags = parse(object(parsersOf(options)), ["--widgets-per-page", "7"]);
  expect(flags.success && flags.value).toEqual({ widgetsPerPage: 7 });
  const keys = configKeysOf(options);
  expect(Object.keys(keys)).toEqual(["widgets-per-page"]);
  expect(keys["widgets-per-page"]!.field).toBe("widgetsPerPage" as never);
  expect(parse(object(parsersOf(options)), ["--widgets-per-page", "99"]).success).toBe(false);
  expect(() => readSettingsWith(keys, { "widgets-per-page": 99 })).toThrow(/widgets-per-page/);
});

test("the connection flags that had drifted out of the table are config keys, checked like the flags", () => {
  const settings = readSettings("c.json", JSON.stringify({ "request-timeout": 45, "allow-insecure-http": true }));
  expect(settings.map(({ key, setting, value }) => [key, setting.field, value])).toEqual([
    ["request-timeout", "requestTimeout", 45],
    ["allow-insecure-http", "allowInsecureHttp", true],
  ]);
  expect(() => readSettings("c.json", JSON.stringify({ "request-timeout": 0 }))).toThrow(/request-timeout/);
});

/** A key's schema, run as readSettings runs it. */
function readSettingsWith(keys: ReturnType<typeof configKeysOf>, json: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(json)) {
    const result = v.safeParse(keys[key]!.schema, value);
    if (!result.success) throw new Error(`${key} ${result.issues[0].message}`);
  }
}

test("the README's table of config keys lists every key, with the JSON type the declaration reads", async () => {
  const readme = await Bun.file(join(import.meta.dir, "../../README.md")).text();
  const section = readme.slice(readme.indexOf("## Configuration file"));
  const rows = section.slice(section.indexOf("| keys | JSON type |")).split("\n\n")[0]!.split("\n").slice(2);
  const documented: Record<string, string> = {};
  for (const row of rows) {
    const [, keys, type] = row.split("|").map((cell) => cell.trim());
    for (const key of keys!.matchAll(/`([^`]+)`/g)) documented[key[1]!] = type!;
  }
  const typeOf = {
    text: "string",
    "whole number": "whole number",
    "stream names": "list of names, or a comma-separated string",
    "true or false": "`true` or `false`",
  };
  const declared = Object.fromEntries(
    Object.values(SYNC_COMMAND_OPTIONS).flatMap((option) => ("json" in option.config ? [[longOf(option.names), typeOf[option.config.json]]] : [])),
  );
  expect(documented).toEqual(declared);
});
