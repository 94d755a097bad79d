import { beforeAll, describe, expect, it } from 'vitest';
import type { FoundDep } from '../src/renovate/report.ts';
import {
  type Fault,
  failingHost,
  hangingHost,
  malformedHelmIndex,
  startFaultyWorld,
  tokenRequiringRegistry,
} from './harness/faults.ts';
import {
  type FixtureRun,
  fixturePath,
  runFixture,
  startTestWorld,
} from './harness/offline-renovate.ts';

/**
 * Registries that fail while the real Renovate looks up a fixture with pins on many hosts.
 * Each run is compared with a run of the same fixture in the healthy world.
 */
const fixtureDir = fixturePath('argocd-shapes');

/** The host a dependency's lookup asks, for the datasources the fixtures use. */
function lookupHost(dep: FoundDep): string | undefined {
  switch (dep.datasource) {
    case 'helm':
      return dep.registryUrls?.[0] ? new URL(dep.registryUrls[0]).hostname : undefined;
    case 'docker': {
      const first = (dep.packageName ?? dep.depName ?? '').split('/')[0] ?? '';
      return /[.:]/.test(first) ? first : 'docker.io';
    }
    case 'github-tags':
    case 'github-releases':
      return 'api.github.com';
    case 'git-tags':
      return dep.packageName ? new URL(dep.packageName).hostname : undefined;
    default:
      return undefined;
  }
}

function key(dep: FoundDep): string {
  return `${dep.packageFile} ${dep.manager} ${dep.depName} ${dep.currentValue}`;
}

function updatesOf(deps: readonly FoundDep[]): string[] {
  return deps.map((dep) => `${key(dep)} => ${(dep.updates ?? []).map((u) => u.newValue)}`).sort();
}

/** Dependencies whose lookup goes to one of the hosts and would get an update there. */
function lookedUpAt(deps: readonly FoundDep[], hosts: readonly string[]): FoundDep[] {
  return deps.filter((dep) => !dep.skipReason && hosts.includes(lookupHost(dep) ?? ''));
}

let baseline: FixtureRun;

beforeAll(async () => {
  const world = await startTestWorld();
  try {
    baseline = await runFixture(world, fixtureDir, 'lookup');
  } finally {
    await world.stop();
  }
});

it('the healthy world answers every lookup, so each fault below is the only failure', () => {
  expect(baseline.unanswered).toEqual([]);
  expect(baseline.lookupFailures).toEqual([]);
});

describe('faults that break one registry each', () => {
  const faults: Fault[] = [
    failingHost('charts.bitnami.com', 404),
    malformedHelmIndex('kubernetes.github.io'),
    hangingHost('argoproj.github.io'),
    tokenRequiringRegistry('ghcr.io', false),
  ];
  const hosts = faults.map((fault) => fault.host);
  let run: FixtureRun;

  beforeAll(async () => {
    const world = await startFaultyWorld(faults);
    try {
      // Renovate's default timeout is a minute; the hanging host gets two seconds.
      run = await runFixture(world, fixtureDir, 'lookup', {
        hostRules: [{ matchHost: 'argoproj.github.io', timeout: 2000 }],
      });
    } finally {
      await world.stop();
    }
  });

  it('still completes, and the healthy world had updates on every faulted host', () => {
    expect(run.exitCode).toBe(0);
    // A finished dry run logs no result; an aborted one logs why.
    expect(run.log.repositoryResult).toBeUndefined();
    expect(run.unanswered).toEqual([]);
    for (const host of hosts) {
      const healthy = lookedUpAt(baseline.deps, [host]);
      expect(
        healthy.some((dep) => dep.updates?.length),
        `no dependency on ${host} to break`,
      ).toBe(true);
    }
  });

  it('shows as lookup failures, the check every clean run asserts empty', () => {
    const failed = run.deps.filter((dep) => hosts.includes(lookupHost(dep) ?? ''));
    expect(run.lookupFailures).toHaveLength(
      failed.reduce((count, dep) => count + (dep.warnings?.length ?? 0), 0),
    );
    expect(run.lookupFailures.length).toBeGreaterThanOrEqual(faults.length);
  });

  it('loses no dependency: every one found without faults is found', () => {
    expect(run.deps.map(key).sort()).toEqual(baseline.deps.map(key).sort());
  });

  it.each(faults)(
    '$kind on $host: its dependencies get no update and carry a lookup warning',
    (fault) => {
      expect(fault.hits(), `${fault.host} was never asked`).toBeGreaterThan(0);
      const affected = lookedUpAt(run.deps, [fault.host]);
      expect(affected).not.toEqual([]);
      for (const dep of affected) {
        expect(dep.updates ?? [], key(dep)).toEqual([]);
        expect(
          (dep.warnings ?? []).map((warning) => warning.message),
          `${key(dep)} failed silently`,
        ).toContainEqual(
          expect.stringMatching(`^Failed to look up \\S+ package ${dep.packageName}`),
        );
      }
    },
  );

  it('every dependency on a healthy host gets the same updates as without faults', () => {
    const healthy = (deps: readonly FoundDep[]) =>
      deps.filter((dep) => !hosts.includes(lookupHost(dep) ?? ''));
    expect(updatesOf(healthy(run.deps))).toEqual(updatesOf(healthy(baseline.deps)));
  });
});

describe('faults that Renovate rides out', () => {
  const faults: Fault[] = [
    failingHost('charts.jetstack.io', 500, 1),
    tokenRequiringRegistry('ghcr.io', true),
  ];
  let run: FixtureRun;

  beforeAll(async () => {
    const world = await startFaultyWorld(faults);
    try {
      run = await runFixture(world, fixtureDir, 'lookup');
    } finally {
      await world.stop();
    }
  });

  it.each(faults)('$kind on $host was met', (fault) => {
    expect(fault.hits()).toBeGreaterThan(0);
  });

  it('every dependency gets the same updates as without faults, with no warnings', () => {
    expect(run.exitCode).toBe(0);
    expect(updatesOf(run.deps)).toEqual(updatesOf(baseline.deps));
    expect(run.deps.flatMap((dep) => dep.warnings ?? [])).toEqual([]);
  });
});

/**
 * Renovate treats a registry's 5xx (after its two retries) as an outage of that host
 * (`ExternalHostError`) and aborts the repository's run, so that it does not close merge
 * requests of dependencies it could not look up: no dependency of the repository gets an
 * update in that run. No preset option changes this. What must hold is that it is loud.
 */
describe('a registry that keeps answering HTTP 500', () => {
  const outage = (global: Record<string, unknown>) => async () => {
    const fault = failingHost('charts.bitnami.com', 500);
    const world = await startFaultyWorld([fault]);
    try {
      return { fault, run: await runFixture(world, fixtureDir, 'lookup', global) };
    } finally {
      await world.stop();
    }
  };

  it('fails the run for the repository, naming the host type and package', async () => {
    const { fault, run } = await outage({})();
    expect(fault.hits()).toBe(3);
    expect(run.exitCode).not.toBe(0);
    expect(run.log.repositoryResult).toBe('external-host-error');
    const hostErrors = run.log.problems.filter((record) => record.msg === 'Host error');
    expect(hostErrors).toMatchObject([{ hostType: 'helm', packageName: 'redis' }]);
    // Nothing half-done that could pass for a complete result.
    expect(run.deps).toEqual([]);
  });

  it('exits 0 unless the global config sets exitCodeForErrors (why a runner must set it)', async () => {
    const { run } = await outage({ exitCodeForErrors: false })();
    expect(run.log.repositoryResult).toBe('external-host-error');
    expect(run.exitCode).toBe(0);
  });
});
