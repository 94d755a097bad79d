import { named, optional, sequence } from '../regex/compose.ts';
import { imageNameChars, versionChars } from '../regex/values.ts';
import { lineBreak, restOfLine } from '../regex/yaml.ts';
import type { RegexManager } from './custom-manager.ts';
import { readingClasses } from './file-patterns.ts';

const quote = `["']?`;

/** `- name: <prefix>image.<field>` followed by its `value:` (and an optional `forceString:`). */
function parameter(field: string, group: string, chars: string): string {
  return sequence(
    '[ \\t]*-[ \\t]+name[ \\t]*:[ \\t]*',
    quote,
    '[A-Za-z0-9_.-]*[Ii]mage\\.',
    field,
    quote,
    restOfLine,
    lineBreak,
    '[ \\t]*value[ \\t]*:[ \\t]*',
    quote,
    named(group, chars),
    quote,
    restOfLine,
    optional(sequence(lineBreak, '[ \\t]*forceString[ \\t]*:[^\\r\\n]*')),
  );
}

const repository = parameter('repository', 'depName', imageNameChars);
const tag = parameter('tag', 'currentValue', versionChars);

/**
 * `helm.parameters` that set an image as two consecutive parameters,
 * `<prefix>image.repository` and `<prefix>image.tag` (either order), the way Argo CD's UI and
 * `argocd app set -p` write them.
 */
export const applicationHelmParameters: RegexManager = {
  customType: 'regex',
  description:
    'Image repository and tag set as consecutive helm.parameters (`*image.repository`, `*image.tag`) in Application/ApplicationSet files: Docker.',
  // Only Applications have `helm.parameters`, and an Application is never a kustomization.yaml,
  // a Chart.yaml or a CI definition.
  managerFilePatterns: readingClasses('otherYaml'),
  matchStrings: [
    sequence('(?:^|\\n)', repository, lineBreak, tag),
    sequence('(?:^|\\n)', tag, lineBreak, repository),
  ],
  datasourceTemplate: 'docker',
};
