/**
 * `sync` and `check` resolve their connection the same way: the token from --token or INTERCOM_ACCESS_TOKEN, its
 * header values checked before anything is touched, then the host (base-url-choice.ts); with the parsed flags
 * they make the command's validated Settings.
 */
import type { ApiVersion } from "../../api-versions.ts";
import { ConfigError } from "../../errors.ts";
import { checkHeaderValues } from "../../http/headers.ts";
import { runtime } from "../../runtime/mod.ts";
import { parseSettings, type Settings, type SettingsInput } from "../../settings/schema.ts";
import { chooseBaseUrl } from "./base-url-choice.ts";
import type { Logger } from "../report/logger.ts";

export interface ConnectionFlags {
  token?: string;
  region?: string;
  baseUrl?: string;
  intercomVersion: ApiVersion;
  requestTimeout: number;
  allowInsecureHttp: boolean;
}

/** The command's Settings: its connection flags resolved, plus `run` (the sync's own settings; none for check). */
export function cliSettings(
  flags: ConnectionFlags,
  logger: Logger,
  run: Omit<SettingsInput, "token" | "baseUrl" | "intercomVersion" | "requestTimeoutSeconds" | "allowInsecureHttp"> = {},
): Settings {
  const token = flags.token ?? runtime.env("INTERCOM_ACCESS_TOKEN");
  if (!token || token.trim() === "") {
    throw new ConfigError(
      "no Intercom access token: set INTERCOM_ACCESS_TOKEN (Developer Hub > your app > Authentication), or try `intercom-sync demo`",
    );
  }
  // Before the lock and the state file are touched: a pasted line break needs no run to be found.
  checkHeaderValues({ token: token.trim(), intercomVersion: flags.intercomVersion });
  const baseUrl = chooseBaseUrl(flags, logger);
  return parseSettings({
    ...run,
    token,
    baseUrl,
    intercomVersion: flags.intercomVersion,
    requestTimeoutSeconds: flags.requestTimeout,
    allowInsecureHttp: flags.allowInsecureHttp,
  });
}
