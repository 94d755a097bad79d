import { lexTemplate, TemplateSyntaxError } from './lex.ts';

/** An operand of a command: what Go templates evaluate to a value. */
export type Term =
  | { kind: 'dot' }
  | { kind: 'field'; path: string[] }
  | { kind: 'variable'; name: string; path: string[] }
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'bool'; value: boolean }
  | { kind: 'nil' }
  | { kind: 'function'; name: string }
  | { kind: 'pipeline'; pipeline: Pipeline; path: string[] };

/** `f a b` or a lone operand. */
export interface Command {
  terms: Term[];
}

export interface Pipeline {
  /** `$x := ...` or `$k, $v := ...` (range) or `$x = ...`. */
  declare: string[];
  assign: boolean;
  commands: Command[];
}

export type TemplateNode =
  | { kind: 'text'; text: string; start: number }
  | { kind: 'output'; pipeline: Pipeline; start: number }
  | {
      kind: 'if';
      branches: { condition: Pipeline; body: TemplateNode[] }[];
      otherwise: TemplateNode[];
    }
  | { kind: 'range'; pipeline: Pipeline; body: TemplateNode[]; otherwise: TemplateNode[] }
  | { kind: 'with'; pipeline: Pipeline; body: TemplateNode[]; otherwise: TemplateNode[] }
  | { kind: 'template'; name: string; pipeline?: Pipeline };

export interface ParsedTemplate {
  nodes: TemplateNode[];
  /** Named templates (`define`/`block`) found in the text. */
  defines: Map<string, TemplateNode[]>;
}

const tokenPattern =
  /\s*(?:(?<str>"(?:\\.|[^"\\])*")|(?<raw>`[^`]*`)|(?<chr>'(?:\\.|[^'\\])*')|(?<num>-?\d+(?:\.\d+)?)|(?<var>\$[A-Za-z0-9_]*)|(?<field>(?:\.[A-Za-z0-9_]+)+|\.)|(?<ident>[A-Za-z_][A-Za-z0-9_]*)|(?<op>:=|[=(),|]))/y;

interface Lexeme {
  type: 'str' | 'raw' | 'chr' | 'num' | 'var' | 'field' | 'ident' | 'op';
  text: string;
  /** Whitespace before it: `$x.a` is one operand, `$x .a` two. */
  spaced: boolean;
}

function lexAction(body: string, offset: number): Lexeme[] {
  const lexemes: Lexeme[] = [];
  tokenPattern.lastIndex = 0;
  while (tokenPattern.lastIndex < body.length) {
    if (/^\s*$/.test(body.slice(tokenPattern.lastIndex))) break;
    const match = tokenPattern.exec(body);
    if (!match?.groups) {
      throw new TemplateSyntaxError(`cannot read action \`{{ ${body} }}\``, offset);
    }
    const entry = Object.entries(match.groups).find(([, value]) => value !== undefined);
    if (entry) {
      lexemes.push({
        type: entry[0] as Lexeme['type'],
        text: entry[1] as string,
        spaced: /^\s/.test(match[0]),
      });
    }
  }
  return lexemes;
}

function unquote(lexeme: Lexeme): string {
  if (lexeme.type === 'raw') return lexeme.text.slice(1, -1);
  if (lexeme.type === 'chr') return lexeme.text.slice(1, -1);
  return JSON.parse(lexeme.text) as string;
}

class PipelineParser {
  private at = 0;
  private readonly lexemes: Lexeme[];
  private readonly offset: number;

  constructor(lexemes: Lexeme[], offset: number) {
    this.lexemes = lexemes;
    this.offset = offset;
  }

  done(): boolean {
    return this.at >= this.lexemes.length;
  }

  private peek(): Lexeme | undefined {
    return this.lexemes[this.at];
  }

  pipeline(): Pipeline {
    const declare: string[] = [];
    let assign = false;
    const save = this.at;
    while (this.peek()?.type === 'var') {
      declare.push(this.lexemes[this.at++]?.text ?? '');
      const next = this.peek();
      if (next?.text === ',') {
        this.at++;
        continue;
      }
      if (next?.text === ':=' || next?.text === '=') {
        assign = next.text === '=';
        this.at++;
        break;
      }
      declare.length = 0;
      this.at = save;
      break;
    }
    const commands: Command[] = [this.command()];
    while (this.peek()?.text === '|') {
      this.at++;
      commands.push(this.command());
    }
    return { declare, assign, commands };
  }

  private command(): Command {
    const terms: Term[] = [];
    for (
      let next = this.peek();
      next && next.text !== '|' && next.text !== ')';
      next = this.peek()
    ) {
      terms.push(this.term());
    }
    if (terms.length === 0) throw new TemplateSyntaxError('empty command', this.offset);
    return { terms };
  }

  private fieldPath(): string[] {
    const next = this.peek();
    if (next?.type === 'field' && next.text !== '.' && !next.spaced) {
      this.at++;
      return next.text.slice(1).split('.');
    }
    return [];
  }

