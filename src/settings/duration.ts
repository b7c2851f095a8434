/** Durations as --max-duration and the config file accept them. */

const DURATION = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;

/**
 * The longest duration accepted: a year. Longer is a typo more likely than a plan, and a bound keeps the
 * milliseconds an exact integer however many digits are typed.
 */
export const MAX_DURATION_TEXT = "8760h";
export const MAX_DURATION_MS = 8760 * 3_600_000;

/**
 * `5h30m`, `90m`, `45s` → milliseconds, with the text kept for messages. Undefined when it is no duration (or
 * zero); use isTooLong to tell one longer than the maximum.
 */
export function parseDuration(input: string): { ms: number; text: string } | undefined {
  const text = input.trim();
  const match = DURATION.exec(text);
  if (text === "" || !match) return undefined;
  const [hours, minutes, seconds] = [match[1], match[2], match[3]].map((part) => Number(part ?? 0)) as [number, number, number];
  const ms = ((hours * 60 + minutes) * 60 + seconds) * 1000;
  return ms > 0 ? { ms, text } : undefined;
}

export function isTooLong(duration: { ms: number }): boolean {
  return duration.ms > MAX_DURATION_MS;
}
