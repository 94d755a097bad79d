import { commentOtherThanIgnore, ignoredLine } from '../regex/comments.ts';
import { named, oneOf, optional, sequence, unnamed } from '../regex/compose.ts';
import { anyKey, keyNotEndingWith, keyOtherThan } from '../regex/keys.ts';
import { digestChars, qualifiedImageNameChars, versionedTagChars } from '../regex/values.ts';
import { imagesBlock } from './application-kustomize-images.ts';
import type { RegexManager } from './custom-manager.ts';
import { valuesFiles, yamlOtherThanValuesAndCi } from './file-patterns.ts';

/**
 * Where a whole scalar starts: a list item (`- value`, `- key: value`) or a map value
 * (`key: value`). YAML needs a blank after the colon, so `key:value` is one string, not a key.
 */
function scalarAfter(key: string): string {
  const keyAndColon = sequence(key, '[ \\t]*:[ \\t]+');
  return sequence('[ \\t]*', oneOf(sequence('-[ \\t]+', optional(keyAndColon)), keyAndColon));
}

/** `registry/path:tag`, `registry/path:tag@sha256:...` or `registry/path@sha256:...`, quoted or not. */
const qualifiedReference = sequence(
  `["']?`,
  named('depName', qualifiedImageNameChars),
  optional(sequence(':', named('currentValue', versionedTagChars))),
  optional(sequence('@', named('currentDigest', digestChars))),
  `["']?`,
);

/**
 * The first pattern picks candidate lines (a qualified name right after any key or a dash, then
 * a tag or digest), each without its line break, so that consecutive lines (an `images.tags`
 * map) are all candidates; which keys count is left to the second pattern, which only sees
 * candidates, since a long key pattern tried at every line start is what costs time. The second pattern reads one candidate as a whole, from `^` to `$`: the
 * reference must be the entire value, so `{{ .Values.suffix }}` after a tag, words after it or
 * a `# renovate: ignore` comment beside it make the line yield nothing. `steppingAside` are
 * first alternatives of the first pattern that consume what another manager reads.
 */
function qualifiedImageRefs(key: string, steppingAside: readonly string[]): string[] {
  const candidateLine = sequence(
    '(?:^|\\n)',
    scalarAfter(anyKey),
    `["']?`,
    unnamed(qualifiedImageNameChars),
    '[:@][^\\r\\n]*',
  );
  const wholeLine = sequence(
    '^\\n?',
    scalarAfter(key),
    qualifiedReference,
    '[ \\t]*',
    optional(commentOtherThanIgnore),
    '$',
  );
  return [oneOf(ignoredLine, ...steppingAside, candidateLine), wholeLine];
}

const description = (where: string, others: string) =>
  `Whole image references with a registry host (\`ghcr.io/org/app:1.2.3\`, \`localhost:5000/app@sha256:...\`) as a map value or list item ${where}, under any key ${others}: Docker.`;

/**
 * Image references written whole under keys no built-in manager reads: `images.tags` maps,
 * plain `images:` lists, `sidecar:`, `initImage:` in manifests, env var `value:`s. Only a
 * reference with its registry counts (a dot or a port in the host, or `localhost`): under an
 * arbitrary key `org/app:1.2` may be anything. In values files Renovate's helm-values reads
 * every key ending in `image` (any case), so those keys are left to it.
 */
export const qualifiedImageRefsInValues: RegexManager = {
  customType: 'regex',
  description: description(
    'in Helm values files',
    'but those ending in `image` (which helm-values reads)',
  ),
  managerFilePatterns: [valuesFiles],
  matchStringsStrategy: 'recursive',
  matchStrings: qualifiedImageRefs(keyNotEndingWith('image'), []),
  datasourceTemplate: 'docker',
};

/**
 * The same in manifests, chart templates and Application files. There `image:` is read by
 * manifest images, `package:` by Renovate's crossplane manager (and our Crossplane manager in
 * chart templates), and plain `images:` lists by the Application `kustomize.images` manager,
 * whose blocks are consumed first. CI definitions are Renovate's gitlabci and github-actions
 * managers' to read (`image: name: ...`).
 */
export const qualifiedImageRefsInManifests: RegexManager = {
  customType: 'regex',
  description: description(
    'in manifests, chart templates and Application files',
    'but `image`, `package` and `images:` lists (read by other managers)',
  ),
  managerFilePatterns: [yamlOtherThanValuesAndCi],
  matchStringsStrategy: 'recursive',
  matchStrings: qualifiedImageRefs(keyOtherThan(['image', 'package'], ['package']), [imagesBlock]),
  datasourceTemplate: 'docker',
};
