import type { BranchDecision } from '../renovate/log-records.ts';
import type { FoundDep } from '../renovate/report.ts';
import { daysLeft } from './release-age.ts';

export interface ScanRow {
  file: string;
  line?: number;
  manager: string;
  dependency: string;
  datasource: string;
  current: string;
  proposed?: string;
  updateType?: string;
  decision: string;
}

export interface ScanInput {
  deps: readonly FoundDep[];
  branches: readonly BranchDecision[];
  lookup: boolean;
  lineOf: (dep: FoundDep) => number | undefined;
  now: Date;
}

function branchFor(
  branches: readonly BranchDecision[],
  dep: FoundDep,
  newValue: string | undefined,
) {
  return branches.find((branch) =>
    branch.upgrades.some(
      (upgrade) =>
        upgrade.packageFile === dep.packageFile &&
        upgrade.depName === dep.depName &&
        upgrade.newValue === newValue,
    ),
  );
}

/** What happens to one update: it merges by itself, waits for a human, or waits for its soak. */
export function decide(
  branch: BranchDecision | undefined,
  pending: boolean,
  releaseTimestamp: string | undefined,
  now: Date,
): string {
  if (!branch) {
    return 'no branch';
  }
  if (pending) {
    const left = daysLeft(releaseTimestamp, branch.minimumReleaseAge, now);
    return left === undefined
      ? 'waiting (release age)'
      : `waiting ${left} day${left === 1 ? '' : 's'}`;
  }
  if (branch.dependencyDashboardApproval) {
    return 'needs approval';
  }
  return branch.automerge ? 'automerge' : 'review';
}

/** One row per pin and proposed update, in file order. */
export function scanRows(input: ScanInput): ScanRow[] {
  const rows: ScanRow[] = [];
  for (const dep of input.deps) {
    const base = {
      file: dep.packageFile,
      line: input.lineOf(dep),
      manager: dep.manager,
      dependency: dep.depName ?? dep.packageName ?? '?',
      datasource: dep.datasource ?? '',
      current: dep.currentValue ?? '',
    };
    if (dep.skipReason) {
      rows.push({ ...base, decision: `skipped: ${dep.skipReason}` });
      continue;
    }
    if (!input.lookup) {
      rows.push({ ...base, decision: 'found' });
      continue;
    }
    const updates = dep.updates ?? [];
    if (updates.length === 0) {
      rows.push({ ...base, decision: 'up to date' });
    }
    const soaking = new Set<string>();
    for (const update of updates) {
      const branch = branchFor(input.branches, dep, update.newValue);
      rows.push({
        ...base,
        proposed: update.newValue ?? update.newDigest,
        updateType: update.updateType,
        decision: decide(branch, update.pendingChecks === true, update.releaseTimestamp, input.now),
      });
      for (const version of update.pendingVersions ?? []) soaking.add(version);
    }
    // With `internalChecksFilter: strict` Renovate proposes the newest version old enough and
    // lists the younger ones as pending: they are what the soak holds back.
    for (const version of soaking) {
      rows.push({ ...base, proposed: version, decision: 'waiting (release age)' });
    }
  }
  return rows.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
}
