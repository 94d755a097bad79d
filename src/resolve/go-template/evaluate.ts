import { stringify } from 'yaml';
import {
  lookupPath,
  type Piece,
  piecesOf,
  Scalar,
  Text,
  textOf,
  truthy,
  unknown,
  type Value,
} from '../located-values.ts';
import type { Command, ParsedTemplate, Pipeline, TemplateNode, Term } from './parse.ts';

/**
 * Renders parsed Go templates over located values, keeping for every value copied into the
 * output where it is written. Only what Helm charts and ApplicationSets use to place versions
 * and names is computed (fields, variables, `range`, `with`, `if`, `index`, `default`,
 * `printf`, `quote`, `include`, string functions); anything else renders as `unknown`, so a
 * field that depends on it is reported unresolved rather than guessed.
 *
 * Conditions that read a boolean (`if .Values.x.enabled`, `eq (toString .enabled) "true"`)
 * are feature toggles: the branch is rendered as if the toggle were on, because a disabled
 * add-on's version is still a pin to keep current.
 */

interface Scope {
  dot: Value;
  root: Value;
  variables: Map<string, Value>[];
  /** Set while evaluating a condition when a boolean value was read. */
  readToggle: boolean;
}

type Fn = (args: Value[], scope: Scope) => Value;

const MAX_DEPTH = 32;

/** A computed string; keeps the pieces when the function left the text as it was. */
function transformText(value: Value, change: (text: string) => string): Value {
  if (value === unknown) return unknown;
  const text = textOf(value);
  const changed = change(text);
  if (changed === text)
    return value instanceof Text || value instanceof Scalar ? value : new Text([{ text }]);
  return new Text([{ text: changed }]);
}

function wrap(value: Value, before: string, after: string): Value {
  if (value === unknown) return unknown;
  return new Text([{ text: before }, ...piecesOf(value), { text: after }]);
}

function equal(a: Value, b: Value): boolean {
  return textOf(a) === textOf(b);
}

