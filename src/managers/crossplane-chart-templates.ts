import { commentOtherThanIgnore, ignoreDirective } from '../regex/comments.ts';
import { named, oneOf, optional, sequence } from '../regex/compose.ts';
import { digestChars, dockerTagChars, imageNameChars } from '../regex/values.ts';
import { lineBreak, linesWithinDocument, restOfLine } from '../regex/yaml.ts';
import type { RegexManager } from './custom-manager.ts';
import { chartTemplates } from './file-patterns.ts';

/** The kinds Renovate's crossplane manager reads (its `XPKG` schema). */
const packageKinds = oneOf('Provider', 'Function', 'Configuration');

const apiVersionLine = sequence(
  'apiVersion[ \\t]*:[ \\t]*["\']?pkg\\.crossplane\\.io/[^\\r\\n]*',
  lineBreak,
);
const kindLine = sequence(
  'kind[ \\t]*:[ \\t]*["\']?',
  named('kind', packageKinds),
  `["']?`,
  restOfLine,
  lineBreak,
);

/**
 * `spec.package` with a literal reference, to the end of its line: a templated tag
 * (`:{{ .Values.version }}`, `:v{{ .Chart.AppVersion }}`) yields nothing. A `package:` under
 * `# renovate: ignore` is consumed without a dependency; the lines before it are skipped
 * lazily, so that alternative is tried at the comment line before the `package:` line is.
 */
const packageLine = oneOf(
  sequence('[ \\t]*', ignoreDirective, '[^\\r\\n]*', lineBreak, '[ \\t]+package[ \\t]*:[^\\r\\n]*'),
  sequence(
    '[ \\t]+package[ \\t]*:[ \\t]*["\']?',
    named('depName', imageNameChars),
    optional(sequence(':', named('currentValue', dockerTagChars))),
    optional(sequence('@', named('currentDigest', digestChars))),
    `["']?[ \\t]*`,
    optional(commentOtherThanIgnore),
    `(?:${lineBreak}|$)`,
  ),
);

/**
 * Crossplane packages (`Provider`, `Function`, `Configuration`) in Helm chart templates.
 * Renovate's crossplane manager parses YAML, and a chart template wrapped in
 * `{{- if .Values.x.enabled }}` does not parse, so it drops the whole file; in `templates/` it
 * steps aside and this manager reads the package where it is written literally, with the
 * fields the crossplane manager reports (Docker, name without tag, depType from the kind).
 * `apiVersion` and `kind` may come in either order; every line read belongs to one document.
 */
export const crossplanePackagesInChartTemplates: RegexManager = {
  customType: 'regex',
  description:
    'Crossplane Provider/Function/Configuration packages in Helm chart templates (which the YAML-parsing crossplane manager cannot read): Docker.',
  managerFilePatterns: [chartTemplates],
  matchStrings: [
    sequence(
      '(?:^|\\n)',
      apiVersionLine,
      linesWithinDocument,
      kindLine,
      linesWithinDocument,
      packageLine,
    ),
    sequence(
      '(?:^|\\n)',
      kindLine,
      linesWithinDocument,
      apiVersionLine,
      linesWithinDocument,
      packageLine,
    ),
  ],
  datasourceTemplate: 'docker',
  depTypeTemplate: '{{#if kind}}{{lowercase kind}}{{/if}}',
};
