import type { BranchDecision } from '../renovate/log-records.ts';
import { type FoundDep, proposedVersion } from '../renovate/report.ts';
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

/**
 * The branch that holds each update, looked up by file, dependency and new value: the first
 * branch (in Renovate's order) with such an upgrade, as a search of every branch per update
 * would find it, without that search (a group branch can hold thousands of upgrades).
 */
function branchIndex(
  branches: readonly BranchDecision[],
): (dep: FoundDep, newValue: string | undefined) => BranchDecision | undefined {
  const index = new Map<
    string | undefined,
    Map<string | undefined, Map<unknown, BranchDecision>>
  >();
  for (const branch of branches) {
    for (const upgrade of branch.upgrades) {
      let byName = index.get(upgrade.packageFile);
      if (!byName) {
        byName = new Map();
        index.set(upgrade.packageFile, byName);
      }
      let byValue = byName.get(upgrade.depName);
      if (!byValue) {
        byValue = new Map();
        byName.set(upgrade.depName, byValue);
      }
      if (!byValue.has(upgrade.newValue)) byValue.set(upgrade.newValue, branch);
    }
  }
  return (dep, newValue) => index.get(dep.packageFile)?.get(dep.depName)?.get(newValue);
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
  // Renovate keeps `automerge` on an approved branch: once ticked, its merge request merges
  // itself. None of our presets combine the two; a user's own rule may, and should see it.
  if (branch.dependencyDashboardApproval) {
    return branch.automerge ? 'needs approval, then automerge' : 'needs approval';
  }
  return branch.automerge ? 'automerge' : 'review';
}

/**
 * Rows by file (String#localeCompare) and line. Each distinct file is compared once, and the
 * rows by its rank: 200,000 rows make 3.5 million comparisons, too many to collate each.
 * Names the collation calls equal (`ü` composed and decomposed) share a rank, as they did.
 */
function inFileOrder(rows: readonly ScanRow[]): ScanRow[] {
  const files = [...new Set(rows.map((row) => row.file))].sort((a, b) => a.localeCompare(b));
  const rank = new Map<string, number>();
  files.forEach((file, index) => {
    const previous = files[index - 1];
    const same = previous !== undefined && previous.localeCompare(file) === 0;
    rank.set(file, same ? (rank.get(previous) ?? index) : index);
  });
  return rows
    .map((row) => ({ row, rank: rank.get(row.file) ?? 0, line: row.line ?? 0 }))
    .sort((a, b) => a.rank - b.rank || a.line - b.line)
    .map(({ row }) => row);
}

/** One row per pin and proposed update, in file order. */
export function scanRows(input: ScanInput): ScanRow[] {
  const branchFor = branchIndex(input.branches);
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
      const branch = branchFor(dep, update.newValue);
      rows.push({
        ...base,
        proposed: proposedVersion(update),
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
  return inFileOrder(rows);
}
