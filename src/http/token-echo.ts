/**
 * Whether an answer's body holds the access token. Intercom never sends credentials back, so a body that does
 * comes from a misbehaving proxy or gateway, and writing it would store the token in the output. Checked on the
 * raw text before it is parsed: a substring search, 0.1 ms for a 1 MB page under Bun, 2–4% of the parse it
 * precedes (bench/token-echo.ts).
 * @example
 * bodyHoldsToken('{"debug":"Bearer tok_abc123def456ghi"}', "tok_abc123def456ghi"); // true
 */

/**
 * Intercom's access tokens are about 60 characters. A token shorter than this (a test's or a fake's, such as
 * "test-token") would be found in ordinary text by chance, so it is not searched for.
 */
export const MIN_SEARCHED_TOKEN = 16;

export function bodyHoldsToken(text: string, token: string): boolean {
  if (token.length < MIN_SEARCHED_TOKEN || text.length < token.length) return false;
  if (text.includes(token)) return true;
  // JSON may escape "/" as "\/" (PHP and some gateways do); base64 tokens can contain "/".
  return token.includes("/") && text.includes(token.replaceAll("/", "\\/"));
}
