/**
 * Which Intercom host to call. Precedence: --base-url, then INTERCOM_BASE_URL, then --region (default us).
 * @example
 * resolveBaseUrl({ region: "eu" }); // "https://api.eu.intercom.io"
 * resolveBaseUrl({ baseUrl: "http://127.0.0.1:8080/" }); // "http://127.0.0.1:8080"
 */
import { ConfigError } from "./errors.ts";
import { REGION_HOSTS, type Region } from "./types.ts";

export interface BaseUrlInput {
  /** From --base-url. */
  baseUrl?: string;
  /** From --region: us, eu or au. */
  region?: string;
  /** INTERCOM_BASE_URL; blank counts as unset because shells often export empty variables. */
  envBaseUrl?: string;
}

export function resolveBaseUrl(input: BaseUrlInput): string {
  if (input.baseUrl !== undefined) return validateBaseUrl(input.baseUrl, "--base-url");
  if (input.envBaseUrl !== undefined && input.envBaseUrl.trim() !== "") {
    return validateBaseUrl(input.envBaseUrl, "INTERCOM_BASE_URL");
  }
  const region = (input.region ?? "us").trim().toLowerCase();
  if (!isRegion(region)) {
    throw new ConfigError(
      `--region ${JSON.stringify(input.region)} is not an Intercom region; use one of ${Object.keys(REGION_HOSTS).join(", ")}`,
    );
  }
  return REGION_HOSTS[region];
}

/** Accepts http(s) URLs with an optional path prefix (for proxies); returns them without a trailing slash. */
export function validateBaseUrl(value: string, source: string): string {
  const trimmed = value.trim();
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new ConfigError(
      `${source} ${JSON.stringify(value)} is not a URL; pass something like https://api.eu.intercom.io`,
    );
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new ConfigError(`${source} must be an http:// or https:// URL, got ${url.protocol}//…`);
  }
  // Credentials, query or fragment in a base URL would be silently mangled when paths are appended.
  if (url.username !== "" || url.password !== "") {
    throw new ConfigError(`${source} must not contain a user name or password; the token goes in INTERCOM_ACCESS_TOKEN`);
  }
  if (url.search !== "" || url.hash !== "") {
    throw new ConfigError(`${source} must not contain a query string or fragment; pass only scheme, host and an optional path`);
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, "");
}

function isRegion(value: string): value is Region {
  return Object.hasOwn(REGION_HOSTS, value);
}
