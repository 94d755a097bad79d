import {
  type Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
} from 'yaml';
import {
  type Origin,
  type Piece,
  Scalar,
  Text,
  unknownMark,
  type Value,
} from './located-values.ts';

/**
 * Rendered template output: the text, and which stretches of it were copied from a value
 * written elsewhere. YAML read from it keeps those origins on its scalars.
 */
export interface RenderedText {
  text: string;
  /** Pieces in order; their texts joined are `text`. */
  pieces: Piece[];
}

export function joinPieces(pieces: Piece[]): RenderedText {
  return { text: pieces.map((piece) => piece.text).join(''), pieces };
}

/** Where each piece of rendered text ends: one pass, then any stretch is found by bisection. */
const pieceEnds = new WeakMap<RenderedText, number[]>();

function endsOf(rendered: RenderedText): number[] {
  let ends = pieceEnds.get(rendered);
  if (!ends) {
    let at = 0;
    ends = rendered.pieces.map((piece) => {
      at += piece.text.length;
      return at;
    });
    pieceEnds.set(rendered, ends);
  }
  return ends;
}

/** The first piece that ends after `offset`: pieces before it lie wholly before the offset. */
function firstPieceAfter(ends: readonly number[], offset: number): number {
  let low = 0;
  let high = ends.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((ends[middle] ?? 0) <= offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * The pieces covering `[start, end)` of the rendered text, cut at the edges. Found by bisection:
 * a template that ranges over a long list renders one text with as many scalars as pieces, and
 * walking every piece for every scalar grew with their product.
 */
function piecesIn(rendered: RenderedText, start: number, end: number): Piece[] {
  const out: Piece[] = [];
  const ends = endsOf(rendered);
  for (let index = firstPieceAfter(ends, start); index < rendered.pieces.length; index++) {
    const piece = rendered.pieces[index] as Piece;
    const to = ends[index] ?? 0;
    const from = to - piece.text.length;
    if (from >= end) break;
    if (to <= start) continue;
    const text = piece.text.slice(
      Math.max(0, start - from),
      Math.min(piece.text.length, end - from),
    );
    // A value cut at its edges is no longer the value as written.
    const whole = from >= start && to <= end;
    out.push(whole ? piece : { text });
  }
  return out;
}

function scalarValue(
  reading: Reading,
  node: { range?: [number, number, number] | null; value: unknown; type?: string | undefined },
): Value {
  const { rendered, file, shift } = reading;
  const value = originalScalar(rendered.text, node, shift) ?? node.value;
  const plain =
    typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
      ? value
      : value === null
        ? null
        : String(value);
  const range = node.range?.map((at) => at + shift);
  if (!range || range[0] === undefined || range[1] === undefined) return new Scalar(plain);
  const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
  const start = range[0] + (quoted ? 1 : 0);
  const end = range[1] - (quoted ? 1 : 0);
  const pieces = piecesIn(rendered, start, end);
  if (pieces.some((piece) => piece.origin)) return new Text(pieces);
  // Rendered lines are not the template's lines: a literal of rendered text has no origin.
  const origin: Origin | undefined =
    file === undefined ? undefined : { file, line: reading.lineOf(range[0] - shift) };
  return new Scalar(plain, origin);
}

interface Reading {
  rendered: RenderedText;
  file: string | undefined;
  /** The 1-based line in the rendered text of a node's offset. */
  lineOf: (offset: number) => number;
  doc: Document.Parsed;
  /** What to add to a node's offset to get the offset in the rendered text. */
  shift: number;
}

function nodeValue(reading: Reading, node: unknown, depth = 0): Value {
  const { rendered, shift } = reading;
  // Aliases are followed (the origin is where the anchor is written); nesting is bounded.
  if (depth > 64) return undefined;
  if (isAlias(node)) return nodeValue(reading, node.resolve(reading.doc), depth + 1);
  if (isScalar(node)) return scalarValue(reading, node as never);
  if (isMap(node)) {
    const map = new Map<string, Value>();
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key)) continue;
      const key = String(originalScalar(rendered.text, pair.key as never, shift) ?? pair.key.value);
      const item = nodeValue(reading, pair.value, depth + 1);
      if (key === '<<' && item instanceof Map) {
        for (const [k, v] of item) if (!map.has(k)) map.set(k, v);
        continue;
      }
      // A duplicate key: the last wins, as in Helm (Renovate's helm-values drops the file).
      map.set(key, item);
    }
    return map;
  }
  if (isSeq(node)) return node.items.map((item) => nodeValue(reading, item, depth + 1));
  return undefined;
}

const aloneUnknown = new RegExp(`(^|:[ \\t]*|\\n[ \\t]*)${unknownMark}(?=[ \\t]*(?:\\n|$))`, 'g');

const placeholder = /\{\{[\s\S]*?\}\}/g;

/**
 * ApplicationSet placeholders (`{{ .values.x }}`) are often unquoted, which YAML reads as a flow
 * map or rejects. They are parsed as filler of the same length, and a scalar that held one is
 * read back from the original text, so offsets and lines stay those of the text.
 */
