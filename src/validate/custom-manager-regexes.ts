import type { Problem } from './problem.ts';
import { re2 } from './re2.ts';

interface CustomManagerLike {
  customType?: string;
  matchStrings?: string[];
  matchStringsStrategy?: string;
  [template: string]: unknown;
}

/**
 * Renovate needs each of these from a named group or a `<field>Template`; a digest-only pin
 * (`image@sha256:...`) has a `currentDigest` instead of a `currentValue`.
 */
const requiredFields = [['depName'], ['currentValue', 'currentDigest'], ['datasource']] as const;

/**
 * The groups a pattern's required fields come from: its own (`any`, the default), the union
 * of all patterns (`combination`), or only the last pattern (`recursive`, where the earlier
 * ones just narrow the text); undefined when this pattern need not provide them.
 */
function groupsThatMustProvideFields(
  manager: CustomManagerLike,
  index: number,
): Set<string> | undefined {
  const patterns = manager.matchStrings ?? [];
  switch (manager.matchStringsStrategy) {
    case 'combination':
      return index === 0
        ? new Set(patterns.flatMap((pattern) => [...namedGroups(pattern)]))
        : undefined;
    case 'recursive':
      return index === patterns.length - 1 ? namedGroups(patterns[index] ?? '') : undefined;
    default:
      return namedGroups(patterns[index] ?? '');
  }
}

/** The named groups of a pattern (`(?<name>...)`), where Renovate reads fields from. */
export function namedGroups(pattern: string): Set<string> {
  return new Set(
    [...pattern.matchAll(/\(\?<([A-Za-z][A-Za-z0-9]*)>/g)].map((match) => match[1] ?? ''),
  );
}

/**
 * Every regex custom manager: each match string compiles under RE2 (as in Renovate's own
 * images; JS RegExp would accept lookarounds RE2 rejects) and yields every field Renovate
 * requires, from a named group or a template.
 */
export function validateCustomManagerRegexes(
  file: string,
  customManagers: readonly CustomManagerLike[],
): Problem[] {
  const problems: Problem[] = [];
  customManagers.forEach((manager, managerIndex) => {
    if (manager.customType !== 'regex') return;
    // Outside the try below: re2 failing to load is not the pattern's fault.
    const RE2 = re2();
    (manager.matchStrings ?? []).forEach((pattern, patternIndex) => {
      const field = `/customManagers/${managerIndex}/matchStrings/${patternIndex}`;
      try {
        new RE2(pattern, 'g');
      } catch (err) {
        problems.push({
          file,
          field,
          message: `does not compile under RE2: ${(err as Error).message}`,
        });
        return;
      }
      const groups = groupsThatMustProvideFields(manager, patternIndex);
      if (!groups) return;
      for (const alternatives of requiredFields) {
        const provided = alternatives.some(
          (name) => groups.has(name) || typeof manager[`${name}Template`] === 'string',
        );
        if (!provided) {
          const [name] = alternatives;
          problems.push({
            file,
            field,
            message: `has no (?<${name}>...) group and the manager no ${name}Template`,
          });
        }
      }
    });
  });
  return problems;
}
