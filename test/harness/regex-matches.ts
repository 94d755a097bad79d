import RE2 from 're2';
import type { RegexManager } from '../../src/managers/custom-manager.ts';
import { customDependencyRules, templateRenderer } from '../../src/renovate/renovate-internals.ts';

const render = await templateRenderer();
const { validMatchFields } = await customDependencyRules();

/** The named groups of every match, as Renovate's regex manager sees them (RE2, `g` flag only). */
export function matchGroups(pattern: string, content: string): Record<string, string>[] {
  return matchesOf(pattern, content).map((match) => groupsOf(match));
}

function matchesOf(pattern: string, content: string): RegExpMatchArray[] {
  const regex = new RE2(pattern, 'g');
  return [...content.matchAll(regex as unknown as RegExp)];
}

function groupsOf(match: RegExpMatchArray): Record<string, string> {
  return Object.fromEntries(
    Object.entries(match.groups ?? {}).filter(
      (entry): entry is [string, string] => entry[1] !== undefined,
    ),
  );
}

/**
 * `recursive` strategy as Renovate runs it: each pattern searches what the previous one
 * matched, and the groups of all levels are merged.
 */
function recursiveMatches(
  patterns: readonly string[],
  content: string,
  groups: Record<string, string> = {},
): Record<string, string>[] {
  const [pattern, ...rest] = patterns;
  if (pattern === undefined) return [groups];
  return matchesOf(pattern, content).flatMap((match) =>
    recursiveMatches(rest, match[0], { ...groups, ...groupsOf(match) }),
  );
}

/**
 * The groups Renovate reads: its match fields and those a template of the manager names. A
 * group only the merged default's templates use to tell patterns apart is left out.
 */
function readGroups(manager: RegexManager, groups: Record<string, string>): Record<string, string> {
  const templates = Object.entries(manager)
    .filter(([key]) => key.endsWith('Template'))
    .map(([, value]) => String(value))
    .join(' ');
  return Object.fromEntries(
    Object.entries(groups).filter(
      ([name]) => validMatchFields.includes(name) || new RegExp(`\\b${name}\\b`).test(templates),
    ),
  );
}

/** The datasource Renovate gives a match: its template, rendered by Renovate, or its group. */
function datasourceOf(manager: RegexManager, groups: Record<string, string>): string | undefined {
  return manager.datasourceTemplate
    ? render(manager.datasourceTemplate, groups)
    : groups.datasource;
}

/**
 * All matches of all of a manager's match strings, in pattern order (`any` strategy) or by
 * recursion (`recursive`). Matches Renovate would drop (no name, or neither value nor digest)
 * are left out, as Renovate leaves them out; so are those whose datasource template renders
 * empty (how a manager drops what it flags).
 */
export function managerMatches(manager: RegexManager, content: string): Record<string, string>[] {
  const all =
    manager.matchStringsStrategy === 'recursive'
      ? recursiveMatches(manager.matchStrings, content)
      : manager.matchStrings.flatMap((pattern) => matchGroups(pattern, content));
  return all
    .filter((groups) => datasourceOf(manager, groups) !== '')
    .map((groups) => readGroups(manager, groups))
    .filter(
      (groups) =>
        (groups.depName !== undefined || manager.depNameTemplate !== undefined) &&
        (groups.currentValue !== undefined || groups.currentDigest !== undefined),
    );
}
