/** Reading the JSON files the Airbyte platform hands a connector (config, catalog, state), with clear errors. */
import * as v from "valibot";
import { ConfigError } from "../../errors.ts";
import { runtime } from "../../runtime/mod.ts";

/** The parsed file; ConfigError when it is missing or not JSON. `what` names it in messages ("config file"). */
export async function readJsonFile(path: string, what: string): Promise<unknown> {
  const text = await runtime.readTextFile(path);
  if (text === undefined) throw new ConfigError(`the ${what} ${path} does not exist`);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`the ${what} ${path} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Validates `value`, or throws a ConfigError naming the offending keys (never their values). */
export function parseWith<T extends v.GenericSchema>(schema: T, value: unknown, what: string): v.InferOutput<T> {
  const result = v.safeParse(schema, value);
  if (result.success) return result.output;
  const shown = result.issues.slice(0, 3).map((issue) => `${v.getDotPath(issue) ?? "(top level)"}: ${issue.message}`);
  const more = result.issues.length > shown.length ? ` (and ${result.issues.length - shown.length} more)` : "";
  throw new ConfigError(`the ${what} is not valid: ${shown.join("; ")}${more}`);
}
