import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { get as getVersioning } from 'renovate/dist/modules/versioning/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatedFiles } from '../src/build/write-presets.ts';
import { allPresets } from '../src/presets/index.ts';
import { policy } from '../src/presets/policy.ts';
import { type FoundDep, proposedVersion } from '../src/renovate/report.ts';
import type { OfflineWorld } from '../src/world/offline-world.ts';
import { decisionOf, mergesByItself } from './harness/decisions.ts';
import { loadFixtures } from './harness/expectations.ts';
import { type FixtureRun, runFixture, startTestWorld } from './harness/offline-renovate.ts';
import { projectRoot } from './harness/paths.ts';
import { type FreshVersions, freshReleases } from './harness/soak.ts';

/**
 * The default policy's promises, checked on what the real Renovate decides for every fixture
 * in a world where every Helm chart and Docker Hub image has just published two releases
 * (a patch and a major, an hour ago; see harness/soak.ts).
 */

function days(duration: unknown): number {
  const match = /^(\d+) days?$/.exec(String(duration));
  if (!match) {
    throw new Error(`minimumReleaseAge is not in days: ${String(duration)}`);
  }
  return Number(match[1]) * 24 * 60 * 60 * 1000;
}

const soakMs = days(policy.config.minimumReleaseAge);

/** Tags that name a channel, a branch or a flavour, never a release: the world serves them all. */
const channelTags =
  /^(latest|stable|main|master|mainline|edge|nightly|dev|alpine|stable-alpine|mainline-alpine)$/;
const preRelease = /[-.+](alpha|beta|rc|pre|preview|dev|snapshot|canary)[.-]?\d*/i;

/** The versioning Renovate used for the dependency; the report names it, our type does not. */
function versioningOf(dep: FoundDep) {
  return getVersioning((dep as FoundDep & { versioning?: string }).versioning);
}

function describeUpdate(dep: FoundDep, newValue: string | undefined): string {
  return `${dep.packageFile} ${dep.depName} ${dep.currentValue} -> ${newValue}`;
}

describe.each(loadFixtures())('policy safety: $name', (fixture) => {
  let world: OfflineWorld;
  let run: FixtureRun;
  const fresh: FreshVersions = new Map();

  beforeAll(async () => {
    world = await startTestWorld({ responders: [freshReleases(fresh)] });
    run = await runFixture(world, fixture.dir, 'lookup');
  });
  afterAll(() => world?.stop());

  const updates = () =>
    run.deps.flatMap((dep) => (dep.updates ?? []).map((update) => ({ dep, update })));

  it('completes, with fresh releases served', () => {
    expect(run.exitCode).toBe(0);
    expect(run.unanswered).toEqual([]);
    expect(run.lookupFailures).toEqual([]);
    expect(fresh.size).toBeGreaterThan(0);
    // The fresh releases reached the lookup: some update waits for them to soak.
    expect(updates().filter(({ update }) => update.pendingChecks)).not.toEqual([]);
  });

  it('never automerges a major update', () => {
    const merged = run.log.branches.filter(
      (branch) =>
        mergesByItself(decisionOf(branch)) &&
        (branch.updateType === 'major' ||
          branch.upgrades.some((upgrade) => upgrade.updateType === 'major')),
    );
    expect(merged.map((branch) => branch.branchName)).toEqual([]);
  });

  it('never automerges a minor update of a 0.x version', () => {
    const merged = run.log.branches.filter(
      (branch) =>
        mergesByItself(decisionOf(branch)) &&
        branch.upgrades.some(
          (upgrade) =>
            /^v?0\./.test(upgrade.currentValue ?? '') &&
            upgrade.updateType !== 'patch' &&
            upgrade.updateType !== 'digest',
        ),
    );
    expect(merged.map((branch) => branch.branchName)).toEqual([]);
  });

  it('never proposes a tag that is not a version (latest, main, stable, ...)', () => {
    const wrong = updates()
      // A pin by digest alone gets a new digest, not a tag.
      .filter(({ update }) => !(update.newValue === undefined && update.newDigest))
      .filter(
        ({ dep, update }) =>
          channelTags.test(update.newValue ?? '') ||
          !/^v?\d/.test(update.newValue ?? '') ||
          !versioningOf(dep).isVersion(update.newValue),
      )
      .map(({ dep, update }) => describeUpdate(dep, update.newValue));
    expect(wrong).toEqual([]);
  });

  it('never proposes a pre-release to a stable pin', () => {
    const wrong = updates()
      .filter(({ dep, update }) => {
        const versioning = versioningOf(dep);
        const current = dep.currentValue ?? '';
        const next = update.newValue ?? '';
        const stablePin = versioning.isStable(current) && !preRelease.test(current);
        return stablePin && (!versioning.isStable(next) || preRelease.test(next));
      })
      .map(({ dep, update }) => describeUpdate(dep, update.newValue));
    expect(wrong).toEqual([]);
  });

  it('holds back every release younger than the soak: pending, so that no branch is made for it', () => {
    // With internalChecksFilter "strict" Renovate makes no branch (and so no merge) for an
    // update with pendingChecks; when the release has soaked, the branch follows the policy.
    expect(policy.config.internalChecksFilter).toBe('strict');
    const now = Date.now();
    const young = updates().filter(
      ({ update }) => update.releaseTimestamp && now - Date.parse(update.releaseTimestamp) < soakMs,
    );
    expect(young).not.toEqual([]);
    expect(
      young
        .filter(({ update }) => update.pendingChecks !== true)
        .map(({ dep, update }) => describeUpdate(dep, update.newValue)),
    ).toEqual([]);
  });

  it('proposes exactly the soaked updates it proposes without fresh releases', () => {
    const soaked = updates()
      .filter(({ update }) => !update.pendingChecks)
      .map(
        ({ dep, update }) =>
          `${describeUpdate(dep, proposedVersion(update))} (${update.updateType})`,
      )
      .sort();
    const expected = fixture.pins
      .flatMap((pin) =>
        (pin.updates ?? []).map(
          (update) =>
            `${pin.file} ${pin.depName} ${pin.currentValue} -> ${update.newValue} (${update.updateType})`,
        ),
      )
      .sort();
    expect(soaked).toEqual(expected);
  });

  it('shows the fresh releases it holds back: pending updates are releases published an hour ago', () => {
    const pending = updates().filter(({ update }) => update.pendingChecks);
    for (const { dep, update } of pending) {
      const age = Date.now() - Date.parse(update.releaseTimestamp ?? '');
      expect(age, describeUpdate(dep, update.newValue)).toBeLessThan(soakMs);
    }
  });
});

