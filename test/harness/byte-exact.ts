import { isDeepStrictEqual } from 'node:util';
import type { PackageDependency } from 'renovate/dist/modules/manager/types.js';
import { parseAllDocuments } from 'yaml';
import type { RawUpgrade } from './branch-lookup.ts';

/** One token an upgrade must rewrite: its version, or the digest pinned next to it. */
export interface Substitution {
  /** Index of the upgrade in its branch. */
  upgrade: number;
  kind: 'version' | 'digest';
  from: string;
  to: string;
}

/** Where a substitution was found in the file: 1-based line and column of the old token. */
export interface TokenEdit {
  line: number;
  column: number;
  substitution: Substitution;
}

/** The tokens each upgrade of a branch must change in one file, and nothing else. */
export function substitutionsOf(
  upgrades: readonly RawUpgrade[],
  packageFile: string,
): Substitution[] {
  const substitutions: Substitution[] = [];
  upgrades.forEach((upgrade, index) => {
    if (upgrade.packageFile !== packageFile) {
      return;
    }
    const { currentValue, newValue, currentDigest, newDigest } = upgrade;
    if (currentValue && newValue && currentValue !== newValue) {
      substitutions.push({ upgrade: index, kind: 'version', from: currentValue, to: newValue });
    }
    if (currentDigest && newDigest && currentDigest !== newDigest) {
      substitutions.push({ upgrade: index, kind: 'digest', from: currentDigest, to: newDigest });
    }
  });
  return substitutions;
}

interface Line {
  body: string;
  ending: '' | '\n' | '\r\n';
}

function splitLines(content: string): Line[] {
  return content.split(/(?<=\n)/).map((raw) => {
    const ending = raw.endsWith('\r\n') ? '\r\n' : raw.endsWith('\n') ? '\n' : '';
    return { body: raw.slice(0, raw.length - ending.length), ending };
  });
}

function describeEnding(ending: string): string {
  return ending === '\r\n' ? 'CRLF' : ending === '\n' ? 'LF' : 'none';
}

/** A version or digest is a whole token: never the middle of a longer version or name. */
const tokenCharacter = /[A-Za-z0-9._+-]/;

function isWholeToken(text: string, start: number, length: number): boolean {
  const before = text[start - 1];
  const after = text[start + length];
  return !(before && tokenCharacter.test(before)) && !(after && tokenCharacter.test(after));
}

/**
 * Explains `after` as `before` with some of the substitutions applied, each at a whole
 * token: returns the substitutions used, with their columns, or undefined when no
 * combination does (something else changed).
 */
function explainLine(
  before: string,
  after: string,
  available: readonly Substitution[],
  from = 0,
  shift = 0,
): { column: number; substitution: Substitution }[] | undefined {
  let differs = from;
  while (
    differs < before.length &&
    differs + shift < after.length &&
    before[differs] === after[differs + shift]
  ) {
    differs += 1;
  }
  if (differs === before.length && differs + shift === after.length) {
    return [];
  }
  for (const substitution of available) {
    const { from: old, to: replacement } = substitution;
    for (let start = Math.max(from, differs - old.length + 1); start <= differs; start += 1) {
      if (
        before.startsWith(old, start) &&
        after.startsWith(replacement, start + shift) &&
        isWholeToken(before, start, old.length)
      ) {
        const rest = explainLine(
          before,
          after,
          available.filter((other) => other !== substitution),
          start + old.length,
          shift + replacement.length - old.length,
        );
        if (rest) {
          return [{ column: start + 1, substitution }, ...rest];
        }
      }
    }
  }
  return undefined;
}

function label(substitution: Substitution, upgrades: readonly RawUpgrade[]): string {
  const upgrade = upgrades[substitution.upgrade];
  return `${upgrade?.depName} ${substitution.kind} ${substitution.from} -> ${substitution.to}`;
}

/**
 * Byte-level check of one written file: the same lines with the same line endings (and BOM),
 * every changed line explained by the branch's substitutions at whole tokens, and each
 * substitution used exactly once. Comments, key order and quotes are then untouched, because
 * every byte outside the replaced tokens is.
 */
