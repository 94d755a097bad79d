import RE2 from 're2';
import type { RegexManager } from '../../src/managers/custom-manager.ts';

/** The named groups of every match, as Renovate's regex manager sees them (RE2, `g` flag only). */
export function matchGroups(pattern: string, content: string): Record<string, string>[] {
  const regex = new RE2(pattern, 'g');
  const found: Record<string, string>[] = [];
  for (const match of content.matchAll(regex as unknown as RegExp)) {
    const groups = Object.fromEntries(
      Object.entries(match.groups ?? {}).filter(
        (entry): entry is [string, string] => entry[1] !== undefined,
      ),
    );
    found.push(groups);
  }
  return found;
}

/** All matches of all of a manager's match strings, in pattern order. */
export function managerMatches(manager: RegexManager, content: string): Record<string, string>[] {
  return manager.matchStrings.flatMap((pattern) => matchGroups(pattern, content));
}
