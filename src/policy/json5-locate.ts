import { scanJson5Bare, scanJson5String, skipJson5Trivia } from './json5-scan.ts';

/** A 1-based position in a source text, as editors and compilers print it. */
export interface SourcePosition {
  line: number;
  column: number;
}

/** Where a value sits in the source and, for an object member, where its key sits. */
export interface Location {
  value: SourcePosition;
  key?: SourcePosition;
}

export type PathSegment = string | number;

/**
 * Finds the value at `path` in a JSON5 text that `JSON5.parse` has accepted, so that schema
 * errors (which know only the path) can name a line and column. JSON5 has no parser that keeps
 * positions, but an accepted text needs little more than a scanner: comments and whitespace
 * are skipped, strings and scalars are stepped over, objects and arrays are walked.
 */
export function locateJson5(source: string, path: readonly PathSegment[]): Location | undefined {
  const lineStarts = [0];
  for (let index = 0; index < source.length; index++) {
    if (source[index] === '\n') lineStarts.push(index + 1);
  }
  const position = (offset: number): SourcePosition => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if ((lineStarts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - (lineStarts[low] ?? 0) + 1 };
  };

  let at = 0;
  const skipTrivia = () => {
    at = skipJson5Trivia(source, at);
  };
  /** Steps over a quoted string and returns its text. */
  const readString = (): string => {
    const { end, text } = scanJson5String(source, at);
    at = end;
    return text;
  };
  /** Steps over an unquoted key, number or literal. */
  const readBare = (): string => {
    const start = at;
    at = scanJson5Bare(source, at);
    return source.slice(start, at);
  };
  const readKey = (): string =>
    source[at] === '"' || source[at] === "'" ? readString() : readBare();

  /** Walks the value at `at`; returns its location when `rest` leads to it. */
  const walk = (rest: readonly PathSegment[], key?: SourcePosition): Location | undefined => {
    skipTrivia();
    if (rest.length === 0) {
      return { value: position(at), ...(key ? { key } : {}) };
    }
    const [wanted, ...remaining] = rest;
    const open = source[at];
    if (open === '{') {
      at++;
      for (;;) {
        skipTrivia();
        if (at >= source.length || source[at] === '}') return undefined;
        const keyAt = position(at);
        const name = readKey();
        skipTrivia();
        at++; // ':'
        if (name === String(wanted)) return walk(remaining, keyAt);
        skipValue();
        skipTrivia();
        if (source[at] === ',') at++;
      }
    }
    if (open === '[') {
      at++;
      for (let index = 0; ; index++) {
        skipTrivia();
        if (at >= source.length || source[at] === ']') return undefined;
        if (String(index) === String(wanted)) return walk(remaining);
        skipValue();
        skipTrivia();
        if (source[at] === ',') at++;
      }
    }
    return undefined;
  };
  const skipValue = (): void => {
    skipTrivia();
    const open = source[at];
    if (open === '"' || open === "'") {
      readString();
    } else if (open === '{' || open === '[') {
      const close = open === '{' ? '}' : ']';
      at++;
      for (;;) {
        skipTrivia();
        if (at >= source.length) return;
        if (source[at] === close) {
          at++;
          return;
        }
        if (open === '{') {
          readKey();
          skipTrivia();
          at++; // ':'
        }
        skipValue();
        skipTrivia();
        if (source[at] === ',') at++;
      }
    } else {
      readBare();
    }
  };

  return walk(path);
}

/** `apps[2].automerge` for `['apps', 2, 'automerge']`: how users write a path. */
export function formatPath(path: readonly PathSegment[]): string {
  return path.reduce<string>(
    (text, segment) =>
      typeof segment === 'number' ? `${text}[${segment}]` : text ? `${text}.${segment}` : segment,
    '',
  );
}

/** The segments of a JSON pointer (`/apps/2/automerge`), array indexes as numbers. */
export function pointerSegments(pointer: string): PathSegment[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'))
    .map((segment) => (/^(0|[1-9][0-9]*)$/.test(segment) ? Number(segment) : segment));
}
