import type { BranchDecision } from '../../src/renovate/log-records.ts';
import { pinnedVersion, proposedVersion } from '../../src/renovate/report.ts';
import type { Decision } from './expectations.ts';

export interface UpgradeDecision {
  file: string;
  manager: string;
  depName: string;
  currentValue: string;
  newValue: string;
  updateType: string;
  decision: Decision;
  branchName: string;
}

/** What the policy decided for a branch: merge by itself, wait for approval, or wait for review. */
export function decisionOf(branch: BranchDecision): Decision {
  if (branch.dependencyDashboardApproval) {
    return branch.automerge ? 'approval-then-automerge' : 'approval';
  }
  if (!branch.automerge) return 'review';
  return branch.automergeType === 'pr' ? 'automerge' : 'automerge-without-merge-request';
}

/** Whether a decision ends in a merge no human makes (after an approval, if one is needed). */
export function mergesByItself(decision: Decision): boolean {
  return decision !== 'approval' && decision !== 'review';
}

/** One row per upgrade, so that a pin's update can be looked up whatever branch it landed in. */
export function upgradeDecisions(branches: readonly BranchDecision[]): UpgradeDecision[] {
  return branches.flatMap((branch) =>
    branch.upgrades.map((upgrade) => ({
      file: upgrade.packageFile ?? '',
      manager: upgrade.manager ?? '',
      depName: upgrade.depName ?? '',
      // A pin by digest alone is known by its digest, and so is its update.
      currentValue: pinnedVersion(upgrade) ?? '',
      newValue: proposedVersion(upgrade) ?? '',
      updateType: upgrade.updateType ?? '',
      decision: decisionOf(branch),
      branchName: branch.branchName,
    })),
  );
}

const updateTypeOrder = ['pin', 'digest', 'patch', 'minor', 'major'];

/** Stable order for comparing update lists: by update type, then new value. */
export function byUpdateType<T extends { updateType?: string; newValue?: string }>(
  a: T,
  b: T,
): number {
  return (
    updateTypeOrder.indexOf(a.updateType ?? '') - updateTypeOrder.indexOf(b.updateType ?? '') ||
    (a.newValue ?? '').localeCompare(b.newValue ?? '')
  );
}
