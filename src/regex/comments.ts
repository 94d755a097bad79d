import { oneOf, sequence } from './compose.ts';
import { lineBreak } from './yaml.ts';

/**
 * `# renovate: ignore`, the comment Renovate itself honours in its pip, asdf and Jenkins
 * managers (`isSkipComment`) and users write above or beside any pin they hold back. None of
 * Renovate's YAML managers reads comments, so only our regex managers can honour it.
 */
export const ignoreDirective = '#[ \\t]*renovate:[ \\t]*ignore\\b';

/**
 * A line `# renovate: ignore` keeps out: the line below the comment, or the line that carries it.
 * As the first alternative of a manager's pattern it consumes that line and reports nothing.
 * It starts where the manager's own match would (at the line break before a line) or earlier,
 * so Renovate's left-to-right matching takes it first; it never takes the final line break.
 */
export const ignoredLine = oneOf(
  sequence('(?:^|\\n)[ \\t]*', ignoreDirective, '[^\\r\\n]*', lineBreak, '[^\\r\\n]*'),
  sequence('(?:^|\\n)[^\\r\\n]*', ignoreDirective, '[^\\r\\n]*'),
);

/** `pattern`, except on lines that `# renovate: ignore` keeps out. */
export function skippingIgnoredLines(pattern: string): string {
  return oneOf(ignoredLine, pattern);
}

/**
 * Comment text (after `#`) that is not `renovate: ignore`, to the end of the text. For patterns
 * that end at the end of their line: they can tell a comment apart only by reading all of it.
 * Blanks are taken before the text, never as its first character, so they cannot be shifted
 * to make `  renovate: ignore` look like text that starts with a blank.
 */
function textOtherThan(tokens: readonly string[]): string {
  const [token = '', ...rest] = tokens;
  const alternatives = [''];
  for (let i = 0; i < token.length; i++) {
    const excluded = `${i === 0 ? ' \\t' : ''}\\r\\n${token[i] === '-' ? '\\-' : (token[i] ?? '')}`;
    alternatives.push(`${token.slice(0, i)}(?:|[^${excluded}][^\\r\\n]*)`);
  }
  alternatives.push(
    rest.length > 0 ? `${token}[ \\t]*${textOtherThan(rest)}` : `${token}[A-Za-z0-9_][^\\r\\n]*`,
  );
  return oneOf(...alternatives);
}

/** A comment that is not `# renovate: ignore`: what may end a line a manager reads. */
export const commentOtherThanIgnore = sequence('#[ \\t]*', textOtherThan(['renovate:', 'ignore']));
