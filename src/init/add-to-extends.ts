import { isDeepStrictEqual } from 'node:util';
import JSON5 from 'json5';
import {
  scanJson5Bare as scanBare,
  scanJson5String as scanString,
  skipJson5Trivia as skipTrivia,
} from '../policy/json5-scan.ts';

/** A stretch of the source text: `start` inclusive, `end` exclusive. */
interface Span {
  start: number;
  end: number;
}

/** A member of an object (with its key) or an element of an array, and its comma if any. */
interface Item extends Span {
  key?: string;
  value: Span;
  comma?: number;
}

/** An object or array: `start` at its bracket, `end` after the closing one. */
interface Container extends Span {
  items: Item[];
}

/** Text to put at an offset, in place of the `replace` characters there (none by default). */
interface Insertion {
  at: number;
  text: string;
  replace?: number;
}

// A scanner over a JSON, JSONC or JSON5 text that JSON5.parse has accepted: enough to find
// where members and elements start and end, and where their commas are, so that an edit can
// leave every other byte (comments, trailing commas, quotes, indentation) as it was.

function scanValue(source: string, from: number): Span {
  const open = source[from];
  if (open === '{' || open === '[') return scanContainer(source, from);
  if (open === '"' || open === "'") return { start: from, end: scanString(source, from).end };
  return { start: from, end: scanBare(source, from) };
}

function scanContainer(source: string, from: number): Container {
  const isObject = source[from] === '{';
  const close = isObject ? '}' : ']';
  const items: Item[] = [];
  let at = skipTrivia(source, from + 1);
  while (at < source.length && source[at] !== close) {
    const start = at;
    let key: string | undefined;
    if (isObject) {
      const quoted = source[at] === '"' || source[at] === "'";
      const keyEnd = quoted ? scanString(source, at) : { end: scanBare(source, at), text: '' };
      key = quoted ? keyEnd.text : source.slice(at, keyEnd.end);
      at = skipTrivia(source, skipTrivia(source, keyEnd.end) + 1); // past the ':'
    }
    const value = scanValue(source, at);
    at = skipTrivia(source, value.end);
    const item: Item = { start, end: value.end, value, ...(key === undefined ? {} : { key }) };
    if (source[at] === ',') {
      item.comma = at;
      at = skipTrivia(source, at + 1);
    }
    items.push(item);
  }
  return { start: from, end: at + 1, items };
}

/** The whitespace before `offset` on its line, when nothing else comes before it there. */
function indentBefore(source: string, offset: number): string | undefined {
  const before = source.slice(source.lastIndexOf('\n', offset - 1) + 1, offset);
  return /^[ \t]*$/.test(before) ? before : undefined;
}

/**
 * Where the line of `offset` ends, when the rest of it is blank or a comment (so that a new
 * line can go after it without splitting anything); undefined otherwise.
 */
function restOfLineEnd(source: string, offset: number): number | undefined {
  let at = offset;
  for (;;) {
    while (source[at] === ' ' || source[at] === '\t') at++;
    if (at >= source.length || source[at] === '\n' || source.startsWith('\r\n', at)) return at;
    if (source.startsWith('//', at)) {
      const end = source.indexOf('\n', at);
      if (end < 0) return source.length;
      return source[end - 1] === '\r' ? end - 1 : end;
    }
    if (!source.startsWith('/*', at)) return undefined;
    const end = source.indexOf('*/', at + 2);
    if (end < 0 || source.slice(at, end).includes('\n')) return undefined;
    at = end + 2;
  }
}

function newlineOf(source: string): string {
  return source.includes('\r\n') ? '\r\n' : '\n';
}

function isMultiLine(source: string, container: Container): boolean {
  const first = container.items[0];
  return source.slice(container.start, first ? first.start : container.end).includes('\n');
}

/** The indentation of the container's items, or one step deeper than its own line. */
function itemIndent(source: string, container: Container): string {
  for (const item of container.items) {
    const indent = indentBefore(source, item.start);
    if (indent !== undefined) return indent;
  }
  const lineStart = source.lastIndexOf('\n', container.start) + 1;
  const own = /^[ \t]*/.exec(source.slice(lineStart))?.[0] ?? '';
  return `${own}${own.includes('\t') ? '\t' : '  '}`;
}

/** `text` as a new item after item `index`, in the style of its neighbours. */
function insertAfter(
  source: string,
  container: Container,
  index: number,
  text: string,
): Insertion[] {
  const item = container.items[index];
  if (!item) return [];
  if (!isMultiLine(source, container)) {
    return item.comma === undefined
      ? [{ at: item.end, text: `, ${text}` }]
      : [{ at: item.comma + 1, text: ` ${text},` }];
  }
  const line = `${newlineOf(source)}${itemIndent(source, container)}${text}`;
  if (item.comma !== undefined) {
    const lineEnd = restOfLineEnd(source, item.comma + 1);
    return [{ at: lineEnd ?? item.comma + 1, text: `${line},` }];
  }
  const lineEnd = restOfLineEnd(source, item.end);
  return lineEnd === undefined
    ? [{ at: item.end, text: `,${line}` }]
    : [
        { at: item.end, text: ',' },
        { at: lineEnd, text: line },
      ];
}

