import type { LogRecord } from '../../src/renovate/log-records.ts';
import { type RenovateRunResult, runRenovate } from '../../src/renovate/run-renovate.ts';
import { tempGitRepo } from '../../src/renovate/temp-git-repo.ts';
import type { OfflineWorld } from '../../src/world/offline-world.ts';

/**
 * One upgrade as Renovate hands it to its branch worker: the dependency as extracted
 * (`depIndex`, `replaceString`, ...), the update chosen by the lookup, and the whole config
 * that applies to it, custom manager fields (`matchStrings`, ...) included.
 */
export interface RawUpgrade {
  manager: string;
  packageFile: string;
  depName?: string;
  depIndex?: number;
  currentValue?: string;
  newValue?: string;
  currentDigest?: string;
  newDigest?: string;
  updateType?: string;
  replaceString?: string;
  customType?: string;
  matchStrings?: string[];
  [option: string]: unknown;
}

export interface RawBranch {
  branchName: string;
  upgrades: RawUpgrade[];
}

export interface BranchLookup extends RenovateRunResult {
  /** The branches exactly as Renovate logged them, before its dry run stops short of writing. */
  branches: RawBranch[];
  unanswered: string[];
}

/**
 * A lookup dry run of a fixture that keeps Renovate's full branch configs. The log summary
 * of `runRenovate` keeps only the policy fields; applying an update the way Renovate writes
 * it needs everything Renovate's own writer reads.
 */
export async function lookupBranches(
  world: OfflineWorld,
  fixtureDir: string,
  globalConfig: Record<string, unknown> = {},
): Promise<BranchLookup> {
  const repo = await tempGitRepo(fixtureDir, ['expected.json']);
  const before = world.unanswered.length;
  let branches: RawBranch[] = [];
  try {
    const result = await runRenovate({
      repoDir: repo.dir,
      mode: 'lookup',
      env: world.env,
      globalConfig,
      onRecord: (record: LogRecord) => {
        if (record.msg === 'branches' && Array.isArray(record.branches)) {
          branches = record.branches as RawBranch[];
        }
      },
    });
    const unanswered = world.unanswered
      .slice(before)
      .map((request) => `${request.method} ${request.url}`);
    return { ...result, branches, unanswered };
  } finally {
    await repo.dispose();
  }
}
