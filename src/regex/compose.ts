/**
 * Small, named regex pieces. Custom managers are composed from these so that each pattern
 * reads as a sentence and every piece is defined (and tested) once. All pieces are RE2
 * syntax: no lookaround, no back-references, no inline flags. Renovate applies
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
