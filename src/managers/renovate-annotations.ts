import { named, oneOf, sequence } from '../regex/compose.ts';
import { datasourceChars } from '../regex/values.ts';
import { blanks, lineBreak } from '../regex/yaml.ts';
import { allYamlFiles, type RegexManager } from './custom-manager.ts';

const word = '[^\\s]+';

/** `key=value` options after `depName`, in any order, each at most once. */
const annotationOptions = sequence(
  '(?:[ \\t]+',
  oneOf(
    `packageName=${named('packageName', word)}`,
    `versioning=${named('versioning', word)}`,
    `registryUrl=${named('registryUrl', word)}`,
    `extractVersion=${named('extractVersion', word)}`,
  ),
  ')*',
);

/** `# renovate: datasource=<id> depName=<name> [packageName=..] [versioning=..] [registryUrl=..] [extractVersion=..]` */
export const annotationComment = sequence(
  '#',
  blanks,
  'renovate:',
  blanks,
  `datasource=${named('datasource', datasourceChars)}`,
  '[ \\t]+',
  `depName=${named('depName', word)}`,
  annotationOptions,
  blanks,
);

/** The `key: value` line an annotation governs; the value excludes template braces and comments. */
const annotatedValue = sequence(
  '[ \\t]*(?:-[ \\t]+)?[^\\s:#]+',
  blanks,
  ':',
  blanks,
  `["']?`,
  named('currentValue', '[^\\s"\'#{}]+'),
  `["']?`,
);

/**
 * The annotation grammar of Renovate's own `customManagers:*` presets, for any YAML file:
 * the comment on the line above a `key: value`. Use it for pins no structural manager can
 * know (an operator's `spec.version`, a version in an env var); a pin that a built-in manager
 * already finds must not be annotated, or it is found twice.
 */
export const renovateAnnotations: RegexManager = {
  customType: 'regex',
  description:
    "Any YAML value under a `# renovate: datasource=... depName=...` comment on the line above (the grammar of Renovate's customManagers presets).",
  managerFilePatterns: [allYamlFiles],
  matchStrings: [sequence('(?:^|\\n)[ \\t]*', annotationComment, lineBreak, annotatedValue)],
};
