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

/** The comment as a line of its own. */
export const annotationLine = sequence('[ \\t]*', annotationComment);

/**
 * Any `# renovate:` comment line, for the alternatives that consume lines other managers read.
 * Wider than the annotation (it needs no options), which costs nothing there, since such a
 * line is consumed without a dependency either way, and keeps the pattern small: it is
 * repeated once per indentation in the helm-values structures, and Renovate compiles the
 * pattern anew for every file.
 */
const anyAnnotationLine = '[ \\t]*#[ \\t]*renovate:[^\\r\\n]*';

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

/** An annotation over a line another manager reads: consumed, reported by that manager only. */
function over(line: string): string {
  return sequence('(?:^|\\n)', anyAnnotationLine, lineBreak, line);
}

/**
 * One pattern, so that Renovate consumes it left to right: first what other managers read
 * (starting at the annotation, or above it for a structure that encloses it), then any other
 * annotated line.
 */
function annotations(readElsewhere: readonly string[]): string[] {
  return [
    oneOf(...readElsewhere, sequence('(?:^|\\n)', annotationLine, lineBreak, annotatedValue)),
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
  matchStrings: annotations([
    over(manifestImageLine),
    over(qualifiedImageLine),
    over(crossplanePackageLine),
    over(argocdTargetRevisionLine),
    over(urlValueLine),
  ]),
};

/**
 * Helm values files: helm-values reads image maps, `*image` strings and their sibling tags;
 * qualified image references, URLs.
 */
export const renovateAnnotationsInValues: RegexManager = {
  customType: 'regex',
  description: `Helm values files: ${grammar}, except where helm-values or another manager reads the line (image maps and their tags, *image keys, image references, URLs).`,
  managerFilePatterns: readingClasses('values'),
  matchStrings: annotations([
    sequence('(?:^|\\n)', helmValuesImageStructures(anyAnnotationLine)),
    over(helmValuesImageKeyLine),
    over(qualifiedImageLine),
    over(urlValueLine),
  ]),
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
  matchStrings: annotations([
    over(nestedVersionLine),
    over(kustomizeNewTagLine),
    over(manifestImageLine),
    over(qualifiedImageLine),
    over(urlValueLine),
  ]),
};

/** Every annotation manager, one per kind of file; their file patterns do not overlap. */
export const annotationManagers: readonly RegexManager[] = [
  renovateAnnotations,
  renovateAnnotationsInValues,
  renovateAnnotationsInKustomizeAndCharts,
];
