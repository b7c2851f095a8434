/** Short human durations for log lines and error messages: 850ms, 12.5s. */
export function formatMs(ms: number): string {
  return ms >= 1_000 ? `${(ms / 1_000).toFixed(1)}s` : `${Math.round(ms)}ms`;
}

/** Removes every occurrence of `secret` from `text`, so a token echoed by a server or proxy never reaches a log. */
export function redact(text: string, secret: string): string {
  return secret === "" ? text : text.split(secret).join("[redacted]");
}
