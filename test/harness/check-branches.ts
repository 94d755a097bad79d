import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { PackageDependency } from 'renovate/dist/modules/manager/types.js';
import type { BranchLookup, RawUpgrade } from './branch-lookup.ts';
import {
  checkDependencies,
  checkTokens,
  checkYamlStructure,
  type ManagerRun,
  runKeyOf,
  type TokenEdit,
} from './byte-exact.ts';
import { projectRoot } from './paths.ts';
import { applyBranch, extractDeps, managerReads } from './renovate-writer.ts';

interface ServedCustomManager extends Record<string, unknown> {
  customType: string;
  managerFilePatterns: string[];
  matchStrings: string[];
}

interface PresetDocument {
  extends?: string[];
  customManagers?: ServedCustomManager[];
}

/**
 * The custom managers of the presets as the offline world serves them: `default.json` and
 * every `./presets/...` it extends, read from this working tree.
 */
async function servedCustomManagers(file = 'default.json'): Promise<ServedCustomManager[]> {
  const document = JSON.parse(
    await readFile(path.join(projectRoot, file), 'utf8'),
  ) as PresetDocument;
  const nested = await Promise.all(
    (document.extends ?? [])
      .filter((reference) => reference.startsWith('./'))
      .map((reference) => servedCustomManagers(`${reference.slice(2)}.json`)),
  );
  return [...(document.customManagers ?? []), ...nested.flat()];
}

interface Extracted {
  before: PackageDependency[];
  after: PackageDependency[];
}

/** One upgrade of one branch after Renovate wrote the branch, and what is wrong with it. */
export interface UpgradeCheck {
  branchName: string;
  upgrade: RawUpgrade;
  /** The tokens this upgrade changed, by line and column of the original file. */
  edits: TokenEdit[];
  /** Everything wrong with the file this upgrade was written into; empty when byte-exact. */
  violations: string[];
}

/**
 * The managers a written file is read again with: the built-in ones that reported a
 * dependency in it, every custom manager of the served presets that reads it, and the custom
 * managers the branch's upgrades came from (a repository's own, if it has any).
 */
function runsFor(
  packageFile: string,
  reportManagers: ReadonlySet<string>,
  customManagers: readonly ServedCustomManager[],
  upgrades: readonly RawUpgrade[],
): ManagerRun[] {
  const runs = new Map<string, ManagerRun>();
  for (const manager of reportManagers) {
    if (manager !== 'regex' && manager !== 'jsonata') {
      runs.set(manager, { key: manager, manager, config: {} });
    }
  }
  for (const custom of customManagers) {
    if (managerReads(packageFile, custom.managerFilePatterns)) {
      const key = `${custom.customType}:${JSON.stringify(custom.matchStrings)}`;
      runs.set(key, { key, manager: custom.customType, config: custom });
    }
  }
  for (const upgrade of upgrades.filter((each) => each.packageFile === packageFile)) {
    const key = runKeyOf(upgrade);
    if (!runs.has(key)) {
      runs.set(key, { key, manager: upgrade.manager, config: upgrade });
    }
  }
  return [...runs.values()];
}

/**
 * Everything that can be wrong with one file after a branch was written into it: its bytes,
 * its YAML, and what each manager in `runs` reads from it.
 */
export async function checkWrittenFile(
  packageFile: string,
  before: string,
  after: string,
  upgrades: readonly RawUpgrade[],
  runs: readonly ManagerRun[],
): Promise<{ edits: TokenEdit[]; violations: string[]; extracted: Map<string, Extracted> }> {
  const extracted = new Map<string, Extracted>();
  for (const run of runs) {
    extracted.set(run.key, {
      before: await extractDeps(run.manager, before, packageFile, run.config),
      after: await extractDeps(run.manager, after, packageFile, run.config),
    });
  }
  const tokens = checkTokens(packageFile, before, after, upgrades);
  return {
    edits: tokens.edits,
    extracted,
    violations: [
      ...tokens.violations,
      ...checkYamlStructure(packageFile, before, after, upgrades),
      ...checkDependencies(packageFile, runs, extracted, upgrades),
    ],
  };
}

/**
 * Writes every branch of a lookup into the fixture's files with Renovate's own writer and
 * checks each written file byte for byte, as YAML, and by what every manager reads from it.
 */
export async function checkBranches(
  lookup: BranchLookup,
  fixtureDir: string,
): Promise<UpgradeCheck[]> {
  const customManagers = await servedCustomManagers();
  const readOriginal = (file: string) => readFile(path.join(fixtureDir, file), 'utf8');
  const checks: UpgradeCheck[] = [];
  for (const branch of lookup.branches) {
    const applied = await applyBranch(branch, readOriginal);
    const violationsByFile = new Map<string, string[]>();
    const editsByFile = new Map<string, TokenEdit[]>();
    for (const [packageFile, { before, after }] of applied.files) {
      const found = lookup.deps.filter((dep) => dep.packageFile === packageFile);
      const managers = new Set(found.map((dep) => dep.manager));
      const runs = runsFor(packageFile, managers, customManagers, branch.upgrades);
      const file = await checkWrittenFile(packageFile, before, after, branch.upgrades, runs);
      // The re-extraction must see what Renovate reported, or the comparison proves nothing.
      const unseen = found
        .filter((dep) => dep.manager !== 'renovate-config')
        .filter(
          (dep) =>
            !runs.some(
              (run) =>
                run.manager === dep.manager &&
                file.extracted
                  .get(run.key)
                  ?.before.some(
                    (mine) =>
                      mine.depName === dep.depName &&
                      (mine.currentValue ?? '') === (dep.currentValue ?? ''),
                  ),
            ),
        )
        .map((dep) => `${packageFile}: re-extraction misses ${dep.manager} ${dep.depName}`);
      editsByFile.set(packageFile, file.edits);
      violationsByFile.set(packageFile, [...file.violations, ...unseen]);
    }
    branch.upgrades.forEach((upgrade, index) => {
      checks.push({
        branchName: branch.branchName,
        upgrade,
        edits: (editsByFile.get(upgrade.packageFile) ?? []).filter(
          (edit) => edit.substitution.upgrade === index,
        ),
        violations: [
          ...(applied.failure ? [`Renovate could not write the branch: ${applied.failure}`] : []),
          ...(violationsByFile.get(upgrade.packageFile) ?? []),
        ],
      });
    });
  }
  return checks;
}
