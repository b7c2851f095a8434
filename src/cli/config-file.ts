/**
 * `--config FILE`: a JSON object with the same keys as the flags (`"since"`, `"streams"`, `"lookback-days"`,
 * `"full-refresh"`…). Its entries become flags placed before the command line's own, and any flag given on the
 * command line wins. The token is refused here: config files get committed; it belongs in INTERCOM_ACCESS_TOKEN.
 */
import * as v from "valibot";
import { ConfigError } from "../http/errors.ts";
import { runtime } from "../runtime/mod.ts";

const Value = v.union([v.string(), v.number(), v.boolean(), v.array(v.string())]);
const ConfigFile = v.record(v.pipe(v.string(), v.regex(/^[a-z][a-z0-9-]*$/, "keys are flag names without dashes, e.g. lookback-days")), Value);

const COMMANDS = new Set(["sync", "demo", "check", "streams", "state", "airbyte"]);

/** The arguments with `--config FILE` replaced by the file's settings (command-line flags keep priority). */
export async function expandConfigFile(args: readonly string[]): Promise<string[]> {
  // `airbyte … --config FILE` is the Airbyte protocol's own config file, read by src/protocols/.
  if (args[0] === "airbyte") return [...args];
  const at = args.findIndex((arg) => arg === "--config" || arg.startsWith("--config="));
  if (at < 0) return [...args];
  const inline = args[at]!.startsWith("--config=");
  const path = inline ? args[at]!.slice("--config=".length) : args[at + 1];
  if (!path) throw new ConfigError("--config needs a file name, e.g. --config intercom-sync.json");
  const rest = [...args.slice(0, at), ...args.slice(at + (inline ? 1 : 2))];
  const text = await runtime.readTextFile(path);
  if (text === undefined) throw new ConfigError(`--config ${path}: no such file`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`--config ${path} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = v.safeParse(ConfigFile, json);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const where = issue?.path?.map((item) => String(item.key)).join(".") ?? "";
    throw new ConfigError(`--config ${path}: ${where ? `"${where}": ` : ""}${issue?.message ?? "not an object of settings"}`);
  }
  if ("token" in parsed.output || "access-token" in parsed.output) {
    throw new ConfigError(`--config ${path} holds a token; remove it and set INTERCOM_ACCESS_TOKEN instead (config files end up in git)`);
  }
  const given = new Set(rest.filter((arg) => arg.startsWith("--")).map((arg) => arg.split("=")[0]));
  const fromFile: string[] = [];
  for (const [key, value] of Object.entries(parsed.output)) {
    const flag = `--${key}`;
    if (given.has(flag)) continue;
    if (value === false) continue;
    if (value === true) fromFile.push(flag);
    else fromFile.push(flag, Array.isArray(value) ? value.join(",") : String(value));
  }
  // Settings go right after the command name, where the command's own options are parsed.
  const commandAt = rest.length > 0 && COMMANDS.has(rest[0]!) ? 1 : 0;
  return [...rest.slice(0, commandAt), ...fromFile, ...rest.slice(commandAt)];
}
