import { ConfigError } from "../errors.ts";
/**
 * The headers every request carries, checked before the first request: a token or version with a line break or
 * space (a copy-paste accident) would otherwise fail each request at the network layer with a cryptic message.
 * @example
 * requestHeaders({ token, intercomVersion: "2.11", userAgent: "intercom-sync/0.1.0" }).Authorization; // "Bearer …"
 */

export interface HeaderSettings {
  /** Already trimmed: surrounding whitespace from a copied token is harmless. */
  token: string;
  intercomVersion: string;
  userAgent: string;
}

/** Visible ASCII only: what a bearer token or version can consist of, and safe in any header. */
const VISIBLE_ASCII = /^[\x21-\x7e]+$/;
/** A whole Authorization value pasted as the token: the client adds "Bearer " itself. */
const BEARER_PREFIX = /^bearer\s/i;

export function requestHeaders(settings: HeaderSettings): Record<string, string> {
  const { token, intercomVersion, userAgent } = settings;
  checkHeaderValues({ token, intercomVersion });
  return {
    Authorization: `Bearer ${token}`,
    "Intercom-Version": intercomVersion,
    Accept: "application/json",
    "User-Agent": userAgent,
  };
}

/** Throws ConfigError, naming the setting, for a token or version no header can carry. The CLI calls it first. */
export function checkHeaderValues(settings: Pick<HeaderSettings, "token" | "intercomVersion">): void {
  const { token, intercomVersion } = settings;
  if (BEARER_PREFIX.test(token)) {
    throw new ConfigError(
      'the Intercom access token starts with "Bearer ": give the token without "Bearer " in INTERCOM_ACCESS_TOKEN ' +
        "(or --token, or the config's access_token); intercom-sync adds it to the Authorization header itself",
    );
  }
  if (!VISIBLE_ASCII.test(token)) {
    // The token itself is never shown; which kind of character is wrong is enough to find it.
    throw new ConfigError(
      `the Intercom access token contains ${describeBadCharacter(token)}, which no token has; ` +
        `copy it again from the Developer Hub (your app > Authentication) into INTERCOM_ACCESS_TOKEN (or --token)`,
    );
  }
  if (!VISIBLE_ASCII.test(intercomVersion)) {
    throw new ConfigError(
      `--intercom-version ${JSON.stringify(intercomVersion)} contains ${describeBadCharacter(intercomVersion)}; ` +
        `pass a version such as 2.11`,
    );
  }
}

function describeBadCharacter(value: string): string {
  if (value === "") return "nothing";
  if (/[\r\n]/.test(value)) return "a line break";
  if (/\s/.test(value)) return "a space or tab";
  if (/[\x00-\x1f\x7f]/.test(value)) return "a control character";
  return "a character outside ASCII (a typographic quote or dash?)";
}
