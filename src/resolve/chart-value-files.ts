import path from 'node:path';
import { lookupPath, textOf, type Value } from './located-values.ts';

/** A path written with placeholders (`{{ .metadata.x }}charts/y`) as a pattern over repository paths. */
function pathPattern(written: string): RegExp {
  const parts = written.split(/\{\{[^}]*\}\}/);
  const body = parts
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^\\u0000]*?');
  return new RegExp(`(^|/)${body.replace(/^\/+/, '')}$`);
}

/** Where a `valueFiles` entry points: `$ref/` paths from the repository root, others from the chart. */
function valueFileTarget(chartDir: string, written: string): string {
  if (/^\$[A-Za-z0-9_-]+\//.test(written)) return written.replace(/^\$[A-Za-z0-9_-]+\//, '');
  return written.includes('{{')
    ? `${chartDir}/${written}`
    : path.posix.normalize(`${chartDir}/${written}`);
}

function sourcesOf(document: Value): Value[] {
  const spec = lookupPath(document, ['spec']);
  const specs: Value[] = [spec, lookupPath(spec, ['template', 'spec'])];
  return specs.flatMap((candidate) => {
    const many = lookupPath(candidate, ['sources']);
    return [lookupPath(candidate, ['source']), ...(Array.isArray(many) ? many : [])];
  });
}

/**
 * The values files that Applications and ApplicationSets (written in files, or rendered by an
 * App-of-Apps chart) give a chart of this repository: a source whose `path` is the chart's
 * folder (placeholders match any text) and its `helm.valueFiles`.
 */
export function linkedValueFiles(
  chartDir: string,
  documents: readonly Value[],
  files: readonly string[],
): string[] {
  const linked = new Set<string>();
  for (const document of documents) {
    for (const source of sourcesOf(document)) {
      const sourcePath = textOf(lookupPath(source, ['path'])).replace(/\/+$/, '');
      if (!sourcePath || !pathPattern(sourcePath).test(chartDir)) continue;
      const valueFiles = lookupPath(source, ['helm', 'valueFiles']);
      for (const written of Array.isArray(valueFiles) ? valueFiles.map(textOf) : []) {
        const pattern = pathPattern(valueFileTarget(chartDir, written));
        for (const file of files)
          if (pattern.test(file) && file !== `${chartDir}/values.yaml`) linked.add(file);
      }
    }
  }
  return [...linked].sort();
}