/** `text` as the first item of the container. */
function insertFirst(source: string, container: Container, text: string): Insertion[] {
  const newline = newlineOf(source);
  const first = container.items[0];
  if (!first) {
    const inside = source.slice(container.start + 1, container.end - 1);
    if (!/^\s*$/.test(inside)) return [{ at: container.start + 1, text }];
    if (source[container.start] === '[') {
      return [{ at: container.start + 1, text, replace: inside.length }];
    }
    const own = indentBefore(source, container.start) ?? '';
    return [
      {
        at: container.start + 1,
        text: `${newline}${own}  ${text}${newline}${own}`,
        replace: inside.length,
      },
    ];
  }
  if (!isMultiLine(source, container)) return [{ at: first.start, text: `${text}, ` }];
  const indent = itemIndent(source, container);
  const lineEnd = restOfLineEnd(source, container.start + 1);
  return lineEnd === undefined
    ? [{ at: first.start, text: `${text},${newline}${indent}` }]
    : [{ at: lineEnd, text: `${newline}${indent}${text},` }];
}

/**
 * Applies the insertions from the last to the first, so that offsets stay valid; of two at the
 * same offset, the one listed first ends up first.
 */
function apply(source: string, insertions: readonly Insertion[]): string {
  const ordered = insertions.map((insertion, index) => ({ ...insertion, index }));
  ordered.sort((a, b) => b.at - a.at || b.index - a.index);
  let text = source;
  for (const { at, text: inserted, replace = 0 } of ordered) {
    text = text.slice(0, at) + inserted + text.slice(at + replace);
  }
  return text;
}

/** `value` as a string literal with the quote mark the file uses. */
function quote(value: string, mark: string): string {
  if (mark !== "'") return JSON.stringify(value);
  return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

/** The quote mark of the first string in a span, double by default. */
function quoteIn(source: string, span: Span): string {
  return /["']/.exec(source.slice(span.start, span.end))?.[0] ?? '"';
}

/**
 * The config text with `entry` added at the end of its top-level `extends` list (a list is
 * created after `$schema`, or first, when there is none), every other byte kept: comments,
 * trailing commas, quotes, indentation and line endings. Undefined when the result would not
 * parse to the same config plus that entry (a layout this editor does not know), so that the
 * caller can ask the user to add it by hand rather than write something else.
 */
export function addToExtends(source: string, entry: string): string | undefined {
  const start = skipTrivia(source, 0);
  if (source[start] !== '{') return undefined;
  const root = scanContainer(source, start);
  const member = root.items.find((item) => item.key === 'extends');
  let insertions: Insertion[];
  if (member) {
    const { value } = member;
    const literal = quote(entry, quoteIn(source, value));
    if (source[value.start] === '[') {
      const list = scanContainer(source, value.start);
      insertions =
        list.items.length === 0
          ? insertFirst(source, list, literal)
          : insertAfter(source, list, list.items.length - 1, literal);
    } else {
      insertions = [
        { at: value.start, text: '[' },
        { at: value.end, text: `, ${literal}]` },
      ];
    }
  } else {
    const first = root.items[0];
    const keyMark = first ? (/^["']/.exec(source[first.start] ?? '')?.[0] ?? '') : '"';
    const key = keyMark ? quote('extends', keyMark) : 'extends';
    const text = `${key}: [${quote(entry, keyMark || quoteIn(source, root))}]`;
    insertions =
      first?.key === '$schema'
        ? insertAfter(source, root, 0, text)
        : insertFirst(source, root, text);
  }
  const edited = apply(source, insertions);
  return isSameConfigPlus(source, edited, entry) ? edited : undefined;
}

/** The edited text parses to the original config, keys in the same order, plus `entry`. */
function isSameConfigPlus(source: string, edited: string, entry: string): boolean {
  try {
    const before = JSON5.parse(source) as Record<string, unknown>;
    const after = JSON5.parse(edited) as Record<string, unknown>;
    const previous = before.extends ?? [];
    const expected = {
      ...before,
      extends: [...(Array.isArray(previous) ? previous : [previous]), entry],
    };
    const otherKeys = (config: Record<string, unknown>) =>
      Object.keys(config).filter((key) => key !== 'extends');
    return (
      isDeepStrictEqual(after, expected) && isDeepStrictEqual(otherKeys(after), otherKeys(before))
    );
  } catch {
    return false;
  }
}
