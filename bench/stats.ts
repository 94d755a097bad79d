/** Summary of repeated measurements of one quantity. */
export interface Summary {
  median: number;
  min: number;
  max: number;
  runs: number;
}

/** The median (mean of the middle two for an even count), with the range around it. */
export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) throw new Error('summarize needs at least one value');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2
      ? (sorted[middle] as number)
      : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  return {
    median,
    min: sorted[0] as number,
    max: sorted[sorted.length - 1] as number,
    runs: sorted.length,
  };
}

/** Medians per key over runs that each report a record (Renovate's per-manager durations). */
export function medianPerKey(records: readonly Record<string, number>[]): Record<string, number> {
  const keys = [...new Set(records.flatMap((record) => Object.keys(record)))].sort();
  return Object.fromEntries(
    keys.map((key) => [key, summarize(records.map((record) => record[key] ?? 0)).median]),
  );
}
