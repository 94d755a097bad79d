// The pieces of a scanner over a JSON, JSONC or JSON5 text that JSON5.parse has accepted: an
// accepted text needs no more to find where things start and end. Shared by locating a path
// (json5-locate, for error positions) and editing in place (init's add-to-extends).

/** The offset after whitespace, a byte-order mark and comments from `from` on. */
export function skipJson5Trivia(source: string, from: number): number {
  let at = from;
  while (at < source.length) {
    if (/\s|\uFEFF/.test(source[at] ?? '')) {
      at++;
    } else if (source.startsWith('//', at)) {
      const end = source.indexOf('\n', at);
      at = end < 0 ? source.length : end;
    } else if (source.startsWith('/*', at)) {
      const end = source.indexOf('*/', at + 2);
      at = end < 0 ? source.length : end + 2;
    } else {
      break;
    }
  }
  return at;
}

/** The end of the quoted string at `from`, and its text (unescaped enough to compare keys). */
export function scanJson5String(source: string, from: number): { end: number; text: string } {
  const quote = source[from];
  let at = from + 1;
  // Runs without an escape are copied whole, not one character at a time.
  const parts: string[] = [];
  let runStart = at;
  while (at < source.length && source[at] !== quote) {
    if (source[at] === '\\') {
      parts.push(source.slice(runStart, at), source[at + 1] ?? '');
      at += 2;
      runStart = at;
    } else {
      at++;
    }
  }
  parts.push(source.slice(runStart, Math.max(runStart, Math.min(at, source.length))));
  return { end: at + 1, text: parts.join('') };
}

/** The end of an unquoted key, number or literal at `from`. */
export function scanJson5Bare(source: string, from: number): number {
  let at = from;
  while (at < source.length && !/[\s,:[\]{}/"']/.test(source[at] ?? '')) at++;
  return at;
}
