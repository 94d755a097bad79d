import type { AnnotationEdit } from './plan-annotations.ts';

/**
 * Applies annotation edits to one file's text, every other byte kept: a new line is inserted
 * above the value with the value's indentation (a list item's dash counts as indentation) and
 * the line ending the file uses there; a stale annotation is replaced in place, a redundant
 * one removed.
 */
export function applyAnnotations(text: string, edits: readonly AnnotationEdit[]): string {
  const lines = text.split('\n');
  for (const edit of [...edits].sort((a, b) => b.line - a.line)) {
    const target = lines[edit.line - 1];
    if (target === undefined) throw new Error(`${edit.file}:${edit.line}: no such line`);
    const ending = target.endsWith('\r') ? '\r' : '';
    const indent = /^[ \t]*(?:-[ \t]+)?/.exec(target)?.[0].replace('-', ' ') ?? '';
    const line = `${indent}${edit.annotation}${ending}`;
    if (edit.kind === 'stale') lines[edit.line - 2] = line;
    else if (edit.kind === 'redundant') lines.splice(edit.line - 2, 1);
    else lines.splice(edit.line - 1, 0, line);
  }
  return lines.join('\n');
}
