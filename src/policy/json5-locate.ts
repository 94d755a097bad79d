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
 * errors (which know only the path) can name a line and column.
 */
export function locateJson5(source: string, path: readonly PathSegment[]): Location | undefined {
  return json5Locator(source)(path);
}

/**
 * Where every value of a JSON5 text that `JSON5.parse` has accepted is, read in one pass, so
 * that the hundredth error of a long policy file costs a lookup rather than another read of
 * the file. JSON5 has no parser that keeps positions, but an accepted text needs little more
 * than a scanner: comments and whitespace are skipped, strings and scalars are stepped over,
 * objects and arrays are walked. Of a key given twice, the first is located.
 */
export function json5Locator(
  source: string,
): (path: readonly PathSegment[]) => Location | undefined {
  const lineStarts = [0];
  for (let index = source.indexOf('\n'); index >= 0; index = source.indexOf('\n', index + 1)) {
    lineStarts.push(index + 1);
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
  // Array indexes and object keys are both compared as text, as `apps.0` names `apps[0]`.
  const idOf = (path: readonly PathSegment[]) => JSON.stringify(path.map(String));

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

  const locations = new Map<string, Location>();
  /** Records the value at `at` (or, when `path` is undefined, only steps over it). */
  const walk = (path: PathSegment[] | undefined, key?: SourcePosition): void => {
    skipTrivia();
    if (path) locations.set(idOf(path), { value: position(at), ...(key ? { key } : {}) });
    const open = source[at];
    if (open === '"' || open === "'") {
      readString();
      return;
    }
    if (open !== '{' && open !== '[') {
      readBare();
      return;
    }
    const close = open === '{' ? '}' : ']';
    const seen = new Set<string>();
    at++;
    for (let index = 0; ; index++) {
      skipTrivia();
      if (at >= source.length) return;
      if (source[at] === close) {
        at++;
        return;
      }
      if (open === '{') {
        const keyAt = position(at);
        const name = readKey();
        skipTrivia();
        at++; // ':'
        walk(path && !seen.has(name) ? [...path, name] : undefined, keyAt);
        seen.add(name);
      } else {
        walk(path ? [...path, index] : undefined);
      }
      skipTrivia();
      if (source[at] === ',') at++;
    }
  };
  walk([]);
  return (path) => locations.get(idOf(path));
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
