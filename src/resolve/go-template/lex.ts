/**
 * Splits Go-template text (Helm chart templates, ApplicationSet templates) into literal text
 * and `{{ }}` actions. Helm templates are text with actions, not YAML: they are read as such,
 * never blanked and parsed.
 */

export interface TextToken {
  kind: 'text';
  text: string;
  /** Offset of the text in the source. */
  start: number;
}

export interface ActionToken {
  kind: 'action';
  /** The action's body without delimiters and trim markers. */
  body: string;
  start: number;
  end: number;
}

export type TemplateToken = TextToken | ActionToken;

export class TemplateSyntaxError extends Error {
  readonly offset: number;

  constructor(message: string, offset: number) {
    super(message);
    this.offset = offset;
  }
}

/** The offset just past the `}}` closing the action whose body starts at `from`. */
function endOfAction(source: string, from: number): number {
  let at = from;
  while (at < source.length) {
    const char = source[at];
    // Strings may hold `}}`: `{{ "{{ .name }}" }}` and raw strings are how Helm templates emit
    // ApplicationSet placeholders.
    if (char === '"' || char === '`' || char === "'") {
      const close =
        char === '"' ? /(?:\\.|[^"\\])*"/y : char === '`' ? /[^`]*`/y : /(?:\\.|[^'\\])*'/y;
      close.lastIndex = at + 1;
      if (!close.exec(source)) throw new TemplateSyntaxError('unterminated string', at);
      at = close.lastIndex;
      continue;
    }
    if (char === '}' && source[at + 1] === '}') return at + 2;
    at++;
  }
  throw new TemplateSyntaxError('unclosed action: `{{` without `}}`', from - 2);
}

/** Tokenizes a template; trim markers (`{{-`, `-}}`) remove the adjacent whitespace as Go does. */
export function lexTemplate(source: string): TemplateToken[] {
  const tokens: TemplateToken[] = [];
  let cursor = 0;
  let trimNext = false;
  while (cursor <= source.length) {
    const open = source.indexOf('{{', cursor);
    let text = source.slice(cursor, open < 0 ? source.length : open);
    let textStart = cursor;
    if (trimNext) {
      const trimmed = text.replace(/^\s+/, '');
      textStart += text.length - trimmed.length;
      text = trimmed;
    }
    if (open < 0) {
      if (text) tokens.push({ kind: 'text', text, start: textStart });
      break;
    }
    const trimBefore = /^\{\{-\s/.test(source.slice(open, open + 4));
    if (trimBefore) text = text.replace(/\s+$/, '');
    if (text) tokens.push({ kind: 'text', text, start: textStart });
    const bodyStart = open + (trimBefore ? 3 : 2);
    const end = endOfAction(source, bodyStart);
    let body = source.slice(bodyStart, end - 2);
    trimNext = /\s-$/.test(body);
    if (trimNext) body = body.slice(0, -1);
    tokens.push({ kind: 'action', body: body.trim(), start: open, end });
    cursor = end;
  }
  return tokens;
}
