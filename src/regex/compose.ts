/**
 * Small, named regex pieces. Custom managers are composed from these so that each pattern
 * reads as a sentence and every piece is defined (and tested) once. All pieces are RE2
 * syntax: no lookaround, no back-references, no inline flags but `(?m:$)` (`endOfLine`). Renovate applies
 * `matchStrings` with only the `g` flag, so `^` and `$` anchor the whole file: line starts are
 * spelled `(?:^|\n)`.
 */

/** Joins pieces into one pattern. */
export function sequence(...pieces: string[]): string {
  return pieces.join('');
}

/** A named capture group; Renovate reads `depName`, `currentValue`, ... from these. */
export function named(name: string, pattern: string): string {
  return `(?<${name}>${pattern})`;
}

/** A piece that may be absent. */
export function optional(pattern: string): string {
  return `(?:${pattern})?`;
}

/** One of several alternatives. */
export function oneOf(...patterns: string[]): string {
  return `(?:${patterns.join('|')})`;
}

/** Escapes a literal for use inside a pattern. */
export function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * The same pattern with its named groups turned into plain groups. A regex manager reports
 * what its named groups capture; an alternative built from `unnamed` pieces consumes the same
 * text and reports nothing, since Renovate drops a match without `depName` or `currentValue`
 * (`checkIsValidDependency`, logged at trace level only). RE2 also allows each group name only
 * once per pattern, so a piece reused as a second alternative must lose its names.
 */
export function unnamed(pattern: string): string {
  return pattern.replace(/\(\?<[A-Za-z][A-Za-z0-9]*>/g, '(?:');
}

/**
 * One alternative per indentation width: RE2 has no back-references to say "as indented as
 * that line", so a pattern that needs it is spelled once per width.
 */
export function forEachIndentation(
  widths: readonly number[],
  piece: (width: number) => string,
): string {
  return oneOf(...widths.map(piece));
}
