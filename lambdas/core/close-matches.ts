/**
 * "Did you mean" for a mistyped id: the few candidates within a small edit distance of it, closest
 * first. The work is bounded whatever the input: candidates whose length differs too much are
 * skipped, and the distance stops counting once it is over the threshold.
 */

/** How many suggestions a message may list. */
export const MAX_SUGGESTIONS = 5;

/** Up to `max` of `candidates` within a few edits of `word` (about a third of its length, at most 3). */
export function closeMatches(word: string, candidates: Iterable<string>, max = MAX_SUGGESTIONS): string[] {
  const threshold = Math.min(3, Math.max(1, Math.floor(word.length / 3)));
  const found: { candidate: string; distance: number }[] = [];
  for (const candidate of candidates) {
    if (Math.abs(candidate.length - word.length) > threshold) continue;
    const distance = boundedDistance(word, candidate, threshold);
    if (distance <= threshold) found.push({ candidate, distance });
  }
  return found
    .sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate))
    .slice(0, max)
    .map((match) => match.candidate);
}

/** Levenshtein distance of `a` and `b`, or `limit + 1` as soon as it is certain to exceed `limit`. */
function boundedDistance(a: string, b: string, limit: number): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
      current.push(value);
      best = Math.min(best, value);
    }
    if (best > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length] ?? limit + 1;
}
