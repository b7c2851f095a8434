/** Durations as --max-duration and the config file accept them. */

const DURATION = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/;

/** `5h30m`, `90m`, `45s` → milliseconds, with the text kept for messages. */
export function parseDuration(input: string): { ms: number; text: string } | undefined {
  const text = input.trim();
  const match = DURATION.exec(text);
  if (text === "" || !match) return undefined;
  const [hours, minutes, seconds] = [match[1], match[2], match[3]].map((part) => Number(part ?? 0)) as [number, number, number];
  const ms = ((hours * 60 + minutes) * 60 + seconds) * 1000;
  return ms > 0 ? { ms, text } : undefined;
}