/** Without these in the world, "never proposes" would be checked against nothing to refuse. */
describe('the offline world tempts the policy', () => {
  it.each`
    file                                                    | offers
    ${'docker/docker.io/library/nginx.yaml'}                | ${['"latest"', '"stable"', '"mainline"', '"alpine"']}
    ${'docker/quay.io/argoproj/argocd.yaml'}                | ${['"latest"', '"v3.1.0-rc3"']}
    ${'docker/ghcr.io/stefanprodan/podinfo.yaml'}           | ${['"latest"']}
    ${'http/kubernetes.github.io/ingress-nginx/index.yaml'} | ${['version: 4.12.0-beta.0']}
    ${'http/charts.jetstack.io/index.yaml'}                 | ${['version: v1.18.0-beta.0']}
    ${'git/github.com/cert-manager/cert-manager.yaml'}      | ${['"v1.18.0-beta.0"']}
  `('$file offers $offers', async ({ file, offers }: { file: string; offers: string[] }) => {
    const text = await readFile(path.join(projectRoot, 'fixtures/world', file), 'utf8');
    for (const offer of offers) {
      expect(text).toContain(offer);
    }
  });
});

/** Option names that make Renovate run a command, or let a repository make it run one. */
const commandOptions = [
  'postUpgradeTasks',
  'allowedCommands',
  'allowedPostUpgradeCommands',
  'allowPostUpgradeCommandTemplating',
  'allowShellExecutorForPostUpgradeCommands',
  'allowScripts',
  'allowPlugins',
  'allowedUnsafeExecutions',
  'postUpdateOptions',
  'binarySource',
  'exposeAllEnv',
  'customEnvVariables',
];

function keysOf(value: unknown, at = ''): { at: string; key: string; value: unknown }[] {
  if (Array.isArray(value)) {
    return value.flatMap((item, index) => keysOf(item, `${at}[${index}]`));
  }
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, child]) => [
      { at: `${at}.${key}`, key, value: child },
      ...keysOf(child, `${at}.${key}`),
    ]);
  }
  return [];
}

describe('the presets as published', () => {
  const published = generatedFiles(allPresets).map((file) => file.path);

  it.each(published)(
    '%s runs no command: no postUpgradeTasks or other command execution',
    async (file) => {
      const document = JSON.parse(await readFile(path.join(projectRoot, file), 'utf8')) as unknown;
      const found = keysOf(document)
        .filter(
          ({ key, value }) =>
            commandOptions.includes(key) || (key === 'ignoreScripts' && value === false),
        )
        .map(({ at }) => `${file}${at}`);
      expect(found).toEqual([]);
    },
  );

  it.each(published)('%s has no rule that could automerge a major update', async (file) => {
    const document = JSON.parse(await readFile(path.join(projectRoot, file), 'utf8')) as {
      automerge?: boolean;
      packageRules?: { automerge?: boolean; matchUpdateTypes?: string[]; description?: string }[];
    };
    expect(document.automerge ?? false, `${file}: top-level automerge`).toBe(false);
    const risky = (document.packageRules ?? [])
      .filter((rule) => rule.automerge === true)
      .filter((rule) => !rule.matchUpdateTypes || rule.matchUpdateTypes.includes('major'))
      .map((rule) => rule.description);
    expect(risky).toEqual([]);
  });
});
