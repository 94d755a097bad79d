import { literal } from './compose.ts';

/**
 * A path segment that is not `name`: shorter, longer, or different at some position. RE2 has
 * no negative lookahead, and Renovate's file patterns cannot subtract one glob from another,
 * so "anything but" is spelled out.
 */
export function segmentOtherThan(name: string): string {
  const n = name.length;
  const alternatives = [`[^/]{0,${n - 1}}`, `[^/]{${n + 1},}`];
  for (let i = 0; i < n; i++) {
    alternatives.push(
      `${literal(name.slice(0, i))}[^/${literal(name[i] ?? '')}][^/]{${n - 1 - i}}`,
    );
  }
  return `(?:${alternatives.join('|')})`;
}

/** A file name stem that does not start with `prefix` (any length, no `/`). */
export function stemNotStartingWith(prefix: string): string {
  const n = prefix.length;
  const alternatives = [`[^/]{0,${n - 1}}`];
  for (let i = 0; i < n; i++) {
    alternatives.push(`${literal(prefix.slice(0, i))}[^/${literal(prefix[i] ?? '')}][^/]*`);
  }
  return `(?:${alternatives.join('|')})`;
}
