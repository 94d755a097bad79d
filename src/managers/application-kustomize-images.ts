import { skippingIgnoredLines } from '../regex/comments.ts';
import { named, sequence } from '../regex/compose.ts';
import { imageNameChars, versionChars } from '../regex/values.ts';
import { lineBreak, restOfLine } from '../regex/yaml.ts';
import type { RegexManager } from './custom-manager.ts';
import { readingClasses } from './file-patterns.ts';

/**
 * An `images:` key followed by its list of plain strings: the block the second pattern reads.
 * kustomization.yaml `images:` entries are objects (`- name: nginx`), whose first line never
 * matches an item below, so Renovate's kustomize manager keeps those. The block ends before
 * the line break after its last item, so that a manager using it to step aside (qualified
 * image references) can still match the next line.
 */
export const imagesBlock = sequence(
  'images[ \\t]*:[ \\t]*',
  `(?:${lineBreak}[ \\t]*-[ \\t]+[^\\r\\n]*)+`,
);

/** One `- name:tag` item; `- alias=name:tag` is left to the argocd manager, which reads it. */
const plainImageItem = sequence(
  '(?:^|\\n)[ \\t]*-[ \\t]+["\']?',
  named('depName', imageNameChars),
  ':',
  named('currentValue', versionChars),
  `["']?`,
  restOfLine,
);

/**
 * `spec.source.kustomize.images` entries written as plain `name:tag` strings: Renovate's
 * argocd manager only reads the `alias=name:tag` form.
 */
export const applicationKustomizeImages: RegexManager = {
  customType: 'regex',
  description:
    'Plain `name:tag` entries of an Application `kustomize.images` list (the argocd manager only reads `alias=name:tag`): Docker.',
  managerFilePatterns: readingClasses('otherYaml', 'kustomizeAndCharts', 'ciDefinitions'),
  matchStringsStrategy: 'recursive',
  matchStrings: [imagesBlock, skippingIgnoredLines(plainImageItem)],
  datasourceTemplate: 'docker',
};
