import { named, oneOf, sequence } from '../regex/compose.ts';
import { datasourceChars } from '../regex/values.ts';
import { blanks, lineBreak } from '../regex/yaml.ts';
import type { RegexManager } from './custom-manager.ts';
import { readingClasses } from './file-patterns.ts';
import {
  argocdTargetRevisionLine,
  crossplanePackageLine,
  helmValuesImageKeyLine,
  helmValuesImageStructures,
  kustomizeNewTagLine,
  manifestImageLine,
  nestedVersionLine,
  qualifiedImageLine,
  urlValueLine,
} from './read-by-other-managers.ts';

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

/** `# renovate:`, where every annotation and every line an annotation governs starts. */
const annotationMarker = sequence('[ \\t]*#', blanks, 'renovate:');

/** What follows the marker: `datasource=<id> depName=<name> [packageName=..] [versioning=..] [registryUrl=..] [extractVersion=..]` */
const annotationFields = sequence(
  blanks,
  `datasource=${named('datasource', datasourceChars)}`,
  '[ \\t]+',
  `depName=${named('depName', word)}`,
  annotationOptions,
  blanks,
);

/** `# renovate: datasource=<id> depName=<name> [packageName=..] [versioning=..] [registryUrl=..] [extractVersion=..]` */
export const annotationComment = sequence('#', blanks, 'renovate:', annotationFields);

/** The comment as a line of its own. */
export const annotationLine = sequence('[ \\t]*', annotationComment);

/**
 * Any `# renovate:` comment line, for the alternatives that consume lines other managers read.
 * Wider than the annotation (it needs no options), which costs nothing there, since such a
 * line is consumed without a dependency either way, and keeps the pattern small: it is
 * repeated once per indentation in the helm-values structures, and Renovate compiles the
 * pattern anew for every file.
 */
const anyAnnotationLine = sequence(annotationMarker, '[^\\r\\n]*');

/**
 * The `key: value` line an annotation governs; the value excludes template braces and comments.
 * YAML needs a blank after the colon, so a list item `- https://...` is not read as the key
 * `https` with the value `//...`.
 */
export const annotatedValue = sequence(
  '[ \\t]*(?:-[ \\t]+)?[^\\s:#]+',
  blanks,
  ':',
  '[ \\t]+',
  `["']?`,
  named('currentValue', '[^\\s"\'#{}]+'),
  `["']?`,
);

/**
 * One pattern, so that Renovate consumes it left to right: first the structures other managers
 * read that enclose an annotation (they start above it), then, from the annotation on, the
 * lines other managers read (consumed, reported by that manager only), then any other
 * annotated line. The `# renovate:` they start with is written once: the pattern is compiled
 * again for every file, and the alternatives keep their order, so nothing else changes.
 */
function annotations(readElsewhere: {
  enclosing?: readonly string[];
  lines: readonly string[];
}): string[] {
  return [
    oneOf(
      ...(readElsewhere.enclosing ?? []),
      sequence(
        '(?:^|\\n)',
        annotationMarker,
        oneOf(
          sequence('[^\\r\\n]*', lineBreak, oneOf(...readElsewhere.lines)),
          sequence(annotationFields, lineBreak, annotatedValue),
        ),
      ),
    ),
  ];
}

const grammar =
  "the value under a `# renovate: datasource=... depName=...` comment on the line above (the grammar of Renovate's customManagers presets)";

/**
 * The annotation grammar of Renovate's own `customManagers:*` presets: the comment on the line
 * above a `key: value`, for pins no structural manager can know (an operator's `spec.version`,
 * a version in an env var). Users also annotate pins a manager already reads, to be safe; the
 * preset steps aside there so that each pin is found once. What other managers read differs
 * by file, hence one annotation manager per kind of file.
 *
 * Manifests, chart templates, Application files: manifest images (`image:`), qualified image
 * references, Crossplane packages, Argo CD `targetRevision`, URLs.
 */
export const renovateAnnotations: RegexManager = {
  customType: 'regex',
  description: `Manifests, chart templates and Application files: ${grammar}, except where another manager reads the line (images, Crossplane packages, Argo CD targetRevision, URLs).`,
  managerFilePatterns: readingClasses('otherYaml', 'ciDefinitions'),
  matchStrings: annotations({
    lines: [
      manifestImageLine,
      qualifiedImageLine,
      crossplanePackageLine,
      argocdTargetRevisionLine,
      urlValueLine,
    ],
  }),
};

/**
 * Helm values files: helm-values reads image maps, `*image` strings and their sibling tags;
 * qualified image references, URLs.
 */
export const renovateAnnotationsInValues: RegexManager = {
  customType: 'regex',
  description: `Helm values files: ${grammar}, except where helm-values or another manager reads the line (image maps and their tags, *image keys, image references, URLs).`,
  managerFilePatterns: readingClasses('values'),
  matchStrings: annotations({
    enclosing: [sequence('(?:^|\\n)', helmValuesImageStructures(anyAnnotationLine))],
    lines: [helmValuesImageKeyLine, qualifiedImageLine, urlValueLine],
  }),
};

/**
 * `kustomization.yaml` and `Chart.yaml`: kustomize reads `helmCharts[].version` and
 * `images[].newTag`, helmv3 `dependencies[].version`; manifest images, qualified image
 * references, URLs.
 */
export const renovateAnnotationsInKustomizeAndCharts: RegexManager = {
  customType: 'regex',
  description: `kustomization.yaml and Chart.yaml: ${grammar}, except where kustomize, helmv3 or another manager reads the line (helmCharts/dependencies versions, newTag, images, URLs).`,
  managerFilePatterns: readingClasses('kustomizeAndCharts'),
  matchStrings: annotations({
    lines: [
      nestedVersionLine,
      kustomizeNewTagLine,
      manifestImageLine,
      qualifiedImageLine,
      urlValueLine,
    ],
  }),
};

/** Every annotation manager, one per kind of file; their file patterns do not overlap. */
export const annotationManagers: readonly RegexManager[] = [
  renovateAnnotations,
  renovateAnnotationsInValues,
  renovateAnnotationsInKustomizeAndCharts,
];
