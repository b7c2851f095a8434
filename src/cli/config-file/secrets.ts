/**
 * Finds a token in a config file before anything else reads it: config files end up in git, and a value such as
 * `"quiet": "--token=…"` must not reach any parser. Only the place is reported, never the value.
 */

/** Keys that name a token however they are spelled: token, access-token, access_token, accessToken, api_token… */
const TOKEN_KEY = /token$|^authorization$/;
/** `--token`, `Bearer …`, or an Intercom access token (base64 of "tok:…"). */
const TOKEN_VALUE = /--token\b|\bbearer\s+\S|dG9rO[i-n][A-Za-z0-9+/]{8,}/i;

/** Where in `json` a token sits, as a path like `"quiet"` or `"nested"."token"`; undefined when there is none. */
export function findToken(json: unknown, path: readonly string[] = []): string | undefined {
  const here = () => path.map((key) => JSON.stringify(key)).join(".") || "the top level";
  if (typeof json === "string") return TOKEN_VALUE.test(json) ? here() : undefined;
  if (Array.isArray(json)) {
    for (const [index, item] of json.entries()) {
      const found = findToken(item, [...path, String(index)]);
      if (found) return found;
    }
    return undefined;
  }
  if (json !== null && typeof json === "object") {
    for (const [key, value] of Object.entries(json)) {
      if (TOKEN_KEY.test(key.replace(/[-_\s]/g, "").toLowerCase())) return [...path, key].map((part) => JSON.stringify(part)).join(".");
      const found = findToken(value, [...path, key]);
      if (found) return found;
    }
  }
  return undefined;
}