export function checkTokens(
  packageFile: string,
  before: string,
  after: string,
  upgrades: readonly RawUpgrade[],
): { edits: TokenEdit[]; violations: string[] } {
  const violations: string[] = [];
  const edits: TokenEdit[] = [];
  const substitutions = substitutionsOf(upgrades, packageFile);
  if (before.startsWith('\uFEFF') !== after.startsWith('\uFEFF')) {
    violations.push(`${packageFile}: the byte order mark was added or removed`);
  }
  const oldLines = splitLines(before);
  const newLines = splitLines(after);
  if (oldLines.length !== newLines.length) {
    violations.push(
      `${packageFile}: ${oldLines.length} lines became ${newLines.length}: lines were added, removed or joined`,
    );
    return { edits, violations };
  }
  let remaining = [...substitutions];
  oldLines.forEach((oldLine, index) => {
    const newLine = newLines[index] as Line;
    const where = `${packageFile}:${index + 1}`;
    if (oldLine.ending !== newLine.ending) {
      violations.push(
        `${where}: line ending changed from ${describeEnding(oldLine.ending)} to ${describeEnding(newLine.ending)}`,
      );
    }
    if (oldLine.body === newLine.body) {
      return;
    }
    const explained = explainLine(oldLine.body, newLine.body, remaining);
    if (!explained) {
      violations.push(
        `${where}: changed beyond the version tokens: ${JSON.stringify(oldLine.body)} became ${JSON.stringify(newLine.body)}`,
      );
      return;
    }
    for (const { column, substitution } of explained) {
      edits.push({ line: index + 1, column, substitution });
      remaining = remaining.filter((other) => other !== substitution);
    }
  });
  for (const substitution of remaining) {
    violations.push(`${packageFile}: not written: ${label(substitution, upgrades)}`);
  }
  return { edits, violations };
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A scalar that differs: where, what it was, what it is. */
type Difference = [at: string, was: string, is: string];

function leafDifferences(before: Json, after: Json, at: string, found: Difference[]): void {
  if (
    typeof before !== 'object' ||
    before === null ||
    typeof after !== 'object' ||
    after === null
  ) {
    if (before !== after) {
      found.push([at, String(before), String(after)]);
    }
    return;
  }
  if (Array.isArray(before) !== Array.isArray(after)) {
    found.push([at, 'a list', 'a map']);
    return;
  }
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const key of keys) {
    const left = (before as Record<string, Json>)[key];
    const right = (after as Record<string, Json>)[key];
    if (left === undefined || right === undefined) {
      found.push([`${at}.${key}`, String(left), String(right)]);
    } else {
      leafDifferences(left, right, `${at}.${key}`, found);
    }
  }
}

/**
 * Parses both versions as YAML documents: the same number of documents, the same parse
 * errors (a Helm template that did not parse before still fails the same way), and in the
 * documents that parse, the same tree except scalars that differ by the substitutions.
 */
export function checkYamlStructure(
  packageFile: string,
  before: string,
  after: string,
  upgrades: readonly RawUpgrade[],
): string[] {
  if (!/\.ya?ml$/.test(packageFile)) {
    return [];
  }
  const substitutions = substitutionsOf(upgrades, packageFile);
  // Helm templates parse with `{{ }}` as flow-map keys; the warnings about them are noise here.
  const oldDocuments = parseAllDocuments(before, { logLevel: 'error' });
  const newDocuments = parseAllDocuments(after, { logLevel: 'error' });
  if (!Array.isArray(oldDocuments) || !Array.isArray(newDocuments)) {
    return [];
  }
  if (oldDocuments.length !== newDocuments.length) {
    return [`${packageFile}: ${oldDocuments.length} YAML documents became ${newDocuments.length}`];
  }
  const violations: string[] = [];
  oldDocuments.forEach((oldDocument, index) => {
    const newDocument = newDocuments[index];
    const oldErrors = oldDocument.errors.map((error) => error.code);
    const newErrors = newDocument?.errors.map((error) => error.code) ?? [];
    if (!isDeepStrictEqual(oldErrors, newErrors)) {
      violations.push(
        `${packageFile}: document ${index + 1} parsed with [${oldErrors}] before and [${newErrors}] after`,
      );
      return;
    }
    if (oldErrors.length > 0 || !newDocument) {
      return;
    }
    const found: Difference[] = [];
    leafDifferences(oldDocument.toJS() as Json, newDocument.toJS() as Json, '', found);
    for (const [at, was, is] of found) {
      const applicable = substitutions.filter(({ from }) => was.includes(from));
      const allApplied = applicable.reduce((text, { from, to }) => text.replace(from, to), was);
      const explained =
        allApplied === is || applicable.some(({ from, to }) => was.replace(from, to) === is);
      if (!explained) {
        violations.push(
          `${packageFile}: document ${index + 1} ${at || '(root)'} changed from ${was} to ${is}`,
        );
      }
    }
  });
  return violations;
}

