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
    if (lettersApart(word, candidate) > 2 * threshold) continue;
    const distance = boundedDistance(word, candidate, threshold);
    if (distance <= threshold) found.push({ candidate, distance });
  }
  return found
    .sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate))
    .slice(0, max)
    .map((match) => match.candidate);
}

// Counts of each UTF-16 unit, left at zero between calls.
const counts = new Int32Array(65536);

/**
 * How far apart `word` and `candidate` are as multisets of UTF-16 units: one edit moves this by at
 * most 2, so half of it is a lower bound on their edit distance. It costs a pass over each, where
 * the distance costs a band of the table: most of 1,000 ids of one shape ("source-0001"…) are ruled
 * out by it alone.
 */
function lettersApart(word: string, candidate: string): number {
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    counts[code] = (counts[code] ?? 0) + 1;
  }
  for (let i = 0; i < candidate.length; i++) {
    const code = candidate.charCodeAt(i);
    counts[code] = (counts[code] ?? 0) - 1;
  }
  let apart = 0;
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    apart += Math.abs(counts[code] ?? 0);
    counts[code] = 0;
  }
  for (let i = 0; i < candidate.length; i++) {
    const code = candidate.charCodeAt(i);
    apart += Math.abs(counts[code] ?? 0);
    counts[code] = 0;
  }
  return apart;
}

// Two rows of the distance table, reused by every call (ids are short: they grow only for a long word).
let previous = new Int32Array(64);
let current = new Int32Array(64);

/**
 * Levenshtein distance of `a` and `b`, or `limit + 1` as soon as it is certain to exceed `limit`.
 * Only the band of cells within `limit` of the diagonal can hold a distance within it, so only
 * those are computed, in two reused rows.
 */
function boundedDistance(a: string, b: string, limit: number): number {
  const n = b.length;
  const over = limit + 1;
  if (previous.length <= n) {
    previous = new Int32Array(n + 1);
    current = new Int32Array(n + 1);
  }
  for (let j = 0; j <= n; j++) previous[j] = j <= limit ? j : over;
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - limit);
    const to = Math.min(n, i + limit);
    current[0] = i <= limit ? i : over;
    if (from > 1) current[from - 1] = over;
    let best = current[0] ?? over;
    const code = a.charCodeAt(i - 1);
    for (let j = from; j <= to; j++) {
      const cost = code === b.charCodeAt(j - 1) ? 0 : 1;
      const value = Math.min(
        (previous[j] ?? over) + 1,
        (current[j - 1] ?? over) + 1,
        (previous[j - 1] ?? over) + cost,
        over,
      );
      current[j] = value;
      if (value < best) best = value;
    }
    if (to < n) current[to + 1] = over;
    if (best > limit) return over;
    [previous, current] = [current, previous];
  }
  return Math.min(previous[n] ?? over, over);
}
