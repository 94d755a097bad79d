import { skippingIgnoredLines } from '../regex/comments.ts';
import { named, oneOf, optional, sequence, unnamed } from '../regex/compose.ts';
import { digestChars, dockerTagChars, imageNameChars } from '../regex/values.ts';
import { endOfLine, restOfLine } from '../regex/yaml.ts';
import type { RegexManager } from './custom-manager.ts';
import { readingClasses } from './file-patterns.ts';

/** `image:` as the first key of its line (after an optional list dash), and an optional quote. */
const imageKeyInLine = '[ \\t]*(?:-[ \\t]+)?image[ \\t]*:[ \\t]*["\']?';
const imageKey = sequence('(?:^|\\n)', imageKeyInLine);

/**
 * The value must run to the end of its line (else `image: app:{{ .Values.tag }}` would yield
 * `app` without a tag). The end is asserted, not taken: a match that took the line break would
 * leave the next line no line break to start at, and an `image:` line right after another
 * (`image: a:1` closing one container, `- image: b:2` opening the next) would be lost.
 */
const toEndOfLine = sequence(`["']?`, restOfLine, endOfLine);

/**
 * Images in plain Kubernetes manifests (Deployments, Jobs in chart templates, CronJobs) and in
 * `helm.values` strings of Applications: `image: name:tag`, `name:tag@sha256:...` or
 * `name@sha256:...`. The key must start its line (after an optional list dash), so
 * `initImage:` and a commented-out `# image:` are not read. Renovate's kubernetes manager
 * would find these images too, but it also reports every `apiVersion` as a dependency
 * (kubernetes-api), which are API versions, not release pins. A line under or beside
 * `# renovate: ignore` is skipped.
 */
export const manifestImages: RegexManager = {
  customType: 'regex',
  description:
    'Container images (`image: name:tag`, with or without digest) in Kubernetes manifests, chart templates and Application helm.values strings: Docker.',
  managerFilePatterns: readingClasses('otherYaml', 'kustomizeAndCharts'),
  matchStrings: [
    skippingIgnoredLines(
      sequence(
        imageKey,
        named('depName', imageNameChars),
        ':',
        named('currentValue', dockerTagChars),
        optional(sequence('@', named('currentDigest', digestChars))),
        toEndOfLine,
      ),
    ),
    skippingIgnoredLines(
      sequence(
        imageKey,
        named('depName', imageNameChars),
        '@',
        named('currentDigest', digestChars),
        toEndOfLine,
      ),
    ),
  ],
  datasourceTemplate: 'docker',
};

/**
 * The start of a line this manager reads, up to the image reference (`image: name:tag`,
 * `- image: "name@sha256:..."`), without groups: for managers that must leave it to this one.
 */
export const manifestImageLineStart = unnamed(
  sequence(
    imageKeyInLine,
    imageNameChars,
    oneOf(sequence(':', dockerTagChars), sequence('@', digestChars)),
  ),
);
