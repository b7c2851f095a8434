/**
 * A local date-time of the workspace's time zone ("2026-03-29 02:30:00", as reporting exports write times) as
 * UTC unix seconds, DST included. Web-standard Intl only. In the hour a fall-back repeats, the earlier instant
 * is taken; a time a spring-forward skips is read with the offset before the change.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function offsetSeconds(unixSeconds: number, timeZone: string): number {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(new Date(unixSeconds * 1000))) if (part.type !== "literal") p[part.type] = Number(part.value);
  const asUtc = Date.UTC(p.year ?? 1970, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0) / 1000;
  return asUtc - unixSeconds;
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Unix seconds of a local date-time in `timeZone`, or undefined when `text` is not one. */
export function localToUnix(text: string, timeZone: string): number | undefined {
  const m = LOCAL.exec(text.trim()) ?? DATE_ONLY.exec(text.trim());
  if (!m) return undefined;
  const asUtc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)) / 1000;
  if (!Number.isFinite(asUtc)) return undefined;
  // Two candidates: the offsets a day either side. The earliest that reads back as the same local time wins.
  const candidates = [offsetSeconds(asUtc - 86_400, timeZone), offsetSeconds(asUtc + 86_400, timeZone)]
    .map((offset) => asUtc - offset)
    .sort((a, b) => a - b);
  for (const t of candidates) if (t + offsetSeconds(t, timeZone) === asUtc) return t;
  // In a skipped hour: the offset in force before the change.
  return asUtc - offsetSeconds(asUtc - 86_400, timeZone);
}
