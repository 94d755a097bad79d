import { ignoredLine } from '../regex/comments.ts';
import { named, oneOf, optional, sequence, unnamed } from '../regex/compose.ts';
import { anyKey, flagGroups, keyFlaggingNames, keyFlaggingSuffix } from '../regex/keys.ts';
import { digestChars, qualifiedImageNameChars, versionedTagChars } from '../regex/values.ts';
import { imagesBlock } from './application-kustomize-images.ts';
import type { RegexManager } from './custom-manager.ts';
import { readingClasses } from './file-patterns.ts';

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

/** Group names of what the first pattern or the key says must not be reported. */
const ignoredGroup = 'ignoredLine';
const excludedKeyGroup = 'excludedKey';

/**
 * The first pattern picks candidate lines (a qualified name right after any key or a dash, then
 * a tag or digest), each without its line break, so that consecutive lines (an `images.tags`
 * map) are all candidates. The second reads one candidate as a whole, from `^` to `$`: the
 * reference must be the entire value, so `{{ .Values.suffix }}` after a tag or words after it
 * make the line yield nothing. What must not be reported is flagged, not excluded: a line
 * `# renovate: ignore` keeps out (consumed first, as `ignoredLine`) and a key another manager
 * reads (`excludedKey`) make the datasource template empty, and Renovate drops the match.
 * Spelling "any key but these" and "any comment but ignore" out in RE2 made the second pattern
 * 2.4 KB, compiled again for every file; flagged, it is a fifth of that. `steppingAside` are
 * alternatives of the first pattern that consume what another manager reads.
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
    // The key once: RE2 names each flag group once. The candidate has a dash or a key already.
    '[ \\t]*',
    optional('-[ \\t]+'),
    optional(sequence(key, '[ \\t]*:[ \\t]+')),
    qualifiedReference,
    '[ \\t]*',
    optional('#[^\\r\\n]*'),
    '$',
  );
  return [oneOf(named(ignoredGroup, ignoredLine), ...steppingAside, candidateLine), wholeLine];
}

/** Docker, unless the match is flagged: then empty, which makes Renovate drop it. */
const datasourceUnlessFlagged = `{{#if (or ${[ignoredGroup, ...flagGroups(excludedKeyGroup)].join(' ')})}}{{else}}docker{{/if}}`;

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
  managerFilePatterns: readingClasses('values'),
  matchStringsStrategy: 'recursive',
  matchStrings: qualifiedImageRefs(keyFlaggingSuffix('image', excludedKeyGroup), []),
  datasourceTemplate: datasourceUnlessFlagged,
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
  managerFilePatterns: readingClasses('otherYaml', 'kustomizeAndCharts'),
  matchStringsStrategy: 'recursive',
  matchStrings: qualifiedImageRefs(
    keyFlaggingNames(['image', 'package'], ['package'], excludedKeyGroup),
    [imagesBlock],
  ),
  datasourceTemplate: datasourceUnlessFlagged,
};
