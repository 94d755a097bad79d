import { forEachIndentation, oneOf, sequence } from '../regex/compose.ts';
import { anyKey, keyEndingWith } from '../regex/keys.ts';
import { digestChars, imageNameChars, qualifiedImageNameChars } from '../regex/values.ts';
import { lineBreak, yamlKey } from '../regex/yaml.ts';
import { manifestImageLineStart } from './manifest-images.ts';

/**
 * The lines other managers read, as group-free patterns: an annotation manager consumes a
 * `# renovate:` comment together with such a line first, and reports nothing for it, so that a
 * pin users annotated "to be safe" is found once, by the manager that reads its structure.
 * Each shape follows what that manager reads (Renovate's dist code for the built-ins), and no
 * more: a tag-only override `image: {tag: x}`, which helm-values does not read, is left to the
 * annotation.
 */

/** The start of a `key: value` line, after an optional list dash. */
const keyStart = '[ \\t]*(?:-[ \\t]+)?';

/** `key: value` where the value is an image with its registry: our qualified image references (or helm-values, manifest images and crossplane for `*image`/`package` keys). */
export const qualifiedImageLine = sequence(
  keyStart,
  anyKey,
  '[ \\t]*:[ \\t]+["\']?',
  qualifiedImageNameChars,
  '[:@]',
);

/** `image: name:tag` or `image: name@sha256:...` as manifest images reads it. */
export const manifestImageLine = manifestImageLineStart;

/** `package: name:tag`: Renovate's crossplane manager (or ours in chart templates) reads it in Crossplane packages. */
export const crossplanePackageLine = sequence(
  '[ \\t]+',
  yamlKey('package'),
  '["\']?',
  imageNameChars,
  oneOf(':', sequence('@', digestChars)),
);

/** `targetRevision:`: Renovate's argocd manager reads it in every Application and ApplicationSet source. */
export const argocdTargetRevisionLine = sequence(keyStart, yamlKey('targetRevision'));

/**
 * A `version:` inside a list item or nested map: in `kustomization.yaml` a `helmCharts` entry
 * (kustomize), in `Chart.yaml` a `dependencies` entry (helmv3). A top-level `version:` (the
 * chart's own) is read by neither.
 */
export const nestedVersionLine = sequence(
  oneOf('[ \\t]+(?:-[ \\t]+)?', '-[ \\t]+'),
  yamlKey('version'),
);

/** `newTag:` of a kustomization `images` entry (kustomize). */
export const kustomizeNewTagLine = sequence(keyStart, yamlKey('newTag'));

/** A value that is a URL: never a version; the versioned ones are read by our URL managers. */
export const urlValueLine = sequence(
  keyStart,
  anyKey,
  '[ \\t]*:[ \\t]*["\']?[A-Za-z][A-Za-z0-9+.-]*://',
);

/** A key ending in `image` (any case) with a value on its line: helm-values reads every such string. */
export const helmValuesImageKeyLine = sequence(
  keyStart,
  keyEndingWith('image'),
  '[ \\t]*:[ \\t]*[^\\s#]',
);

/** How deep a helm-values image map may be indented for the structures below (spaces). */
const maxIndentation = 20;

/** A key at column `n`, on its own or as the first key of a list item (`- key:`). */
function keyAtColumn(n: number): string {
  return n >= 2 ? oneOf(`[ ]{${n}}`, `[ ]{${n - 2}}-[ ]`) : `[ ]{${n}}`;
}

/**
 * A line of a block mapping whose keys stand at column `n`: indented at least that far (its
 * keys, or what nests under them), blank, or a comment.
 */
function blockLine(n: number): string {
  return `(?:[ ]{${n}}[^\\r\\n]*|[ \\t]*(?:#[^\\r\\n]*)?)`;
}

/** Any lines of that block, as few as possible, each after a line break. */
function blockLines(n: number): string {
  return `(?:${lineBreak}${blockLine(n)})*?`;
}

/** The parent line of a block at column `n`: a key ending in `image` with nothing after it but a comment. */
function imageMapParent(n: number): string {
  const indent = n >= 3 ? oneOf(`[ ]{0,${n - 1}}`, `[ ]{0,${n - 3}}-[ ]+`) : `[ ]{0,${n - 1}}`;
  return sequence(indent, keyEndingWith('image'), '[ \\t]*:[ \\t]*(?:#[^\\r\\n]*)?');
}

const tagOrVersion = oneOf(yamlKey('tag'), yamlKey('version'));
const nonEmptyValue = '[^\\s#][^\\r\\n]*';
/** A value on the key's own line that is a string, not a block or flow collection. */
const inlineString = '[^\\s#{\\[|>&*!][^\\r\\n]*';

/**
 * The image structures helm-values reads in values files, each with the annotated line inside:
 * - a map under a key ending in `image` with `repository` and `tag` or `version`, the
 *   annotation above `tag`/`version`, `repository` before or after it;
 * - an `*image: name` string with a `tag`/`version` sibling, which helm-values takes for the
 *   image's version, the annotation above the sibling, the image before or after it.
 * "The same map" is "keys at the same column", and RE2 has no back-references, so each
 * structure is spelled once per column.
 */
export function helmValuesImageStructures(annotationLine: string): string {
  const annotated = (n: number) =>
    sequence(lineBreak, annotationLine, lineBreak, `[ ]{${n}}`, tagOrVersion);
  return forEachIndentation(maxIndentation, (n) =>
    oneOf(
      sequence(
        imageMapParent(n),
        blockLines(n),
        lineBreak,
        `[ ]{${n}}`,
        yamlKey('repository'),
        nonEmptyValue,
        blockLines(n),
        annotated(n),
      ),
      sequence(
        imageMapParent(n),
        blockLines(n),
        annotated(n),
        '[^\\r\\n]*',
        blockLines(n),
        lineBreak,
        `[ ]{${n}}`,
        yamlKey('repository'),
        '[^\\s#]',
      ),
      sequence(
        keyAtColumn(n),
        keyEndingWith('image'),
        '[ \\t]*:[ \\t]*',
        inlineString,
        blockLines(n),
        annotated(n),
      ),
      sequence(
        annotationLine,
        lineBreak,
        keyAtColumn(n),
        tagOrVersion,
        '[^\\r\\n]*',
        blockLines(n),
        lineBreak,
        `[ ]{${n}}`,
        keyEndingWith('image'),
        '[ \\t]*:[ \\t]*',
        inlineString,
      ),
    ),
  );
}
