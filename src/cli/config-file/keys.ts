/**
 * The settings a config file may hold, derived from the sync command's option declarations (args/options.ts): each
 * option a file may set is a key named like its long flag, filling the parsed command's field the flag fills. A
 * value of the right JSON type is then checked by the flag's own value parser (named in its declaration), so the file
 * and the command line accept exactly the same values.
 */
import { formatMessage } from "@optique/core/message";
import type { ValueParser } from "@optique/core/valueparser";
import * as v from "valibot";
import { type ConfigJson, type DeclaredOption, longName, shortName } from "../args/declare-option.ts";
import { SYNC_COMMAND_OPTIONS } from "../args/options.ts";
import type { SyncCommand } from "../args/parser.ts";

/** The sync command's fields a file may set: not the token (it has no place in a file) nor the file itself. */
export type ConfigField = Exclude<keyof SyncCommand, "command" | "config" | "token">;

export interface ConfigKey {
  /** The field of the parsed sync command it fills. */
  field: ConfigField;
  /** A flag (true/false, no value on the command line) or an option taking a value. */
  kind: "flag" | "option";
  /** The one-letter alias (`-q`), so it too counts as given on the command line. */
  short?: string;
  /** The file's value, checked and turned into the field's value (by the flag's own value parser). */
  schema: v.GenericSchema<unknown, unknown>;
}

/** Any one setting (the table is derived, so each key's value type is its declaration's). */
export type AnyConfigKey = ConfigKey;

const SYNC_DECLARATIONS: readonly [string, DeclaredOption][] = Object.entries(SYNC_COMMAND_OPTIONS);

/** The config file's keys: every sync option a file may set, under its long name without the dashes. */
export const CONFIG_KEYS: Readonly<Record<string, AnyConfigKey>> = configKeysOf(SYNC_COMMAND_OPTIONS);

/** The config keys of `options`: each one a file may set, under its long name, filling the same field. */
export function configKeysOf(options: Readonly<Record<string, DeclaredOption>>): Record<string, AnyConfigKey> {
  return Object.fromEntries(
    Object.entries(options).flatMap(([field, option]) => {
      if ("flagOnly" in option.config) return [];
      const short = shortName(option);
      const key: ConfigKey = {
        field: field as ConfigField,
        kind: option.takesValue ? "option" : "flag",
        schema: schemaFor(option.config.json, option.config.values),
        ...(short ? { short } : {}),
      };
      return [[longName(option).slice(2), key]];
    }),
  );
}

/** The sync flags a config file may not set, each with why it may not (declared with the option). */
export const FLAG_ONLY: Readonly<Record<string, string>> = Object.fromEntries(
  SYNC_DECLARATIONS.flatMap(([, option]) => ("flagOnly" in option.config ? [[longName(option).slice(2), option.config.flagOnly]] : [])),
);

/** Flag-only options that take a value (`--token`, `--config`): what follows them is their value, never a flag. */
export const FLAG_ONLY_WITH_VALUES: ReadonlySet<string> = new Set(
  SYNC_DECLARATIONS.flatMap(([, option]) => ("flagOnly" in option.config && option.takesValue ? [longName(option)] : [])),
);

function schemaFor(json: ConfigJson, values: ValueParser<"sync", unknown> | undefined): v.GenericSchema<unknown, unknown> {
  if (json === "true or false") return v.boolean(mustBe("true or false"));
  if (values === undefined) throw new Error(`a config key read as ${json} needs the option's value parser`);
  if (json === "whole number") return wholeNumber(values);
  if (json === "stream names") return streamNames(values);
  return text(values);
}

/** A JSON string, checked by the flag's parser. */
function text<T>(parser: ValueParser<"sync", T>): v.GenericSchema<unknown, T> {
  return v.pipe(v.string(mustBe("a string")), v.minLength(1, "must not be empty"), checkedBy(parser));
}

/** A JSON integer, checked (bounds) by the flag's parser. */
function wholeNumber<T>(parser: ValueParser<"sync", T>): v.GenericSchema<unknown, T> {
  return v.pipe(v.number(mustBe("a whole number")), v.integer(mustBe("a whole number")), v.transform(String), checkedBy(parser));
}

/** `["contacts", "tags"]` or `"contacts,tags"`, checked against the catalog by the flag's parser. */
function streamNames<T>(parser: ValueParser<"sync", T>): v.GenericSchema<unknown, T> {
  const list = v.union([v.array(v.string()), v.string()], mustBe("a list of stream names or a comma-separated string"));
  return v.pipe(
    list,
    v.transform((names) => (Array.isArray(names) ? names.join(",") : names)),
    checkedBy(parser),
  );
}

/** Runs the flag's own value parser on the value, its error message becoming the setting's. */
function checkedBy<T>(parser: ValueParser<"sync", T>) {
  return v.rawTransform<string, T>(({ dataset, addIssue, NEVER }) => {
    const result = parser.parse(dataset.value);
    if (result.success) return result.value;
    addIssue({ message: `is not valid: ${formatMessage(result.error, { colors: false })}` });
    return NEVER;
  });
}

/** "must be a string, not a number": names the type received, never the value (it may be a secret). */
function mustBe(expected: string) {
  return (issue: v.BaseIssue<unknown>) => {
    const input = issue.input;
    if (typeof input === "number" && expected === "a whole number") return `must be ${expected}, not ${input}`;
    return `must be ${expected}, not ${describeType(input)}`;
  };
}

function describeType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "boolean") return "true or false";
  if (typeof value === "object") return "an object";
  return `a ${typeof value}`;
}
