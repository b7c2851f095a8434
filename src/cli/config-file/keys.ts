/**
 * The settings a config file may hold, one line each: the key is the long flag's name, the entry names the field of
 * the parsed sync command it fills and the JSON type it must have. A value of the right type is then checked by the
 * flag's own value parser (args/value-parsers.ts), so the file and the command line accept exactly the same values.
 */
import { formatMessage } from "@optique/core/message";
import type { ValueParser } from "@optique/core/valueparser";
import * as v from "valibot";
import { optionValues } from "../args/value-parsers.ts";
import type { SyncCommand } from "../args/parser.ts";

/** The sync command's fields a file may set: not the token (it has no place in a file) nor the file itself. */
export type ConfigField = Exclude<keyof SyncCommand, "command" | "config" | "token">;

export interface ConfigKey<F extends ConfigField = ConfigField> {
  field: F;
  /** A flag (true/false, no value on the command line) or an option taking a value. */
  kind: "flag" | "option";
  /** The one-letter alias (`-q`), so it too counts as given on the command line. */
  short?: string;
  schema: v.GenericSchema<unknown, NonNullable<SyncCommand[F]>>;
}

/** Any one setting, each with its own field's type. */
export type AnyConfigKey = { [F in ConfigField]: ConfigKey<F> }[ConfigField];

export const CONFIG_KEYS: Readonly<Record<string, AnyConfigKey>> = {
  since: option("since", text(optionValues.since)),
  streams: option("streams", streamNames(optionValues.streams)),
  state: option("state", text(optionValues.state)),
  "full-refresh": flag("fullRefresh"),
  "lookback-days": option("lookbackDays", wholeNumber(optionValues.lookbackDays)),
  "search-lag-minutes": option("searchLagMinutes", wholeNumber(optionValues.searchLagMinutes)),
  "window-days": option("windowDays", wholeNumber(optionValues.windowDays)),
  "activity-logs-window-days": option("activityLogsWindowDays", wholeNumber(optionValues.activityLogsWindowDays)),
  concurrency: option("concurrency", wholeNumber(optionValues.concurrency)),
  "report-window-days": option("reportWindowDays", wholeNumber(optionValues.reportWindowDays)),
  "report-reexport-days": option("reportReexportDays", wholeNumber(optionValues.reportReexportDays)),
  "report-pending-jobs": option("reportPendingJobs", wholeNumber(optionValues.reportPendingJobs)),
  "report-attributes": option("reportAttributes", text(optionValues.reportAttributes)),
  sqlite: option("sqlite", text(optionValues.sqlite)),
  output: option("output", text(optionValues.output), "-o"),
  parquet: option("parquet", text(optionValues.parquet)),
  csv: option("csv", text(optionValues.csv)),
  "markdown-dir": option("markdownDir", text(optionValues.markdownDir)),
  "max-duration": option("maxDuration", text(optionValues.maxDuration)),
  "fail-fast": flag("failFast"),
  "omit-internal-notes": flag("omitInternalNotes"),
  format: option("format", text(optionValues.format)),
  region: option("region", text(optionValues.region)),
  "base-url": option("baseUrl", text(optionValues.baseUrl)),
  "intercom-version": option("intercomVersion", text(optionValues.intercomVersion)),
  "request-timeout": option("requestTimeout", wholeNumber(optionValues.requestTimeout)),
  "allow-insecure-http": flag("allowInsecureHttp"),
  quiet: flag("quiet", "-q"),
  verbose: flag("verbose", "-v"),
  "log-format": option("logFormat", text(optionValues.logFormat)),
};

/**
 * The sync flags a config file may not set, each with why: every other sync flag is a key of CONFIG_KEYS
 * (tests/cli/flag-config-keys.test.ts holds the two lists against the parser).
 */
export const FLAG_ONLY: Readonly<Record<string, string>> = {
  token: "a token belongs in INTERCOM_ACCESS_TOKEN: config files end up in git",
  config: "the file cannot name itself",
  "new-output": "a decision for one run: in a file, every run would start a new output file",
};

type FlagField = { [F in ConfigField]: SyncCommand[F] extends boolean ? F : never }[ConfigField];

function flag<F extends FlagField>(field: F, short?: string): ConfigKey<F> {
  const schema = v.boolean(mustBe("true or false")) as v.GenericSchema<unknown, NonNullable<SyncCommand[F]>>;
  return { field, kind: "flag", schema, ...(short ? { short } : {}) };
}

function option<F extends ConfigField>(
  field: F,
  schema: v.GenericSchema<unknown, NonNullable<SyncCommand[F]>>,
  short?: string,
): ConfigKey<F> {
  return { field, kind: "option", schema, ...(short ? { short } : {}) };
}

/** A JSON string, checked by the flag's parser. */
function text<T>(parser: ValueParser<"sync", T>): v.GenericSchema<unknown, T> {
  return v.pipe(v.string(mustBe("a string")), v.minLength(1, "must not be empty"), checkedBy(parser));
}

/** A JSON integer, checked (bounds) by the flag's parser. */
function wholeNumber(parser: ValueParser<"sync", number>): v.GenericSchema<unknown, number> {
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
