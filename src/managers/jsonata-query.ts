/**
 * A query whose result is never empty: when it finds nothing it returns one empty object,
 * which Renovate's schema accepts and its dependency check then drops without a word. For an
 * empty result Renovate instead logs "The jsonata query returned no matches" at debug level
 * with the whole query, for every file the manager reads: at N=1,000 Argo CD files that was
 * most of the preset's debug log (the runner template keeps it as a job artifact), and
 * serializing it a measurable part of the extract.
 */
export function neverEmpty(query: string): string {
  return `(\n  $deps := ${query.trim()};\n  $count($deps) > 0 ? $deps : [{}]\n)`;
}
