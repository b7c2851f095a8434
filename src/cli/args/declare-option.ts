/**
 * One command-line option, declared once: its names, what its value accepts, its help, its default, and what a
 * config file may do with it (set it under its long name, read as which JSON type) or why a file may not set it.
 * The command line (parser.ts) takes its `parser`, the config file's key table (config-file/keys.ts) its `config`:
 * a flag and its config key cannot drift apart, and adding one is one declaration (options.ts).
 * @example
 * const lookbackDays = defaultedOption({
 *   names: ["--lookback-days"],
 *   values: integer({ min: 0, max: 365, metavar: "DAYS" }),
 *   help: message`Move every saved cursor back this many days for this run.`,
 *   default: 0,
 *   config: "whole number",
 * });
 */
import type { Message } from "@optique/core/message";
import { optional, withDefault } from "@optique/core/modifiers";
import type { Mode, Parser } from "@optique/core/parser";
import { flag as flagParser, option } from "@optique/core/primitives";
import type { OptionName } from "@optique/core/usage";
import type { ValueParser } from "@optique/core/valueparser";

/** How a config file's JSON value is read, before the option's own value parser checks it. */
export type ConfigJson = "text" | "whole number" | "stream names" | "true or false";

/** An option a config file may not set, and why (so whoever adds a flag decides, and says so). */
export interface FlagOnly {
  flagOnly: string;
}

/** What a config file may do with an option: set it under its long name, its JSON read as `json`; or nothing. */
export type OptionConfig =
  | {
    json: ConfigJson; /** The option's own value parser (none for a flag): the file's value is checked by it. */
    values?: ValueParser<"sync", unknown>;
  }
  | FlagOnly;

export interface DeclaredOption<P extends Parser<Mode, unknown, unknown> = Parser<Mode, unknown, unknown>> {
  /** The command line's parser for it. */
  parser: P;
  /** Its names, e.g. ["-o", "--output"]: the long one is its config key. */
  names: readonly [OptionName, ...OptionName[]];
  /** It takes a value (`--since DATE`); a flag (`--quiet`) takes none. */
  takesValue: boolean;
  config: OptionConfig;
}

interface ValueSpec<T> {
  names: readonly [OptionName, ...OptionName[]];
  values: ValueParser<"sync", T>;
  help: Message;
  /** The JSON a config file gives (its string form is then checked by `values`), or why it gives none. */
  config: Exclude<ConfigJson, "true or false"> | FlagOnly;
}

/** An option taking a value, undefined when not given. */
export function valueOption<T>(spec: ValueSpec<T>) {
  const parser = optional(option(...spec.names, spec.values, { description: spec.help }));
  return declared(parser, spec.names, true, configOf(spec.config, spec.values));
}

/** An option taking a value, `spec.default` when not given. */
export function defaultedOption<T>(spec: ValueSpec<T> & { default: T }) {
  const parser = withDefault(option(...spec.names, spec.values, { description: spec.help }), spec.default);
  return declared(parser, spec.names, true, configOf(spec.config, spec.values));
}

/** A flag: true when given, `spec.default` otherwise; a config file sets it with true or false. */
export function flagOption(spec: {
  names: readonly [OptionName, ...OptionName[]];
  help: Message;
  default: boolean;
  config: "true or false" | FlagOnly;
}) {
  const parser = withDefault(flagParser(...spec.names, { description: spec.help }), spec.default);
  return declared(parser, spec.names, false, typeof spec.config === "string" ? { json: spec.config } : spec.config);
}

/** The long name (`--output`), which is also the config key (`output`). */
export function longName(option: Pick<DeclaredOption, "names">): string {
  const long = option.names.find((name) => name.startsWith("--"));
  if (long === undefined) throw new Error(`${option.names.join(", ")}: every option has a long name`);
  return long;
}

/** The one-letter alias (`-o`), if it has one. */
export function shortName(option: Pick<DeclaredOption, "names">): string | undefined {
  return option.names.find((name) => /^-[^-]$/.test(name));
}

/** The command line's parsers of `options`, keyed as they are, for `object()`. */
export function parsersOf<D extends Record<string, DeclaredOption<Parser<Mode, unknown, unknown>>>>(
  options: D,
): { [K in keyof D]: D[K]["parser"] } {
  return Object.fromEntries(Object.entries(options).map(([field, declaredOption]) => [field, declaredOption.parser])) as {
    [K in keyof D]: D[K]["parser"];
  };
}

function declared<P extends Parser<Mode, unknown, unknown>>(
  parser: P,
  names: readonly [OptionName, ...OptionName[]],
  takesValue: boolean,
  config: OptionConfig,
): DeclaredOption<P> {
  return { parser, names, takesValue, config };
}

function configOf<T>(config: ConfigJson | FlagOnly, values: ValueParser<"sync", T>): OptionConfig {
  return typeof config === "string" ? { json: config, values: values as ValueParser<"sync", unknown> } : config;
}
