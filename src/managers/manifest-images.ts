import { named, optional, sequence } from '../regex/compose.ts';
import { digestChars, imageNameChars } from '../regex/values.ts';
import { lineBreak, restOfLine } from '../regex/yaml.ts';
import type { RegexManager } from './custom-manager.ts';
import { yamlOtherThanValues } from './file-patterns.ts';

/** A Docker tag: what registries accept, so `latest` is read too and left to the lookup. */
const tagChars = '[A-Za-z0-9_][A-Za-z0-9._-]*';

const imageKey = '(?:^|\\n)[ \\t]*(?:-[ \\t]+)?image[ \\t]*:[ \\t]*["\']?';

/**
 * The value must run to the end of its line (else `image: app:{{ .Values.tag }}` would yield
 * `app` without a tag), so the match takes the line break with it. Two `image:` lines in a
 * row would therefore lose the second; in container specs `name:` or other keys always stand
 * between them.
 */
const toEndOfLine = sequence(`["']?`, restOfLine, `(?:${lineBreak}|$)`);

/**
 * Images in plain Kubernetes manifests (Deployments, Jobs in chart templates, CronJobs) and in
 * `helm.values` strings of Applications: `image: name:tag`, `name:tag@sha256:...` or
 * `name@sha256:...`. The key must start its line (after an optional list dash), so
 * `initImage:` and a commented-out `# image:` are not read. Renovate's kubernetes manager
 * would find these images too, but it also reports every `apiVersion` as a dependency
 * (kubernetes-api), which are API versions, not release pins.
 */
export const manifestImages: RegexManager = {
  customType: 'regex',
  description:
    'Container images (`image: name:tag`, with or without digest) in Kubernetes manifests, chart templates and Application helm.values strings: Docker.',
  managerFilePatterns: [yamlOtherThanValues],
  matchStrings: [
    sequence(
      imageKey,
      named('depName', imageNameChars),
      ':',
      named('currentValue', tagChars),
      optional(sequence('@', named('currentDigest', digestChars))),
      toEndOfLine,
    ),
    sequence(
      imageKey,
      named('depName', imageNameChars),
      '@',
      named('currentDigest', digestChars),
      toEndOfLine,
    ),
  ],
  datasourceTemplate: 'docker',
};
