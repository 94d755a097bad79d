import path from 'node:path';
import { sourcesOf } from './application-sources.ts';
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

/** The sources of an Application, and of an ApplicationSet's template. */
function documentSources(document: Value): Value[] {
  const spec = lookupPath(document, ['spec']);
  return [...sourcesOf(spec), ...sourcesOf(lookupPath(spec, ['template', 'spec']))];
}

/** Repository paths a written path names: itself, or every path its placeholders can match. */
function matching(
  written: string,
  files: readonly string[],
  fileSet: ReadonlySet<string>,
): string[] {
  if (!written.includes('{{')) return fileSet.has(written) ? [written] : [];
  const pattern = pathPattern(written);
  return files.filter((file) => pattern.test(file));
}

/**
 * The values files that Applications and ApplicationSets (written in files, or rendered by an
 * App-of-Apps chart) give the charts of this repository: a source whose `path` is a chart's
 * folder (placeholders match any text) and its `helm.valueFiles`. One pass over the
 * documents; a written path without placeholders is looked up, not matched against every file.
 */
export function linkedValueFiles(
  chartDirs: readonly string[],
  documents: readonly Value[],
  files: readonly string[],
): Map<string, string[]> {
  const fileSet = new Set(files);
  const linked = new Map<string, Set<string>>();
  for (const document of documents) {
    for (const source of documentSources(document)) {
      const sourcePath = textOf(lookupPath(source, ['path'])).replace(/\/+$/, '');
      const valueFiles = lookupPath(source, ['helm', 'valueFiles']);
      if (!sourcePath || !Array.isArray(valueFiles)) continue;
      const pattern = pathPattern(sourcePath);
      for (const chartDir of chartDirs.filter((dir) => pattern.test(dir))) {
        const given = linked.get(chartDir) ?? new Set<string>();
        for (const written of valueFiles.map(textOf)) {
          for (const file of matching(valueFileTarget(chartDir, written), files, fileSet)) {
            if (file !== `${chartDir}/values.yaml`) given.add(file);
          }
        }
        linked.set(chartDir, given);
      }
    }
  }
  return new Map([...linked].map(([dir, set]) => [dir, [...set].sort()]));
}
