import { optional, sequence } from '../regex/compose.ts';
import { imageNameChars, versionChars } from '../regex/values.ts';
import { lineBreak, lines, restOfLine, scalar, yamlKey } from '../regex/yaml.ts';
import type { RegexManager } from './custom-manager.ts';
import { readingClasses } from './file-patterns.ts';

const indent = '[ \\t]*';
const imageKeyLine = sequence(
  '(?:^|\\n)',
  indent,
  '[A-Za-z0-9_-]*[Ii]mage',
  indent,
  ':',
  restOfLine,
);
const registryLine = sequence(
  indent,
  yamlKey('registry'),
  scalar('registry', '[a-z0-9][a-z0-9.-]*(?::[0-9]+)?'),
  restOfLine,
);
const repositoryLine = sequence(
  indent,
  yamlKey('repository'),
  scalar('repository', imageNameChars),
  restOfLine,
);
const tagLine = sequence(indent, yamlKey('tag'), scalar('currentValue', versionChars), restOfLine);

/**
 * Image objects (`image: {registry?, repository, tag}`) in Helm values written inside another
 * file: Application and ApplicationSet files (`helm.valuesObject`, the `helm.values` string)
 * and kustomization.yaml `helmCharts[].valuesInline`. Neither the argocd nor the kustomize
 * manager reads Helm values; in values files Renovate's helm-values manager finds the same
 * shape, so those files are left to it, and a CI definition holds no Helm values.
 */
export const applicationHelmImages: RegexManager = {
  customType: 'regex',
  description:
    'Image repository and tag in Helm values inside Application/ApplicationSet files (helm.valuesObject, helm.values) and kustomization.yaml helmCharts[].valuesInline: Docker images.',
  managerFilePatterns: readingClasses('otherYaml', 'kustomizeAndCharts'),
  matchStrings: [
    sequence(
      imageKeyLine,
      lineBreak,
      optional(sequence(registryLine, lineBreak)),
      lines(repositoryLine, tagLine),
    ),
    sequence(
      imageKeyLine,
      lineBreak,
      optional(sequence(registryLine, lineBreak)),
      lines(tagLine, repositoryLine),
    ),
  ],
  depNameTemplate: '{{#if registry}}{{{registry}}}/{{/if}}{{{repository}}}',
  datasourceTemplate: 'docker',
};
