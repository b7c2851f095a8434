/**
 * The Singer tap's config file, in the tap convention: `access_token` (or the INTERCOM_ACCESS_TOKEN environment
 * variable, so Meltano can keep it in its secret store), `start_date`, `lookback_window`,
 * `activity_logs_time_step`, `region`, `base_url` — the Airbyte config's keys, read by the same code. Other keys
 * Singer tooling adds (`user_agent`, `request_timeout`) are accepted and ignored.
 */
import { runtime } from "../../runtime/mod.ts";
import type { Settings } from "../../settings/schema.ts";
import { parseAirbyteConfig } from "../airbyte/config.ts";
import { readJsonFile } from "../airbyte/json-file.ts";

/** The token a discovery without one runs with: enough to check the file, not to ask the workspace anything. */
export const DISCOVER_WITHOUT_TOKEN = "not-needed-to-discover";

export async function loadSingerConfig(path: string, options: { requireToken: boolean }): Promise<Settings> {
  const value = await readJsonFile(path, "config file");
  const fields = typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  if (fields === undefined || fields.access_token !== undefined) return parseAirbyteConfig(value);
  const token = runtime.env("INTERCOM_ACCESS_TOKEN");
  // Discovery needs no token; a placeholder lets the rest of the file be checked all the same.
  const access_token = token && token.trim() !== "" ? token : options.requireToken ? undefined : DISCOVER_WITHOUT_TOKEN;
  return parseAirbyteConfig(access_token === undefined ? fields : { ...fields, access_token });
}
