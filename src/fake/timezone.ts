/**
 * Calendar-day boundaries in an IANA time zone, for search's day truncation. Only web-standard Intl is
 * used, so it works the same under Bun and Deno.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
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
  return f;
}

interface LocalTime {
  year: number;
  month: number;
  day: number;
  /** Seconds east of UTC at that instant. */
  offset: number;
}

function localTime(unixSeconds: number, timeZone: string): LocalTime {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(unixSeconds * 1000))) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  const year = parts.year ?? 1970;
  const month = parts.month ?? 1;
  const day = parts.day ?? 1;
  const asUtc = Date.UTC(year, month - 1, day, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0) / 1000;
  return { year, month, day, offset: asUtc - unixSeconds };
}

/** Throws RangeError for a zone name Intl does not know. */
export function assertTimeZone(timeZone: string): void {
  formatter(timeZone);
}

/** Unix seconds of the local midnight that starts the day containing `unixSeconds`. */
export function startOfDay(unixSeconds: number, timeZone: string): number {
  const { year, month, day, offset } = localTime(unixSeconds, timeZone);
  const midnightAsUtc = Date.UTC(year, month - 1, day) / 1000;
  // The offset at midnight can differ from the offset now (DST), so correct once with the midnight's own offset.
  const guess = midnightAsUtc - offset;
  return midnightAsUtc - localTime(guess, timeZone).offset;
}

/** Unix seconds of the local midnight that starts the next day (days may be 23-25 h long). */
export function startOfNextDay(unixSeconds: number, timeZone: string): number {
  return startOfDay(startOfDay(unixSeconds, timeZone) + 30 * 3600, timeZone);
}

/** "YYYY-MM-DD HH:MM:SS" in `timeZone`: how the reporting export writes times. */
export function localDateTime(unixSeconds: number, timeZone: string): string {
  const parts: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(unixSeconds * 1000))) parts[part.type] = part.value.padStart(2, "0");
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}
