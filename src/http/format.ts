/** Short human durations for log lines and error messages: 850ms, 12.5s. */
export function formatMs(ms: number): string {
  return ms >= 1_000 ? `${(ms / 1_000).toFixed(1)}s` : `${Math.round(ms)}ms`;
}

/** Whole or tenth seconds with a unit, as the --request-timeout option takes them: 60 s, 0.5 s. */
export function formatSeconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

/** Runs this long or longer that also occur in the secret are removed: a proxy may echo part of a token. */
export const REDACT_MIN_RUN = 8;

const MARKER = "[redacted]";

/**
 * Removes from `text` the secret and every run of REDACT_MIN_RUN or more characters that also occurs in it, so a
 * token a server or proxy echoes back (whole, cut off, or in pieces) never reaches a log, an error or a file.
 * Redact before cutting text short: a cut can split the token, and the piece left would no longer match whole.
 */
export function redact(text: string, secret: string): string {
  if (secret === "") return text;
  if (secret.length < REDACT_MIN_RUN) return text.split(secret).join(MARKER);
  const pieces = new Set<string>();
  for (let i = 0; i + REDACT_MIN_RUN <= secret.length; i++) pieces.add(secret.slice(i, i + REDACT_MIN_RUN));
  // Every REDACT_MIN_RUN-character window of `text` found in the secret is hidden; overlapping windows merge.
  const hidden = new Uint8Array(text.length);
  let found = false;
  for (let i = 0; i + REDACT_MIN_RUN <= text.length; i++) {
    if (!pieces.has(text.slice(i, i + REDACT_MIN_RUN))) continue;
    hidden.fill(1, i, i + REDACT_MIN_RUN);
    found = true;
  }
  if (!found) return text;
  let out = "";
  for (let i = 0; i < text.length; i++) {
    if (hidden[i] === 0) out += text[i];
    else if (i === 0 || hidden[i - 1] === 0) out += MARKER;
  }
  return out;
}

/**
 * The first `maxChars` characters of `text` with the secret redacted first, so the cut cannot leave part of it.
 * Only the start is scanned: a secret reaching into the kept part starts within maxChars + secret.length.
 */
export function redactedStart(text: string, maxChars: number, secret: string): string {
  return cut(redact(text.slice(0, maxChars + secret.length), secret), maxChars);
}

/** The first `maxChars` characters, or a few more so a [redacted] marker is kept whole and stays recognisable. */
export function cut(text: string, maxChars: number): string {
  const marker = text.lastIndexOf(MARKER, maxChars - 1);
  const end = marker >= 0 && marker + MARKER.length > maxChars ? marker + MARKER.length : maxChars;
  return text.slice(0, end);
}
