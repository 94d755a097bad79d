import { versionChars } from '../regex/values.ts';

/** A version as the preset's regex managers read one: a digit, or `v` and a digit, first. */
export const versionLike = new RegExp(`^${versionChars}$`);

/** Where a value is written: the file (relative to the repository) and its 1-based line. */
export interface Origin {
  file: string;
  line: number;
}

/** A scalar read from a file, with where it is written (absent for computed values). */
export class Scalar {
  readonly value: string | number | boolean | null;
  readonly origin: Origin | undefined;

  constructor(value: string | number | boolean | null, origin?: Origin) {
    this.value = value;
    this.origin = origin;
  }

  toString(): string {
    return this.value === null ? '' : String(this.value);
  }
}

/** One stretch of rendered text, and where it came from when it is a value copied verbatim. */
export interface Piece {
  text: string;
  origin?: Origin | undefined;
}

/** A string built by a template: pieces keep the origin of every value copied in. */
export class Text {
  readonly pieces: Piece[];

  constructor(pieces: Piece[]) {
    this.pieces = pieces;
  }

  toString(): string {
    return this.pieces.map((piece) => piece.text).join('');
  }
}

/** What a template could not compute (an unknown function, a lookup): never guessed. */
export const unknown: unique symbol = Symbol('unknown');

export type Value = Scalar | Text | Map<string, Value> | Value[] | typeof unknown | undefined;

/** Rendered where a value could not be computed; a field holding it is unresolved. */
export const unknownMark = '\u0000';

export function textOf(value: Value): string {
  if (value === undefined) return '';
  if (value === unknown) return unknownMark;
  if (value instanceof Scalar || value instanceof Text) return value.toString();
  return unknownMark;
}

export function piecesOf(value: Value): Piece[] {
  if (value instanceof Text) return value.pieces;
  if (value instanceof Scalar) return [{ text: value.toString(), origin: value.origin }];
  return [{ text: textOf(value) }];
}

/** Go template truthiness: empty, zero, false and nil are false. */
export function truthy(value: Value): boolean {
  if (value === undefined || value === unknown) return value === unknown;
  if (value instanceof Scalar)
    return value.value !== null && value.value !== false && value.value !== 0 && value.value !== '';
  if (value instanceof Text) return value.toString() !== '';
  if (value instanceof Map) return value.size > 0;
  return value.length > 0;
}

export function lookupPath(value: Value, path: readonly string[]): Value {
  let current = value;
  for (const key of path) {
    if (current instanceof Map) current = current.get(key);
    else if (Array.isArray(current) && /^\d+$/.test(key)) current = current[Number(key)];
    else return current === unknown ? unknown : undefined;
  }
  return current;
}

export interface YamlProblem {
  file: string;
  line: number;
  reason: string;
}

/** Helm's merge of values files: maps merge key by key, anything else is replaced. */
export function mergeValues(base: Value, over: Value): Value {
  if (base instanceof Map && over instanceof Map) {
    const merged = new Map(base);
    for (const [key, value] of over) merged.set(key, mergeValues(base.get(key), value));
    return merged;
  }
  return over === undefined ? base : over;
}

/** The same values with every scalar's origin moved down by `lines` (a block scalar's content). */
export function shiftOrigins(value: Value, lines: number): Value {
  if (value instanceof Scalar) {
    return value.origin
      ? new Scalar(value.value, { ...value.origin, line: value.origin.line + lines })
      : value;
  }
  if (value instanceof Map)
    return new Map([...value].map(([key, item]) => [key, shiftOrigins(item, lines)]));
  if (Array.isArray(value)) return value.map((item) => shiftOrigins(item, lines));
  return value;
}