function printf(args: Value[]): Value {
  const [format, ...rest] = args;
  const pattern = textOf(format);
  const pieces: Piece[] = [];
  let next = 0;
  let last = 0;
  for (const match of pattern.matchAll(/%[-+# 0]*\d*(?:\.\d+)?([svdqt%])/g)) {
    pieces.push({ text: pattern.slice(last, match.index) });
    last = (match.index ?? 0) + match[0].length;
    if (match[1] === '%') {
      pieces.push({ text: '%' });
      continue;
    }
    const arg = rest[next++];
    if (arg === unknown) return unknown;
    pieces.push(...(match[1] === 'q' ? piecesOf(wrap(arg, '"', '"')) : piecesOf(arg)));
  }
  pieces.push({ text: pattern.slice(last) });
  return new Text(pieces.filter((piece) => piece.text !== ''));
}

function indentText(value: Value, width: number, newline: boolean): Value {
  if (value === unknown) return unknown;
  const pad = ' '.repeat(width);
  const pieces: Piece[] = newline ? [{ text: `\n${pad}` }] : [{ text: pad }];
  for (const piece of piecesOf(value)) {
    pieces.push(
      piece.text.includes('\n') ? { text: piece.text.replaceAll('\n', `\n${pad}`) } : piece,
    );
  }
  return new Text(pieces);
}

/** A value as plain data, for `toYaml`: what it copies in keeps no origin. */
function plainData(value: Value): unknown {
  if (value instanceof Map)
    return Object.fromEntries([...value].map(([key, item]) => [key, plainData(item)]));
  if (Array.isArray(value)) return value.map(plainData);
  if (value instanceof Scalar) return value.value;
  if (value === undefined) return null;
  return textOf(value);
}

function toYaml(value: Value): string {
  if (value === undefined) return '';
  return stringify(plainData(value), { lineWidth: 0 }).replace(/\n$/, '');
}

const functions: Record<string, Fn> = {
  default: ([fallback, given]) => (given !== undefined && truthy(given) ? given : fallback),
  required: ([, given]) => given,
  quote: ([value]) => wrap(value, '"', '"'),
  squote: ([value]) => wrap(value, "'", "'"),
  toString: (args: Value[]): Value => {
    const [value] = args;
    return value instanceof Map || Array.isArray(value) ? unknown : (value ?? new Text([]));
  },
  toYaml: ([value]) => new Text([{ text: toYaml(value) }]),
  nindent: ([width, value]) => indentText(value, Number(textOf(width)), true),
  indent: ([width, value]) => indentText(value, Number(textOf(width)), false),
  trim: ([value]) => transformText(value, (text) => text.trim()),
  lower: ([value]) => transformText(value, (text) => text.toLowerCase()),
  upper: ([value]) => transformText(value, (text) => text.toUpperCase()),
  trimSuffix: ([suffix, value]) =>
    transformText(value, (text) =>
      text.endsWith(textOf(suffix)) ? text.slice(0, text.length - textOf(suffix).length) : text,
    ),
  trimPrefix: ([prefix, value]) =>
    transformText(value, (text) =>
      text.startsWith(textOf(prefix)) ? text.slice(textOf(prefix).length) : text,
    ),
  replace: ([from, to, value]) =>
    transformText(value, (text) => text.replaceAll(textOf(from), textOf(to))),
  trunc: ([length, value]) => transformText(value, (text) => text.slice(0, Number(textOf(length)))),
  printf: (args) => printf(args),
  print: (args) => (args.includes(unknown) ? unknown : new Text(args.flatMap(piecesOf))),
  cat: (args) => printf([new Scalar(args.map(() => '%s').join(' ')), ...args]),
  index: ([collection, ...keys]) => lookupPath(collection, keys.map(textOf)),
  dig: (args) => {
    const map = args.at(-1);
    const fallback = args.at(-2);
    const found = lookupPath(map, args.slice(0, -2).map(textOf));
    return found === undefined ? fallback : found;
  },
  dict: (args) => {
    const map = new Map<string, Value>();
    for (let i = 0; i + 1 < args.length; i += 2) map.set(textOf(args[i]), args[i + 1]);
    return map;
  },
  list: (args) => args,
  hasKey: ([map, key]) => new Scalar(map instanceof Map && map.has(textOf(key))),
  kindIs: ([kind, value]) => {
    const actual =
      value instanceof Map
        ? 'map'
        : Array.isArray(value)
          ? 'slice'
          : value instanceof Scalar && typeof value.value === 'boolean'
            ? 'bool'
            : value instanceof Scalar && typeof value.value === 'number'
              ? 'float64'
              : value === undefined
                ? 'invalid'
                : 'string';
    return new Scalar(textOf(kind) === actual);
  },
  empty: ([value]) => new Scalar(!truthy(value)),
  coalesce: (args) => args.find((arg) => arg !== undefined && truthy(arg)),
  ternary: ([whenTrue, whenFalse, condition]) => (truthy(condition) ? whenTrue : whenFalse),
  eq: ([first, ...rest]) => new Scalar(rest.some((other) => equal(first, other))),
  ne: ([a, b]) => new Scalar(!equal(a, b)),
  not: ([value]) => new Scalar(!truthy(value)),
  and: (args) => args.find((arg) => !truthy(arg)) ?? args.at(-1),
  or: (args) => args.find((arg) => truthy(arg)) ?? args.at(-1),
};

function readVariable(scope: Scope, name: string): Value {
  if (name === '$') return scope.root;
  for (let i = scope.variables.length - 1; i >= 0; i--) {
    const frame = scope.variables[i];
    if (frame?.has(name)) return frame.get(name);
  }
  return unknown;
}

function noteToggle(scope: Scope, value: Value): Value {
  if (
    value instanceof Scalar &&
    (typeof value.value === 'boolean' || value.value === 'true' || value.value === 'false')
  ) {
    scope.readToggle = true;
  }
  return value;
}

export class TemplateRenderer {
  private depth = 0;
  private readonly defines: Map<string, ParsedTemplate['nodes']>;

  constructor(defines: Map<string, ParsedTemplate['nodes']>) {
    this.defines = defines;
  }

  render(nodes: TemplateNode[], dot: Value, root: Value = dot): Piece[] {
    const out: Piece[] = [];
    this.renderNodes(nodes, { dot, root, variables: [new Map()], readToggle: false }, out);
    return out;
  }

  private renderNodes(nodes: TemplateNode[], scope: Scope, out: Piece[]): void {
    for (const node of nodes) this.renderNode(node, scope, out);
  }

  private inBlock(scope: Scope, dot: Value, run: (inner: Scope) => void): void {
    const inner: Scope = { ...scope, dot, variables: [...scope.variables, new Map()] };
    run(inner);
  }

  private renderNode(node: TemplateNode, scope: Scope, out: Piece[]): void {
    switch (node.kind) {
      case 'text':
        out.push({ text: node.text });
        return;
      case 'output': {
        const value = this.pipeline(node.pipeline, scope);
        if (node.pipeline.declare.length === 0) out.push(...piecesOf(value));
        return;
      }
      case 'if': {
        for (const branch of node.branches) {
          if (this.condition(branch.condition, scope)) {
            this.inBlock(scope, scope.dot, (inner) => this.renderNodes(branch.body, inner, out));
            return;
          }
        }
        this.inBlock(scope, scope.dot, (inner) => this.renderNodes(node.otherwise, inner, out));
        return;
      }
      case 'with': {
        const value = this.pipeline(node.pipeline, scope);
        if (truthy(value))
          this.inBlock(scope, value, (inner) => this.renderNodes(node.body, inner, out));
        else
          this.inBlock(scope, scope.dot, (inner) => this.renderNodes(node.otherwise, inner, out));
        return;
      }
      case 'range':
        this.range(node, scope, out);
        return;
      case 'template': {
        const body = this.defines.get(node.name);
        if (!body || this.depth >= MAX_DEPTH) return;
        const dot = node.pipeline ? this.pipeline(node.pipeline, scope) : undefined;
        this.depth++;
        this.renderNodes(body, { dot, root: dot, variables: [new Map()], readToggle: false }, out);
        this.depth--;
      }
    }
  }

  private range(node: Extract<TemplateNode, { kind: 'range' }>, scope: Scope, out: Piece[]): void {
    const collection = this.pipeline({ ...node.pipeline, declare: [] }, scope);
    const entries: [Value, Value][] =
      collection instanceof Map
        ? [...collection]
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
            .map(([key, value]) => [new Scalar(key), value])
        : Array.isArray(collection)
          ? collection.map((value, index) => [new Scalar(index), value])
          : [];
    if (entries.length === 0) {
      this.inBlock(scope, scope.dot, (inner) => this.renderNodes(node.otherwise, inner, out));
      return;
    }
    const [first, second] = node.pipeline.declare;
    for (const [key, value] of entries) {
      this.inBlock(scope, value, (inner) => {
        const frame = inner.variables.at(-1);
        if (first && second) {
          frame?.set(first, key);
          frame?.set(second, value);
        } else if (first) frame?.set(first, value);
        this.renderNodes(node.body, inner, out);
      });
    }
  }

  private condition(pipeline: Pipeline, scope: Scope): boolean {
    const probe: Scope = { ...scope, readToggle: false };
    const value = this.pipeline(pipeline, probe);
    return probe.readToggle || truthy(value);
  }

  private pipeline(pipeline: Pipeline, scope: Scope): Value {
    let value: Value;
    let piped = false;
    for (const command of pipeline.commands) {
      value = this.command(command, scope, piped ? [value] : []);
      piped = true;
    }
    if (pipeline.declare.length > 0) {
      const name = pipeline.declare[0] ?? '';
      if (pipeline.assign) {
        const frame = [...scope.variables].reverse().find((vars) => vars.has(name));
        (frame ?? scope.variables.at(-1))?.set(name, value);
      } else scope.variables.at(-1)?.set(name, value);
    }
    return value;
  }

  private command(command: Command, scope: Scope, piped: Value[]): Value {
    const [head, ...rest] = command.terms;
    if (head?.kind === 'function') {
      if (head.name === 'include' || head.name === 'template') return this.include(rest, scope);
      const fn = functions[head.name];
      const args = [...rest.map((term) => this.term(term, scope)), ...piped];
      if (!fn) return unknown;
      return fn(args, scope);
    }
    if (!head) return unknown;
    // A lone operand; a piped value after it would be a Go error.
    return this.term(head, scope);
  }

  private include(terms: Term[], scope: Scope): Value {
    const [nameTerm, dotTerm] = terms;
    const name = nameTerm ? textOf(this.term(nameTerm, scope)) : '';
    const body = this.defines.get(name);
    if (!body || this.depth >= MAX_DEPTH) return unknown;
    const dot = dotTerm ? this.term(dotTerm, scope) : undefined;
    this.depth++;
    const pieces: Piece[] = [];
    this.renderNodes(body, { dot, root: dot, variables: [new Map()], readToggle: false }, pieces);
    this.depth--;
    return new Text(pieces);
  }

  private term(term: Term, scope: Scope): Value {
    switch (term.kind) {
      case 'dot':
        return scope.dot;
      case 'field':
        return noteToggle(scope, lookupPath(scope.dot, term.path));
      case 'variable':
        return noteToggle(scope, lookupPath(readVariable(scope, term.name), term.path));
      case 'string':
        return new Scalar(term.value);
      case 'number':
        return new Scalar(term.value);
      case 'bool':
        return new Scalar(term.value);
      case 'nil':
        return undefined;
      case 'function': {
        const fn = functions[term.name];
        return fn ? fn([], scope) : unknown;
      }
      case 'pipeline':
        return lookupPath(this.pipeline(term.pipeline, scope), term.path);
    }
  }
}