function fillPlaceholders(text: string): string {
  return (
    text
      .replace(placeholder, (action) => action.replace(/[^\n]/g, 'x'))
      // What a template could not compute, alone as a value (a map `include` or `toYaml`
      // would have written), is left out; inside a scalar it keeps the scalar unresolved.
      .replace(aloneUnknown, '$1 ')
      .replaceAll(unknownMark, 'x')
  );
}

/** A plain or quoted scalar as the original text spells it, when it held a placeholder. */
function originalScalar(
  text: string,
  node: { range?: [number, number, number] | null; type?: string | undefined },
  shift: number,
): string | undefined {
  const range = node.range;
  if (!range) return undefined;
  const source = text.slice(range[0] + shift, range[1] + shift);
  if (!source.includes('{{') && !source.includes(unknownMark)) return undefined;
  if (node.type === 'PLAIN') return source.trim();
  if (node.type === 'QUOTE_SINGLE') return source.slice(1, -1).replaceAll("''", "'");
  if (node.type === 'QUOTE_DOUBLE') {
    try {
      return JSON.parse(source) as string;
    } catch {
      return source.slice(1, -1);
    }
  }
  // A block scalar: its lines without the header and the common indentation.
  const body = source.split('\n').slice(1);
  const indent = Math.min(
    ...body.filter((line) => line.trim()).map((line) => /^ */.exec(line)?.[0].length ?? 0),
  );
  return body.map((line) => line.slice(Number.isFinite(indent) ? indent : 0)).join('\n');
}

/**
 * The YAML documents of rendered text. A scalar copied from elsewhere becomes a Text with its
 * origin; a literal becomes a Scalar located in `file` when the text is that file as written
 * (a plain YAML file), without origin when it was rendered.
 * Documents that do not parse are skipped and reported.
 */
export function renderedDocuments(
  rendered: RenderedText,
  file: string | undefined,
): { documents: Value[]; problems: { line: number; reason: string }[] } {
  const documents: Value[] = [];
  const problems: { line: number; reason: string }[] = [];
  const filled = fillPlaceholders(rendered.text);
  // Each `---` part is parsed alone and split as Helm splits its output (`---apiVersion:`
  // after a trimmed `{{- end }}` is two documents): one broken document (an unclosed flow map)
  // must not swallow the documents after it. Lines are counted once, as the parts go by, and
  // `shift` maps a part's offsets back.
  const separators = [...filled.matchAll(/(?:^|\s*\n)---\s*/g)];
  const parts: [number, number][] = [];
  let from = 0;
  for (const separator of separators) {
    parts.push([from, separator.index]);
    from = separator.index + separator[0].length;
  }
  parts.push([from, filled.length]);
  let newlines = 0;
  let counted = 0;
  for (const [start, end] of parts) {
    for (let at = filled.indexOf('\n', counted); at >= 0 && at < start; ) {
      newlines++;
      at = filled.indexOf('\n', at + 1);
    }
    counted = start;
    for (const { doc, offset, lineOf, fatal } of readPart(filled.slice(start, end), newlines)) {
      if (fatal) {
        problems.push(fatal);
        continue;
      }
      const reading = { rendered, file, lineOf, doc, shift: start + offset };
      if (doc.contents) documents.push(nodeValue(reading, doc.contents));
    }
  }
  return { documents, problems };
}

interface ReadDocument {
  doc: Document.Parsed;
  /** What to add to the document's offsets to get offsets in the part. */
  offset: number;
  /** The line in the whole text of an offset in the document's own text. */
  lineOf: (offset: number) => number;
  fatal?: { line: number; reason: string };
}

/**
 * The documents of one part that starts after `newlines` newlines of the text. A part with an
 * error is read again behind as many blank lines, so that the parser's message names the line
 * of the whole text, as the user sees it; reading every part that way parsed the text before
 * it again, which grew with the square of the parts.
 */
function readPart(part: string, newlines: number): ReadDocument[] {
  const parse = (text: string, lines: LineCounter) =>
    parseAllDocuments(text, { lineCounter: lines, uniqueKeys: false, merge: true });
  const lines = new LineCounter();
  const docs = parse(part, lines);
  if (docs.every((doc) => doc.errors.length === 0)) {
    const lineOf = (offset: number) => newlines + lines.linePos(offset).line;
    return docs.map((doc) => ({ doc, offset: 0, lineOf }));
  }
  const padded = new LineCounter();
  const lineOf = (offset: number) => padded.linePos(offset).line;
  return parse('\n'.repeat(newlines) + part, padded).map((doc) => {
    const fatal = doc.errors[0];
    return {
      doc,
      offset: -newlines,
      lineOf,
      ...(fatal
        ? {
            fatal: {
              line: lineOf(fatal.pos[0]),
              reason: fatal.message.split('\n')[0] ?? fatal.code,
            },
          }
        : {}),
    };
  });
}

/** The documents of a YAML file as written, each scalar located at its line. */
export function fileDocuments(
  text: string,
  file: string,
): { documents: Value[]; problems: { line: number; reason: string }[] } {
  return renderedDocuments({ text, pieces: [{ text }] }, file);
}
