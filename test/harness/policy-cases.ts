import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import type { BranchDecision } from '../../src/renovate/log-records.ts';
import type { FoundDep } from '../../src/renovate/report.ts';
import { tempGitRepo } from '../../src/renovate/temp-git-repo.ts';
import type { OfflineWorld } from '../../src/world/offline-world.ts';
import type { Responder } from '../../src/world/types.ts';
import { runCli } from './cli.ts';
import { decisionOf } from './decisions.ts';
import type { Decision } from './expectations.ts';
import { type FixtureRun, runInWorld } from './offline-renovate.ts';
import { projectRoot, worldDataDir } from './paths.ts';

export const policyCasesDir = path.join(projectRoot, 'fixtures/policy-cases');

/** A Helm release that the world serves as published `hoursAgo`, to be inside the soak. */
export interface FreshRelease {
  /** The repository index URL, as in fixtures/world/http/. */
  index: string;
  chart: string;
  version: string;
  hoursAgo: number;
}

/** One update as the policy decided it, reduced to what a policy is about. */
export interface PolicyUpdate {
  file: string;
  manager: string;
  depName: string;
  newValue: string;
  updateType: string;
  decision: Decision;
  branch: string;
  /** `labels` and `addLabels` together, sorted: what the MR gets. */
  labels: string[];
  /** Omitted when `at any time`. */
  schedule?: string[];
  automergeSchedule?: string[];
  /**
   * Only when false: Renovate merges itself, inside the schedule, instead of GitLab whenever a
   * pipeline passes (`platformAutomerge`), and leaves branches alone outside it
   * (`updateNotScheduled`). That is how the maintenance window keeps everything inside it.
   */
  platformAutomerge?: false;
  updateNotScheduled?: false;
  /** Omitted when none. */
  reviewers?: string[];
}

/** Versions an update skipped because they are still soaking (`minimumReleaseAge`). */
export interface PendingVersions {
  file: string;
  depName: string;
  newValue: string;
  pendingVersions: string[];
}

export interface PolicyCase {
  name: string;
  /** The folder with the case's own files (renovate.json, renovate-gitops.json5) and expected.json. */
  dir: string;
  /** The cluster repository the case's files are laid over, relative to fixtures/. */
  repo: string;
  why: string;
  /** Presets the run must have fetched from the gitlab> project (building blocks). */
  presets: string[];
  freshReleases: FreshRelease[];
  updates: PolicyUpdate[];
  pending: PendingVersions[];
}

export async function loadPolicyCases(): Promise<PolicyCase[]> {
  const names = (await readdir(policyCasesDir, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const dir = path.join(policyCasesDir, name);
      const raw = JSON.parse(
        await readFile(path.join(dir, 'expected.json'), 'utf8'),
      ) as Partial<PolicyCase> & { repo: string; why: string };
      return {
        name,
        dir,
        repo: raw.repo,
        why: raw.why,
        presets: raw.presets ?? [],
        freshReleases: raw.freshReleases ?? [],
        updates: raw.updates ?? [],
        pending: raw.pending ?? [],
      };
    }),
  );
}

/**
 * Serves a Helm index from the world data with some releases made recent, so that the soak
 * (`minimumReleaseAge`) has something to hold back: world data cannot carry timestamps
 * relative to the day the tests run.
 */
export function freshReleaseResponder(releases: readonly FreshRelease[]): Responder {
  return async (request) => {
    const fresh = releases.filter((release) => release.index === request.url.href);
    if (request.method !== 'GET' || fresh.length === 0) return undefined;
    const file = path.join(worldDataDir, 'http', request.url.hostname, request.url.pathname);
    const index = parse(await readFile(file, 'utf8')) as {
      entries: Record<string, { version: string; created: string }[]>;
    };
    for (const release of fresh) {
      for (const entry of index.entries[release.chart] ?? []) {
        if (entry.version === release.version) {
          entry.created = new Date(Date.now() - release.hoursAgo * 3_600_000).toISOString();
        }
      }
    }
    return {
      status: 200,
      headers: { 'content-type': 'application/x-yaml' },
      body: stringify(index),
    };
  };
}

/**
 * Lays the case's files over a copy of its repository, applies its policy file with the real
 * `renovate-gitops policy` (strict: a typo in a fixture fails the test), and runs Renovate's
 * lookup on the result inside the world.
 */
export async function runPolicyCase(
  world: OfflineWorld,
  policyCase: PolicyCase,
): Promise<FixtureRun> {
  const staging = await mkdtemp(path.join(tmpdir(), 'policy-case-'));
  try {
    await cp(path.join(projectRoot, 'fixtures', policyCase.repo), staging, {
      recursive: true,
      filter: (file) => path.basename(file) !== 'expected.json',
    });
    await cp(policyCase.dir, staging, {
      recursive: true,
      filter: (file) => path.basename(file) !== 'expected.json',
    });
    const repo = await tempGitRepo(staging);
    try {
      const hasPolicy = await readFile(path.join(repo.dir, 'renovate-gitops.json5')).then(
        () => true,
        () => false,
      );
      if (hasPolicy) {
        const policy = await runCli(['policy', '--strict', repo.dir]);
        if (policy.code !== 0) {
          throw new Error(`renovate-gitops policy failed on ${policyCase.name}:\n${policy.stderr}`);
        }
      }
      return await runInWorld(world, repo.dir, 'lookup');
    } finally {
      await repo.dispose();
    }
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

const anyTime = JSON.stringify(['at any time']);

function byUpdate(a: { file: string; depName: string; newValue: string }, b: typeof a): number {
  return (
    a.file.localeCompare(b.file) ||
    a.depName.localeCompare(b.depName) ||
    a.newValue.localeCompare(b.newValue, undefined, { numeric: true })
  );
}

/** Every upgrade of every branch, as the policy decided it, in a stable order. */
export function policyUpdates(branches: readonly BranchDecision[]): PolicyUpdate[] {
  return branches
    .flatMap((branch) =>
      branch.upgrades.map((upgrade): PolicyUpdate => {
        const labels = [...new Set([...(branch.labels ?? []), ...(branch.addLabels ?? [])])].sort();
        return {
          file: upgrade.packageFile ?? '',
          manager: upgrade.manager ?? '',
          depName: upgrade.depName ?? '',
          newValue: upgrade.newValue ?? '',
          updateType: upgrade.updateType ?? '',
          decision: decisionOf(branch),
          branch: branch.branchName,
          labels,
          ...(JSON.stringify(branch.schedule ?? ['at any time']) === anyTime
            ? {}
            : { schedule: branch.schedule }),
          ...(JSON.stringify(branch.automergeSchedule ?? ['at any time']) === anyTime
            ? {}
            : { automergeSchedule: branch.automergeSchedule }),
          ...(branch.platformAutomerge === false ? { platformAutomerge: false } : {}),
          ...(branch.updateNotScheduled === false ? { updateNotScheduled: false } : {}),
          ...(branch.reviewers?.length ? { reviewers: branch.reviewers } : {}),
        };
      }),
    )
    .sort((a, b) => byUpdate(a, b) || a.manager.localeCompare(b.manager));
}

/** Every update that passed over soaking versions, with those versions. */
export function pendingVersions(deps: readonly FoundDep[]): PendingVersions[] {
  return deps
    .flatMap((dep) =>
      (dep.updates ?? [])
        .filter((update) => update.pendingVersions?.length)
        .map((update) => ({
          file: dep.packageFile,
          depName: dep.depName ?? '',
          newValue: update.newValue ?? '',
          pendingVersions: update.pendingVersions ?? [],
        })),
    )
    .sort(byUpdate);
}
