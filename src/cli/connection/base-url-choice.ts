/**
 * Which Intercom host a command calls: --base-url, then an explicit --region, then INTERCOM_BASE_URL, then us.
 * A flag given on purpose beats a variable exported long ago, and stderr says so, since the variable was not
 * wrong to set, only overridden.
 */
import { resolveBaseUrl } from "../../http/base-url.ts";
import { runtime } from "../../runtime/mod.ts";
import type { Logger } from "../report/logger.ts";

export function chooseBaseUrl(options: { baseUrl?: string; region?: string; allowInsecureHttp?: boolean }, logger: Logger): string {
  const envBaseUrl = runtime.env("INTERCOM_BASE_URL");
  const envIsSet = envBaseUrl !== undefined && envBaseUrl.trim() !== "";
  if (options.baseUrl === undefined && options.region !== undefined && envIsSet) {
    const url = resolveBaseUrl({ region: options.region });
    logger.warn(`--region ${options.region} overrides INTERCOM_BASE_URL: calling ${url}`);
    return url;
  }
  return resolveBaseUrl({ baseUrl: options.baseUrl, region: options.region, envBaseUrl, allowInsecureHttp: options.allowInsecureHttp });
}
