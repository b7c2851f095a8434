/** "Did you mean …?": the valid name closest to a mistyped one. */

/**
 * The candidate that `name` most likely meant: the same name in another spelling (`lookback_days`, `lookbackDays`,
 * `LookbackDays` → `lookback-days`) first, then the nearest by edit distance when it is close enough to be a typo.
 * @example closestName("lokback-days", ["lookback-days", "since"]) // "lookback-days"
 */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  const squash = (text: string) => text.replace(/[-_\s]/g, "").toLowerCase();
  const sameLetters = candidates.find((candidate) => squash(candidate) === squash(name));
  if (sameLetters) return sameLetters;
  const kebab = name
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .replace(/[_\s]+/g, "-")
    .toLowerCase();
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(kebab, candidate);
    if (!best || distance < best.distance) best = { candidate, distance };
  }
  const tolerated = Math.max(2, Math.floor(kebab.length / 4));
  return best && best.distance <= tolerated ? best.candidate : undefined;
}

/** Levenshtein distance: insertions, deletions and substitutions. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}
