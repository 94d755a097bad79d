/**
 * The edit distance between two strings (insertions, deletions, substitutions), or any number
 * above `limit` once it is sure to exceed it: a search for the nearest of thousands of names
 * drops most of them after a row or two.
 */
export function levenshtein(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  let current = new Array<number>(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      const cell = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
      current[j] = cell;
      if (cell < rowMinimum) rowMinimum = cell;
    }
    // Distances never fall from one row to the next: a row above the limit stays above it.
    if (rowMinimum > limit) return limit + 1;
    [previous, current] = [current, previous];
  }
  return previous[b.length] ?? 0;
}

/**
 * The candidate nearest to `name`, case-insensitively: one that contains it (a shortened
 * name, `kube-prom` for `kube-prometheus-stack`) if any, the shortest such, else the one
 * fewest edits away (ties: the first in order). Undefined when there is none, or none within
 * `maxDistance` edits.
 */
export function closestMatch(
  name: string,
  candidates: Iterable<string>,
  maxDistance = Number.POSITIVE_INFINITY,
): string | undefined {
  const wanted = name.toLowerCase();
  const all = [...candidates];
  const containing = all
    .filter((candidate) => wanted && candidate.toLowerCase().includes(wanted))
    .sort((a, b) => a.length - b.length);
  if (containing[0] !== undefined && maxDistance === Number.POSITIVE_INFINITY) {
    return containing[0];
  }
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of all) {
    // Only a strictly nearer candidate replaces the best: no need to measure past it.
    const limit = Math.min(maxDistance, best ? best.distance - 1 : maxDistance);
    const distance = levenshtein(wanted, candidate.toLowerCase(), limit);
    if (distance <= maxDistance && (!best || distance < best.distance)) {
      best = { candidate, distance };
    }
  }
  return best?.candidate;
}

/** Few enough edits that a suggestion is likely what was meant: a typo, not another word. */
export function typoDistance(name: string): number {
  return Math.max(2, Math.floor(name.length / 3));
}
