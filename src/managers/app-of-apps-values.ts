import { sequence } from '../regex/compose.ts';
import { versionChars } from '../regex/values.ts';
import { lines, restOfLine, scalar, yamlKey } from '../regex/yaml.ts';
import type { RegexManager } from './custom-manager.ts';
import { readingClasses } from './file-patterns.ts';

const keyLine = (key: string, group: string, chars: string) =>
  sequence('[ \\t]*', yamlKey(key), scalar(group, chars), restOfLine);

/** The three keys of an Argo CD Helm source, as App-of-Apps values files mirror them. */
const chartKeys = [
  keyLine('chart', 'depName', '[a-z0-9][a-z0-9._-]*'),
  keyLine('repoURL', 'registryUrl', 'https?://[^\\s"\'#]+'),
  keyLine('targetRevision', 'currentValue', versionChars),
];

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, index) =>
    permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [
      item,
      ...rest,
    ]),
  );
}

/**
 * App-of-Apps charts whose Application templates read `chart`, `repoURL` and
 * `targetRevision` from `values.yaml`: the argocd manager strips the `{{ }}` placeholders and
 * finds nothing, so the version is read where it is written. The three keys must stand on
 * consecutive lines of one block, in any order (one pattern per order: RE2 has no
 * lookahead to express "in any order").
 */
export const appOfAppsValues: RegexManager = {
  customType: 'regex',
  description:
    'App-of-Apps values files: a block with chart, repoURL and targetRevision on consecutive lines (any order) feeding Application templates: Helm charts.',
  managerFilePatterns: readingClasses('values'),
  matchStrings: permutations(chartKeys).map((order) => sequence('(?:^|\\n)', lines(...order))),
  datasourceTemplate: 'helm',
};
