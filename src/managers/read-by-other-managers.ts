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

/**
 * The columns at which the keys of a helm-values image map may stand for the structures below:
 * even ones, as YAML indented by two or four spaces puts them, to the depth image maps reach in
 * real values files. Each column is one more copy of the structures, and Renovate compiles the
 * pattern anew for every values file (a map at an odd column is not recognised: its annotated
 * tag is then found twice).
 */
const imageMapColumns = [2, 4, 6, 8, 10, 12, 14, 16];

/**
 * A key, plain or quoted, in the short form these structures repeat once per column: the
 * quotes are optional on each side, which only widens what is consumed, never what is read.
 */
function shortKey(name: string): string {
  return `["']?${name}["']?[ \\t]*:[ \\t]*`;
}

/** A key ending in `image` in any letter case (helm-values' `/image$/i`), plain or quoted. */
const imageKey = `["']?[^\\s:#"'{}\\[\\]]*[iI][mM][aA][gG][eE]["']?[ \\t]*:[ \\t]*`;

/** A key at column `n`, on its own or as the first key of a list item (`- key:`). */
function keyAtColumn(n: number): string {
  return n >= 2 ? oneOf(`[ ]{${n}}`, `[ ]{${n - 2}}-[ ]`) : `[ ]{${n}}`;
}

/**
 * Any lines of a block mapping whose keys stand at column `n`, as few as possible, each after a
 * line break: indented at least that far (its keys, or what nests under them), blank, or a
 * comment.
 */
function blockLines(n: number): string {
  return `(?:${lineBreak}(?:[ ]{${n}}[^\\r\\n]*|[ \\t]*(?:#[^\\r\\n]*)?))*?`;
}

/** The parent line of a block at column `n`: a key ending in `image` with nothing after it but a comment. */
function imageMapParent(n: number): string {
  const indent = n >= 3 ? oneOf(`[ ]{0,${n - 1}}`, `[ ]{0,${n - 3}}-[ ]+`) : `[ ]{0,${n - 1}}`;
  return sequence(indent, imageKey, '(?:#[^\\r\\n]*)?');
}

const tagOrVersion = sequence(`["']?`, oneOf('tag', 'version'), `["']?[ \\t]*:`);
/** A value on the key's own line that is a string, not a block or flow collection. */
const inlineString = '[^\\s#{\\[|>&*!]';

/**
 * The image structures helm-values reads in values files, each with the annotated line inside:
 * - a map under a key ending in `image` with `repository` and `tag` or `version`, the
 *   annotation above `tag`/`version`, `repository` before or after it;
 * - an `*image: name` string with a `tag`/`version` sibling, which helm-values takes for the
 *   image's version, the annotation above the sibling, the image before or after it.
 * "The same map" is "keys at the same column", and RE2 has no back-references, so each
 * structure is spelled once per column; the structures that end at the annotated line share
 * that end, to keep the pattern small.
 */
export function helmValuesImageStructures(annotationLine: string): string {
  return forEachIndentation(imageMapColumns, (n) => {
    const column = `[ ]{${n}}`;
    const annotatedTag = sequence(lineBreak, annotationLine, lineBreak, column, tagOrVersion);
    return oneOf(
      sequence(
        oneOf(
          sequence(
            imageMapParent(n),
            blockLines(n),
            lineBreak,
            column,
            shortKey('repository'),
            '[^\\s#]',
          ),
          sequence(keyAtColumn(n), imageKey, inlineString),
        ),
        '[^\\r\\n]*',
        blockLines(n),
        annotatedTag,
      ),
      sequence(
        imageMapParent(n),
        blockLines(n),
        annotatedTag,
        '[^\\r\\n]*',
        blockLines(n),
        lineBreak,
        column,
        shortKey('repository'),
        '[^\\s#]',
      ),
      sequence(
        annotationLine,
        lineBreak,
        keyAtColumn(n),
        tagOrVersion,
        '[^\\r\\n]*',
        blockLines(n),
        lineBreak,
        column,
        imageKey,
        inlineString,
      ),
    );
  });
}