/** What a manager reports of one dependency, minus what legitimately carries the version. */
function depShape(dep: PackageDependency): Record<string, unknown> {
  return {
    depName: dep.depName,
    packageName: dep.packageName,
    datasource: dep.datasource,
    currentValue: dep.currentValue,
    currentDigest: dep.currentDigest,
    registryUrls: dep.registryUrls,
    skipReason: dep.skipReason,
  };
}

/** A manager as it runs over one file: built-in by name, custom ones with their own config. */
export interface ManagerRun {
  key: string;
  manager: string;
  config: Record<string, unknown>;
}

/** Which run found an upgrade's dependency: custom managers are told apart by their patterns. */
export function runKeyOf(upgrade: RawUpgrade): string {
  return upgrade.manager === 'regex' || upgrade.manager === 'jsonata'
    ? `${upgrade.manager}:${JSON.stringify(upgrade.matchStrings)}`
    : upgrade.manager;
}

/**
 * The dependencies every manager finds in the file before and after, compared one by one:
 * each upgraded dependency now has its new version (and digest), every other dependency of
 * every manager is exactly as it was. This is what "on the intended line" means: the token
 * that changed is the one the manager reads the pin from, not the same string elsewhere.
 */
export function checkDependencies(
  packageFile: string,
  runs: readonly ManagerRun[],
  extracted: ReadonlyMap<string, { before: PackageDependency[]; after: PackageDependency[] }>,
  upgrades: readonly RawUpgrade[],
): string[] {
  const violations: string[] = [];
  for (const run of runs) {
    const result = extracted.get(run.key);
    if (!result) {
      continue;
    }
    const { before, after } = result;
    const name = run.key === run.manager ? run.manager : `${run.manager} manager`;
    if (before.length !== after.length) {
      violations.push(
        `${packageFile}: ${name} finds ${after.length} dependencies after the update instead of ${before.length}`,
      );
      continue;
    }
    before.forEach((oldDep, depIndex) => {
      const targets = upgrades.filter(
        (upgrade) =>
          upgrade.packageFile === packageFile &&
          runKeyOf(upgrade) === run.key &&
          upgrade.depIndex === depIndex,
      );
      const expected = depShape(oldDep);
      for (const upgrade of targets) {
        expected.currentValue = upgrade.newValue ?? expected.currentValue;
        if (oldDep.currentDigest && upgrade.newDigest) {
          expected.currentDigest = upgrade.newDigest;
        }
      }
      const actual = depShape(after[depIndex] as PackageDependency);
      if (!isDeepStrictEqual(actual, expected)) {
        const what = targets.length > 0 ? 'the upgraded dependency' : 'another dependency';
        violations.push(
          `${packageFile}: ${name} reads ${what} #${depIndex} (${oldDep.depName} ${oldDep.currentValue}) as ${actual.depName} ${actual.currentValue}${actual.currentDigest ? `@${actual.currentDigest}` : ''}, expected ${expected.currentValue}${expected.currentDigest ? `@${expected.currentDigest}` : ''}`,
        );
      }
    });
  }
  return violations;
}
