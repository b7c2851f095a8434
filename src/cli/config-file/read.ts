/**
 * `--config FILE`: a JSON object of settings named like the long flags (`"since"`, `"streams"`,
 * `"lookback-days"`, `"quiet"`…), read as data into the parsed sync command. Each value is type-checked and then
 * checked by the flag's own parser (keys.ts); a flag given on the command line keeps its value. The token is
 * refused: config files get committed, and it belongs in INTERCOM_ACCESS_TOKEN.
 */
import * as v from "valibot";
import { ConfigError } from "../../errors.ts";
import { runtime } from "../../runtime/mod.ts";
import { closestName } from "../args/closest-name.ts";
import { findToken } from "./secrets.ts";
import { settingsGiven } from "./keys-given.ts";
import { type AnyConfigKey, CONFIG_KEYS } from "./keys.ts";

/**
 * `command` with the file named by `--config` filling every setting the command line (`args`) does not give. The
 * file is a sync's; another command (check) takes from it only its own `fields`, and the rest is not its concern.
 */
export async function applyConfigFile<C extends { config?: string }>(
  command: C,
  args: readonly string[],
  fields?: ReadonlySet<string>,
): Promise<C> {
  if (command.config === undefined) return command;
  const path = command.config;
  if (path.trim() === "") throw new ConfigError("--config needs a file name, e.g. --config intercom-sync.json");
  const settings = readSettings(path, await readConfigText(path));
  const given = settingsGiven(args, CONFIG_KEYS);
  const merged = { ...command };
  for (const { key, setting, value } of settings) {
    if (!given.has(key) && (fields === undefined || fields.has(setting.field))) assign(merged, setting, value);
  }
  return merged;
}

interface FileSetting {
  key: string;
  setting: AnyConfigKey;
  value: unknown;
}

/** The file's settings, each value valid for its field; ConfigError naming the file and the key otherwise. */
export function readSettings(path: string, text: string): FileSetting[] {
  let json: unknown;
  try {
    // A byte-order mark, as some Windows editors write, is not part of the JSON.
    json = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new ConfigError(`--config ${path} is not valid JSON: ${(error as Error).message}`);
  }
  const token = findToken(json);
  if (token) {
    throw new ConfigError(
      `--config ${path} holds a token (at ${token}); remove it and set INTERCOM_ACCESS_TOKEN instead: config files end up in git`,
    );
  }
  if (json === null || typeof json !== "object" || Array.isArray(json)) {
    throw new ConfigError(`--config ${path} must hold a JSON object of settings, e.g. {"since": "2024-01-01", "lookback-days": 1}`);
  }
  const problems: string[] = [];
  const settings: FileSetting[] = [];
  for (const [key, raw] of Object.entries(json)) {
    // Own names only: "constructor", "toString" or "__proto__" are on every object, and are no setting.
    const setting = Object.hasOwn(CONFIG_KEYS, key) ? CONFIG_KEYS[key] : undefined;
    if (!setting) {
      problems.push(unknownKey(key));
      continue;
    }
    const parsed = v.safeParse(setting.schema, raw);
    if (parsed.success) settings.push({ key, setting, value: parsed.output });
    else problems.push(`"${key}" ${parsed.issues[0].message}`);
  }
  if (problems.length > 0) {
    const more = problems.length > 3 ? ` (and ${problems.length - 3} more)` : "";
    throw new ConfigError(`--config ${path}: ${problems.slice(0, 3).join("; ")}${more}`);
  }
  return settings;
}

/** The file's text; ConfigError naming the path and why it cannot be read. */
async function readConfigText(path: string): Promise<string> {
  let text: string | undefined;
  try {
    text = await runtime.readTextFile(path);
  } catch (error) {
    throw describeUnreadableConfig(path, error);
  }
  if (text === undefined) throw new ConfigError(`--config ${path}: no such file`);
  return text;
}

/** A file-system error reading the config file, as a message that names the path and the reason. */
export function describeUnreadableConfig(path: string, error: unknown): ConfigError {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "EISDIR") return new ConfigError(`--config ${path} is a directory, not a JSON file`);
  if (code === "EACCES" || code === "EPERM") return new ConfigError(`--config ${path} cannot be read: permission denied`);
  if (code === "ENOTDIR") return new ConfigError(`--config ${path}: no such file (a part of the path is not a directory)`);
  return new ConfigError(`--config ${path} cannot be read: ${error instanceof Error ? error.message : String(error)}`);
}

function unknownKey(key: string): string {
  const names = Object.keys(CONFIG_KEYS);
  const suggestion = closestName(key, names);
  if (suggestion) return `unknown setting "${key}" (did you mean "${suggestion}"?)`;
  return `unknown setting "${key}" (valid settings: ${names.join(", ")})`;
}

/** Sets the setting's field; `value` was produced by that same setting's schema, so it has the field's type. */
function assign(command: object, setting: AnyConfigKey, value: unknown): void {
  (command as Record<AnyConfigKey["field"], unknown>)[setting.field] = value;
}

/**
 * The config file's "log-format", read before the command line is parsed so that even a parse error is printed
 * in it. Best effort: an unreadable or invalid file is reported properly later, by applyConfigFile.
 */
export async function configLogFormat(args: readonly string[]): Promise<"text" | "json" | undefined> {
  const at = args.findIndex((arg) => arg === "--config" || arg.startsWith("--config="));
  if (at < 0) return undefined;
  const path = args[at]!.startsWith("--config=") ? args[at]!.slice("--config=".length) : args[at + 1];
  if (!path) return undefined;
  try {
    const json = JSON.parse((await runtime.readTextFile(path))?.replace(/^\uFEFF/, "") ?? "null") as Record<string, unknown> | null;
    const format = json?.["log-format"];
    return format === "json" || format === "text" ? format : undefined;
  } catch {
    return undefined;
  }
}
