/** Dates as every entry point accepts them (--since, the config file, the Airbyte and Singer `start_date`). */

/**
 * The earliest start date: cursors are unix seconds, which the state refuses below 0, and Intercom holds nothing
 * older. A date before it is refused at once (exit 2) rather than failing every incremental stream later.
 */
export const EARLIEST_DATE = 0;

/** What follows a refused date in a message: `"1969-12-31" is before 1970-01-01; …`. */
export const BEFORE_EARLIEST_DATE = "is before 1970-01-01; Intercom holds nothing that old: give 1970-01-01 or later";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** `2024-01-01` or `2024-01-01T00:00:00Z` → unix seconds. A date without a time is midnight UTC. */
export function parseIsoDate(input: string): number | undefined {
  const text = input.trim();
  if (!ISO_DATE.test(text)) return undefined;
  // A time without a zone would be read as local time, which differs between a laptop and CI: require UTC or an offset.
  if (text.length > 10 && !/(?:Z|[+-]\d{2}:?\d{2})$/.test(text)) return undefined;
  const ms = Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text.replace(" ", "T"));
  if (!Number.isFinite(ms)) return undefined;
  // Date.parse rolls 2024-02-30 over to March; refuse dates that do not exist.
  const [year, month, day] = text.slice(0, 10).split("-").map(Number) as [number, number, number];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  return Math.floor(ms / 1000);
}
