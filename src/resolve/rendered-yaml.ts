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

/** The pieces covering `[start, end)` of the rendered text, cut at the edges. */
function piecesIn(rendered: RenderedText, start: number, end: number): Piece[] {
  const out: Piece[] = [];
  let at = 0;
  for (const piece of rendered.pieces) {
    const from = at;
    const to = at + piece.text.length;
    at = to;
    if (to <= start || from >= end) continue;
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
  rendered: RenderedText,
  node: { range?: [number, number, number] | null; value: unknown; type?: string | undefined },
  file: string | undefined,
  lines: LineCounter,
  shift: number,
): Value {
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
    file === undefined ? undefined : { file, line: lines.linePos(range[0] - shift).line };
  return new Scalar(plain, origin);
}

interface Reading {
  rendered: RenderedText;
  file: string | undefined;
  lines: LineCounter;
  doc: Document.Parsed;
  /** What to add to a node's offset to get the offset in the rendered text. */
  shift: number;
}

function nodeValue(reading: Reading, node: unknown, depth = 0): Value {
  const { rendered, file, lines, shift } = reading;
  // Aliases are followed (the origin is where the anchor is written); nesting is bounded.
  if (depth > 64) return undefined;
  if (isAlias(node)) return nodeValue(reading, node.resolve(reading.doc), depth + 1);
  if (isScalar(node)) return scalarValue(rendered, node as never, file, lines, shift);
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
  // must not swallow the documents after it. Newlines before the part keep its line numbers;
  // `shift` maps its offsets back.
  const separators = [...filled.matchAll(/(?:^|\s*\n)---\s*/g)];
  const parts: [number, number][] = [];
  let from = 0;
  for (const separator of separators) {
    parts.push([from, separator.index]);
    from = separator.index + separator[0].length;
  }
  parts.push([from, filled.length]);
  for (const [start, end] of parts) {
    const newlines = filled.slice(0, start).split('\n').length - 1;
    const lines = new LineCounter();
    const shift = start - newlines;
    const part = '\n'.repeat(newlines) + filled.slice(start, end);
    for (const doc of parseAllDocuments(part, {
      lineCounter: lines,
      uniqueKeys: false,
      merge: true,
    })) {
      const fatal = doc.errors[0];
      if (fatal) {
        problems.push({
          line: lines.linePos(fatal.pos[0]).line,
          reason: fatal.message.split('\n')[0] ?? fatal.code,
        });
        continue;
      }
      if (doc.contents)
        documents.push(nodeValue({ rendered, file, lines, doc, shift }, doc.contents));
    }
  }
  return { documents, problems };
}

/** The documents of a YAML file as written, each scalar located at its line. */
export function fileDocuments(
  text: string,
  file: string,
): { documents: Value[]; problems: { line: number; reason: string }[] } {
  return renderedDocuments({ text, pieces: [{ text }] }, file);
}