  private term(): Term {
    const lexeme = this.lexemes[this.at++];
    if (!lexeme) throw new TemplateSyntaxError('unexpected end of action', this.offset);
    switch (lexeme.type) {
      case 'str':
      case 'raw':
      case 'chr':
        return { kind: 'string', value: unquote(lexeme) };
      case 'num':
        return { kind: 'number', value: Number(lexeme.text) };
      case 'var':
        return { kind: 'variable', name: lexeme.text, path: this.fieldPath() };
      case 'field':
        return lexeme.text === '.'
          ? { kind: 'dot' }
          : { kind: 'field', path: lexeme.text.slice(1).split('.') };
      case 'ident':
        if (lexeme.text === 'true' || lexeme.text === 'false')
          return { kind: 'bool', value: lexeme.text === 'true' };
        if (lexeme.text === 'nil') return { kind: 'nil' };
        return { kind: 'function', name: lexeme.text };
      case 'op': {
        if (lexeme.text !== '(') break;
        const pipeline = this.pipeline();
        if (this.lexemes[this.at++]?.text !== ')')
          throw new TemplateSyntaxError('missing `)`', this.offset);
        return { kind: 'pipeline', pipeline, path: this.fieldPath() };
      }
    }
    throw new TemplateSyntaxError(`unexpected \`${lexeme.text}\``, this.offset);
  }
}

function parsePipeline(text: string, offset: number): Pipeline {
  const parser = new PipelineParser(lexAction(text, offset), offset);
  const pipeline = parser.pipeline();
  if (!parser.done()) throw new TemplateSyntaxError(`cannot read \`${text}\``, offset);
  return pipeline;
}

/**
 * The name of a `define`, `block` or `template` action and the pipeline text after it. Go
 * writes the name as a string literal, which may hold blanks (`"my chart.labels"`): it is read
 * as a literal, as `include` reads its argument, not cut at the first blank. A name without
 * quotes (not Go) is the first word, as before.
 */
function templateName(rest: string): { name: string; after: string } {
  const quoted = /^(?:"(?:\\.|[^"\\])*"|`[^`]*`)/.exec(rest)?.[0];
  if (quoted) {
    const name = quoted.startsWith('`') ? quoted.slice(1, -1) : (JSON.parse(quoted) as string);
    return { name, after: rest.slice(quoted.length).trim() };
  }
  const [word = '', ...words] = rest.split(/\s+/);
  return { name: word.replace(/^["`]|["`]$/g, ''), after: words.join(' ') };
}

interface OpenBlock {
  keyword: 'if' | 'range' | 'with' | 'define';
  name?: string;
  node?: TemplateNode;
  /** Where the next nodes go. */
  target: TemplateNode[];
  start: number;
}

/** Parses template text into nodes; throws TemplateSyntaxError with the offset of the fault. */
export function parseTemplate(source: string): ParsedTemplate {
  const root: TemplateNode[] = [];
  const defines = new Map<string, TemplateNode[]>();
  const stack: OpenBlock[] = [];
  const target = () => stack.at(-1)?.target ?? root;
  for (const token of lexTemplate(source)) {
    if (token.kind === 'text') {
      target().push({ kind: 'text', text: token.text, start: token.start });
      continue;
    }
    const body = token.body;
    if (body.startsWith('/*')) continue;
    const [keyword = '', ...restWords] = body.split(/\s+/);
    const rest = body.slice(keyword.length).trim();
    switch (keyword) {
      case 'if':
      case 'range':
      case 'with': {
        const pipeline = parsePipeline(rest, token.start);
        const node: TemplateNode =
          keyword === 'if'
            ? { kind: 'if', branches: [{ condition: pipeline, body: [] }], otherwise: [] }
            : { kind: keyword, pipeline, body: [], otherwise: [] };
        target().push(node);
        const first =
          node.kind === 'if'
            ? node.branches[0]?.body
            : node.kind === 'range' || node.kind === 'with'
              ? node.body
              : [];
        stack.push({ keyword, node, target: first ?? [], start: token.start });
        break;
      }
      case 'else': {
        const open = stack.at(-1);
        if (!open?.node) throw new TemplateSyntaxError('`else` outside a block', token.start);
        const node = open.node;
        if (restWords[0] === 'if' && node.kind === 'if') {
          const branch = { condition: parsePipeline(rest.slice(2).trim(), token.start), body: [] };
          node.branches.push(branch);
          open.target = branch.body;
        } else if (node.kind === 'if' || node.kind === 'range' || node.kind === 'with') {
          open.target = node.otherwise;
        }
        break;
      }
      case 'end': {
        const open = stack.pop();
        if (!open) throw new TemplateSyntaxError('`end` without a block', token.start);
        if (open.keyword === 'define' && open.name !== undefined)
          defines.set(open.name, open.target);
        break;
      }
      case 'define':
      case 'block': {
        const { name, after } = templateName(rest);
        const nodes: TemplateNode[] = [];
        if (keyword === 'block') {
          const pipeline = after ? parsePipeline(after, token.start) : undefined;
          target().push({ kind: 'template', name, ...(pipeline ? { pipeline } : {}) });
        }
        stack.push({ keyword: 'define', name, target: nodes, start: token.start });
        break;
      }
      case 'template': {
        const { name, after } = templateName(rest);
        const pipeline = after ? parsePipeline(after, token.start) : undefined;
        target().push({ kind: 'template', name, ...(pipeline ? { pipeline } : {}) });
        break;
      }
      case 'break':
      case 'continue':
        // Loops are expanded over every element: stopping early would hide pins.
        break;
      default:
        target().push({
          kind: 'output',
          pipeline: parsePipeline(body, token.start),
          start: token.start,
        });
    }
  }
  const unclosed = stack.at(-1);
  if (unclosed) {
    throw new TemplateSyntaxError(
      `\`${unclosed.keyword}\` is never closed with \`end\``,
      unclosed.start,
    );
  }
  return { nodes: root, defines };
}
