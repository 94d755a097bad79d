import { literal, oneOf } from './compose.ts';

/**
 * YAML keys chosen by what they are not. RE2 has no negative lookahead, so "any key but
 * `image`" or "any key not ending in `image`" is spelled out from the characters a key may
 * hold: the managers that read those keys already (Renovate's helm-values, our manifest
 * images) must be the only ones that do.
 */

/** A set of characters, given by its members or by the members it excludes. */
interface CharSet {
  negated: boolean;
  chars: string;
}

/** A plain (unquoted) key as values files and manifests write them: `tag`, `keystone_api`, `sidecar.istio.io/proxyImage`. */
const plainKeyChars: CharSet = {
  negated: false,
  chars: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_./-',
};
const doubleQuotedKeyChars: CharSet = { negated: true, chars: '"\r\n' };
const singleQuotedKeyChars: CharSet = { negated: true, chars: "'\r\n" };

function escapeClassChar(char: string): string {
  if (char === '\r') return '\\r';
  if (char === '\n') return '\\n';
  return /[\\\]^-]/.test(char) ? `\\${char}` : char;
}

/** The set as a character class, less the characters of `without`. */
function charClass(set: CharSet, without = ''): string {
  if (set.negated) {
    return `[^${[...new Set(set.chars + without)].map(escapeClassChar).join('')}]`;
  }
  const members = [...set.chars].filter((char) => !without.includes(char));
  return `[${ranges(members).map(escapeRange).join('')}]`;
}

/** Consecutive characters as ranges (`A-Z`), so that a class stays short. */
function ranges(members: readonly string[]): [string, string][] {
  const codes = [...new Set(members.map((char) => char.charCodeAt(0)))].sort((a, b) => a - b);
  const result: [number, number][] = [];
  for (const code of codes) {
    const last = result.at(-1);
    if (last && code === last[1] + 1) last[1] = code;
    else result.push([code, code]);
  }
  return result.map(([from, to]) => [String.fromCharCode(from), String.fromCharCode(to)]);
}

function escapeRange([from, to]: [string, string]): string {
  if (from === to) return escapeClassChar(from);
  const next = String.fromCharCode(from.charCodeAt(0) + 1);
  return next === to
    ? `${escapeClassChar(from)}${escapeClassChar(to)}`
    : `${escapeClassChar(from)}-${escapeClassChar(to)}`;
}

/** Both cases of a letter (other characters as they are), for case-insensitive suffixes. */
function bothCases(char: string): string {
  const lower = char.toLowerCase();
  const upper = char.toUpperCase();
  return lower === upper ? lower : `${lower}${upper}`;
}

/** A non-empty string of `set` characters that is none of `words` (a trie, complemented). */
function noneOf(words: readonly string[], set: CharSet): string {
  function from(rests: readonly string[], depth: number): string {
    const next = [...new Set(rests.filter((rest) => rest !== '').map((rest) => rest[0] ?? ''))];
    const alternatives: string[] = [];
    if (depth > 0 && !rests.includes('')) alternatives.push('');
    alternatives.push(`${charClass(set, next.join(''))}${charClass(set)}*`);
    for (const char of next) {
      const deeper = rests.filter((rest) => rest[0] === char).map((rest) => rest.slice(1));
      alternatives.push(`${literal(char)}${from(deeper, depth + 1)}`);
    }
    return oneOf(...alternatives);
  }
  return from(words, 0);
}

/** A non-empty string of `set` characters that does not end in `suffix`, in any letter case. */
function notEndingWith(suffix: string, set: CharSet): string {
  const n = suffix.length;
  const any = charClass(set);
  const alternatives = [`${any}{1,${n - 1}}`];
  for (let i = 0; i < n; i++) {
    const same = [...suffix.slice(0, i)].map((char) => `[${bothCases(char)}]`).join('');
    const differs = charClass(set, bothCases(suffix[i] ?? ''));
    alternatives.push(`${any}*${same}${differs}${any}{${n - 1 - i}}`);
  }
  return oneOf(...alternatives);
}

/** A string of `set` characters that ends in `suffix`, in any letter case. */
function endingWith(suffix: string, set: CharSet): string {
  return `${charClass(set)}*${[...suffix].map((char) => `[${bothCases(char)}]`).join('')}`;
}

/** A key spelled plain, `"double"` or `'single'` quoted, each form from its own character set. */
function plainOrQuoted(of: (set: CharSet) => string): string {
  return oneOf(of(plainKeyChars), `"${of(doubleQuotedKeyChars)}"`, `'${of(singleQuotedKeyChars)}'`);
}

/** Any YAML key, plain or quoted (without its colon). */
export const anyKey = plainOrQuoted((set) => `${charClass(set)}+`);

/**
 * A key other than the given names: `plainNames` when written plain, `quotedNames` when quoted.
 * They differ where the manager that owns a name matches it as plain text only.
 */
export function keyOtherThan(
  plainNames: readonly string[],
  quotedNames: readonly string[] = plainNames,
): string {
  return oneOf(
    noneOf(plainNames, plainKeyChars),
    `"${noneOf(quotedNames, doubleQuotedKeyChars)}"`,
    `'${noneOf(quotedNames, singleQuotedKeyChars)}'`,
  );
}

/** A key that ends in `suffix` in any letter case (`image`, `initImage`, `proxyIMAGE`), plain or quoted. */
export function keyEndingWith(suffix: string): string {
  return plainOrQuoted((set) => endingWith(suffix, set));
}

/** A key that does not end in `suffix` in any letter case, plain or quoted. */
export function keyNotEndingWith(suffix: string): string {
  return plainOrQuoted((set) => notEndingWith(suffix, set));
}

/*
 * Keys that flag rather than exclude. Spelled-out exclusions ("any key but ...") make patterns
 * long, and Renovate compiles every pattern again for every file; a manager that instead
 * captures what it must not report (one group per spelling: RE2 names a group once) can drop
 * those matches in its datasource template, which runs per match only.
 */

/** The groups `keyFlagging...` fill: the plain, `"double"` and `'single'` quoted spellings. */
export function flagGroups(group: string): [string, string, string] {
  return [group, `${group}Dq`, `${group}Sq`];
}

function plainOrQuotedFlagging(group: string, of: (set: CharSet, name: string) => string): string {
  const [plain, double, single] = flagGroups(group);
  return oneOf(
    of(plainKeyChars, plain),
    `"${of(doubleQuotedKeyChars, double)}"`,
    `'${of(singleQuotedKeyChars, single)}'`,
  );
}

/** Any key; `group` captures its end when the key ends in `suffix`, in any letter case. */
export function keyFlaggingSuffix(suffix: string, group: string): string {
  const caseless = [...suffix].map((char) => `[${bothCases(char)}]`).join('');
  return plainOrQuotedFlagging(
    group,
    (set, name) => `${charClass(set)}*?(?:(?<${name}>${caseless})|${charClass(set)})`,
  );
}

/**
 * Any key; `group` captures it when it is one of `plainNames` written plain, or one of
 * `quotedNames` written quoted.
 */
export function keyFlaggingNames(
  plainNames: readonly string[],
  quotedNames: readonly string[],
  group: string,
): string {
  const names = (list: readonly string[], set: CharSet, name: string) =>
    list.length > 0
      ? `(?:(?<${name}>${list.map(literal).join('|')})|${charClass(set)}+)`
      : `${charClass(set)}+`;
  return plainOrQuotedFlagging(group, (set, name) =>
    names(set === plainKeyChars ? plainNames : quotedNames, set, name),
  );
}
