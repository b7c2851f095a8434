/**
 * A saved cursor value, in every form other tools have written it, as unix seconds: an integer (Airbyte's
 * Python connector), a digit string ("1700000000": the low-code connector's `datetime_format: "%s"`), or an
 * ISO 8601 date-time ("2023-11-14T22:13:20Z", singer-io taps). Milliseconds are recognised by size and scaled.
 * @example
 * parseCursorValue("1700000000") // 1700000000
 * parseCursorValue("2023-11-14T22:13:20.000Z") // 1700000000
 * parseCursorValue("yesterday") // undefined
 */

/** Year 9999 in seconds: past it a number can only be milliseconds (or nonsense). */
const MAX_SECONDS = 253_402_300_799;
const ISO = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

export function parseCursorValue(value: unknown): number | undefined {
  if (typeof value === "number") return fromNumber(value);
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return fromNumber(Number(text));
  if (!ISO.test(text)) return undefined;
  // A date-time without an offset is UTC, as Airbyte and Singer write them.
  const zoned = /[zZ]|[+-]\d{2}:?\d{2}$/.test(text.slice(10)) ? text : `${text.length === 10 ? `${text}T00:00:00` : text}Z`;
  const ms = Date.parse(zoned.replace(" ", "T"));
  return Number.isNaN(ms) ? undefined : fromNumber(Math.floor(ms / 1000));
}

function fromNumber(value: number): number | undefined {
  if (!Number.isFinite(value) || value < 0) return undefined;
  // Airbyte's Intercom source keeps seconds; 1e11 seconds is the year 5138, so anything bigger is milliseconds.
  const seconds = Math.floor(value > 100_000_000_000 ? value / 1000 : value);
  return seconds <= MAX_SECONDS ? seconds : undefined;
}
