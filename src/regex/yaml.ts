import { literal, named, oneOf, optional, sequence } from './compose.ts';

/** The start of a line, with its indentation (spaces or tabs) and an optional list dash. */
export const lineStart = '(?:^|\\n)[ \\t]*(?:-[ \\t]+)?';

/** Blanks between tokens on one line. */
export const blanks = '[ \\t]*';

/** A YAML key, bare or quoted, with its colon: `tag:`, `"tag":`, `'tag':`. */
export function yamlKey(name: string): string {
  return sequence(
    oneOf(literal(name), `"${literal(name)}"`, `'${literal(name)}'`),
    blanks,
    ':',
    blanks,
  );
}

/**
 * A plain scalar captured into `group`: bare, single- or double-quoted. `chars` is the
 * character class of the value itself, so quotes, blanks, a trailing comment and a
 * `{{ template }}` never become part of it. RE2 allows a group name only once per pattern,
 * so the quotes are optional on each side rather than three alternatives.
 */
export function scalar(group: string, chars: string): string {
  return sequence(`["']?`, named(group, chars), `["']?`);
}

/**
 * The rest of a line after a value: blanks and an optional comment, not the line break, so
 * that a match ends on its last line and the next match can start at the following `\n`.
 */
export const restOfLine = sequence(blanks, optional('#[^\\r\\n]*'));

/** A line break, LF or CRLF: Windows-edited manifests are common in GitOps repositories. */
export const lineBreak = '\\r?\\n';

/**
 * The end of a line, asserted without taking the line break, so that the next line can still
 * start a match at its `\\n`. `(?m:$)` is the one inline flag our patterns use: RE2 and
 * JavaScript both accept it, and there is no other way to say "end of line" without lookahead.
 */
export const endOfLine = '\\r?(?m:$)';

/** Consecutive lines: each piece is one line, joined by line breaks. */
export function lines(...pieces: string[]): string {
  return pieces.join(lineBreak);
}

/** Any number of following lines that are more indented or blank: the body of a YAML block. */
export function anyLinesBefore(maxLines: number): string {
  return `(?:[^\\n]*\\n){0,${maxLines}}?`;
}

/**
 * A whole line, with its line break, that does not start a new YAML document (`---`): lines a
 * pattern may skip on its way from a document's `apiVersion` to a field of the same document.
 */
export const lineWithinDocument = `(?:[^-\\r\\n][^\\r\\n]*|-(?:[^-\\r\\n][^\\r\\n]*)?|--(?:[^-\\r\\n][^\\r\\n]*)?)?${lineBreak}`;

/**
 * Any lines of the same document, as few as possible. Unbounded on purpose: RE2 spells a
 * bounded repeat out once per count, which makes the pattern slow to compile and to run.
 */
export const linesWithinDocument = `(?:${lineWithinDocument})*?`;
