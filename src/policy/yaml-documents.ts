import {
  type Document,
  isScalar,
  type LineCounter,
  parseAllDocuments,
  visit,
  YAMLParseError,
} from 'yaml';

/**
 * The documents of a YAML text, with the errors `parseAllDocuments` reports by default, in time
 * linear in the text. yaml's own check of duplicate map keys (`uniqueKeys`) compares each key
 * with every earlier key of its map: a values file of 20,000 keys takes 12 s. Here each map's
 * keys go into a set, and of the duplicates only the first of each document is reported, in
 * its place among the other errors: enough to tell that Renovate and Helm refuse the file, and
 * where, without an error object for each of 200,000 repeated keys.
 */
export function parseYamlDocuments(
  text: string,
  options: { lineCounter?: LineCounter } = {},
): Document.Parsed[] {
  const documents = [...parseAllDocuments(text, { ...options, uniqueKeys: false })];
  for (const document of documents) {
    const duplicate = firstDuplicateKey(document);
    if (duplicate === undefined) continue;
    const error = new YAMLParseError(
      [duplicate, duplicate + 1],
      'DUPLICATE_KEY',
      'Map keys must be unique',
    );
    const at = document.errors.findIndex((other) => other.pos[0] > duplicate);
    document.errors.splice(at < 0 ? document.errors.length : at, 0, error);
  }
  return documents;
}

/**
 * Where the first key equal to an earlier one of its map stands (equal as yaml compares keys:
 * `===` on scalar values).
 */
function firstDuplicateKey(document: Document.Parsed): number | undefined {
  let first: number | undefined;
  visit(document, {
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const { key } of map.items) {
        if (!isScalar(key)) continue;
        // NaN is the one value a Set holds equal to itself and `===` does not.
        if (Number.isNaN(key.value)) continue;
        const start = key.range?.[0] ?? 0;
        if (seen.has(key.value) && (first === undefined || start < first)) first = start;
        seen.add(key.value);
      }
    },
  });
  return first;
}
