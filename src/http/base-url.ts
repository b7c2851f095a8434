/**
 * Which Intercom host to call. Precedence: --base-url, then INTERCOM_BASE_URL, then --region (default us).
 * @example
 * resolveBaseUrl({ region: "eu" }); // "https://api.eu.intercom.io"
 * resolveBaseUrl({ baseUrl: "http://127.0.0.1:8080/" }); // "http://127.0.0.1:8080"
 */
import { type Region, REGION_HOSTS } from "./types.ts";
import { ConfigError } from "../errors.ts";

export interface BaseUrlInput {
  /** From --base-url. */
  baseUrl?: string;
  /** From --region: us, eu or au. */
  region?: string;
  /** INTERCOM_BASE_URL; blank counts as unset because shells often export empty variables. */
  envBaseUrl?: string;
  /** From --allow-insecure-http: permit plain http:// to a host other than this machine. */
  allowInsecureHttp?: boolean;
}

export function resolveBaseUrl(input: BaseUrlInput): string {
  const rules = { allowInsecureHttp: input.allowInsecureHttp };
  if (input.baseUrl !== undefined) return validateBaseUrl(input.baseUrl, "--base-url", rules);
  if (input.envBaseUrl !== undefined && input.envBaseUrl.trim() !== "") {
    return validateBaseUrl(input.envBaseUrl, "INTERCOM_BASE_URL", rules);
  }
  const region = (input.region ?? "us").trim().toLowerCase();
  if (!isRegion(region)) {
    throw new ConfigError(
      `--region ${JSON.stringify(input.region)} is not an Intercom region; use one of ${Object.keys(REGION_HOSTS).join(", ")}`,
    );
  }
  return REGION_HOSTS[region];
}

export interface BaseUrlRules {
  /** Permit plain http:// to a host that is not loopback. Default false: the bearer token would travel unencrypted. */
  allowInsecureHttp?: boolean;
}

/**
 * Accepts https URLs, and http URLs to this machine (or anywhere with allowInsecureHttp), with an optional path
 * prefix (for proxies); returns them without a trailing slash.
 */
export function validateBaseUrl(value: string, source: string, rules: BaseUrlRules = {}): string {
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
  if (url.protocol === "http:" && !rules.allowInsecureHttp && !isLoopback(url.hostname)) {
    throw new ConfigError(
      `${source} ${url.origin} is plain http:// to another machine: the access token would cross the network unencrypted. ` +
        `Use https://, or pass --allow-insecure-http if that connection is protected some other way.`,
    );
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, "");
}

/** 127.0.0.0/8, ::1 and localhost: http:// to these never leaves the machine. */
export function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, "");
  return host === "localhost" || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host);
}

function isRegion(value: string): value is Region {
  return Object.hasOwn(REGION_HOSTS, value);
}
