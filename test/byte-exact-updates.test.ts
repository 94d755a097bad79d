import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proposedVersion } from '../src/renovate/report.ts';
import type { OfflineWorld } from '../src/world/offline-world.ts';
import { type BranchLookup, lookupBranches, type RawUpgrade } from './harness/branch-lookup.ts';
import type { ManagerRun } from './harness/byte-exact.ts';
import { checkBranches, checkWrittenFile, type UpgradeCheck } from './harness/check-branches.ts';
import { type FixtureExpectations, loadFixtures } from './harness/expectations.ts';
import { lookupFailures } from './harness/lookup-failures.ts';
import { startTestWorld } from './harness/offline-renovate.ts';
import { fixtureReposDir } from './harness/paths.ts';

/**
 * Every update of every fixture, written the way Renovate writes it: Renovate's own
 * `doAutoReplace` (none of the managers this package uses has an `updateDependency`) on the
 * branch configs the real Renovate logged, then checked byte for byte, as YAML, and by what
 * every manager reads from the written file.
 */

interface UpdateRow {
  file: string;
  manager: string;
  depName: string;
  /** Absent for a pin by digest alone, whose update's `newValue` is the new digest. */
  currentValue?: string;
  newValue: string;
  /** The tokens the update must change: the version, and the digest where the pin has one. */
  tokens: string[];
}

function updateRows(fixture: FixtureExpectations): UpdateRow[] {
  return fixture.pins.flatMap((pin) =>
    (pin.updates ?? []).map((update) => ({
      file: pin.file,
      manager: pin.manager,
      depName: pin.depName,
      currentValue: pin.currentValue,
      newValue: update.newValue,
      tokens: [...(pin.currentValue ? ['version'] : []), ...(pin.currentDigest ? ['digest'] : [])],
    })),
  );
}

function describeUpgrade(upgrade: {
  packageFile?: string;
  manager?: string;
  depName?: string;
  currentValue?: string | null;
  newValue?: string;
  newDigest?: string;
}): string {
  return `${upgrade.packageFile} ${upgrade.manager} ${upgrade.depName} ${upgrade.currentValue} -> ${proposedVersion(upgrade)}`;
}

const fixtures = loadFixtures().filter((fixture) => updateRows(fixture).length > 0);

describe.each(fixtures)('byte-exact updates: $name', (fixture) => {
  let world: OfflineWorld;
  let lookup: BranchLookup;
  let checks: UpgradeCheck[];

  beforeAll(async () => {
    world = await startTestWorld();
    lookup = await lookupBranches(world, fixture.dir);
    checks = await checkBranches(lookup, fixture.dir);
  });
  afterAll(() => world?.stop());

  it('writes every update Renovate proposes, each in a branch', () => {
    expect(lookup.exitCode).toBe(0);
    expect(lookup.unanswered).toEqual([]);
    expect(lookupFailures(lookup)).toEqual([]);
    const proposed = lookup.deps.flatMap((dep) =>
      (dep.updates ?? []).map((update) =>
        describeUpgrade({ ...dep, newValue: update.newValue, newDigest: update.newDigest }),
      ),
    );
    const written = checks.map((check) => describeUpgrade(check.upgrade));
    expect(written.sort()).toEqual(proposed.sort());
  });

  it.each(updateRows(fixture))(
    '$file: $depName $currentValue -> $newValue changes only $tokens',
    (row) => {
      const written = checks.filter(
        ({ upgrade }) =>
          upgrade.packageFile === row.file &&
          upgrade.manager === row.manager &&
          upgrade.depName === row.depName &&
          upgrade.currentValue === row.currentValue &&
          proposedVersion(upgrade) === row.newValue,
      );
      expect(written, 'no branch carries this update').not.toEqual([]);
      for (const check of written) {
        expect(check.violations).toEqual([]);
        expect(check.edits.map((edit) => edit.substitution.kind)).toEqual(row.tokens);
      }
    },
  );
});

describe('the edge cases stay in the fixture that tests them', () => {
  const dir = path.join(fixtureReposDir, 'line-endings-quotes-digests');
  const read = (file: string) => readFile(path.join(dir, file), 'utf8');

  it.each`
    file                                    | holds
    ${'apps/metrics-server.yaml'}           | ${/^(?:[^\n]*\r\n)+$/}
    ${'workloads/web/deployment.yaml'}      | ${/^(?:[^\n]*\r\n)+$/}
    ${'apps/metrics-server.yaml'}           | ${/targetRevision: "3\.12\.1"/}
    ${'apps/metrics-server.yaml'}           | ${/tag: 'v0\.7\.1'/}
    ${'platform/argocd/kustomization.yaml'} | ${/v2\.13\.3[\s\S]*\?ref=v2\.13\.3[\s\S]*newTag: "v2\.13\.3"/}
    ${'apps/echo-server.yaml'}              | ${/0\.8\.12[\s\S]*echo-server:0\.8\.12[\s\S]*targetRevision: 0\.8\.12/}
    ${'workloads/web/deployment.yaml'}      | ${/image: "[^"]+:6\.7\.0@sha256:[a-f0-9]{64}"/}
    ${'workloads/web/values.yaml'}          | ${/# 6\.7\.0 [\s\S]*tag: "6\.7\.0"/}
  `('$file matches $holds', async ({ file, holds }: { file: string; holds: RegExp }) => {
    expect(await read(file)).toMatch(holds);
  });
});

/**
 * The checks themselves, against writers that break each property: every broken write must
 * be caught, or a passing run above would prove nothing.
 */
describe('the checks catch a writer that', () => {
  const application = [
    '# Bumped from 3.12.1 after the incident.',
    'apiVersion: argoproj.io/v1alpha1',
    'kind: Application',
    'metadata:',
    '  name: metrics-server',
    'spec:',
    '  source:',
    '    chart: metrics-server',
    '    repoURL: https://kubernetes-sigs.github.io/metrics-server/',
    '    targetRevision: "3.12.1"  # pinned',
    '',
  ].join('\r\n');
  const chartUpgrade: RawUpgrade = {
    manager: 'argocd',
    packageFile: 'apps/metrics-server.yaml',
    depName: 'metrics-server',
    depIndex: 0,
    currentValue: '3.12.1',
    newValue: '3.13.0',
  };
  const kustomization = [
    'resources:',
    '  - https://github.com/argoproj/argo-cd//manifests/cluster-install?ref=v2.13.3',
    'images:',
    '  - name: quay.io/argoproj/argocd',
    '    newTag: v2.13.3',
    '',
  ].join('\n');
  const imageUpgrade: RawUpgrade = {
    manager: 'kustomize',
    packageFile: 'kustomization.yaml',
    depName: 'quay.io/argoproj/argocd',
    depIndex: 1,
    currentValue: 'v2.13.3',
    newValue: 'v2.14.15',
  };
  const oldDigest = `sha256:${'a'.repeat(64)}`;
  const newDigest = `sha256:${'b'.repeat(64)}`;
  const deployment = `containers:\n  - name: web\n    image: ghcr.io/stefanprodan/podinfo:6.7.0@${oldDigest}\n`;
  const digestUpgrade: RawUpgrade = {
    manager: 'regex',
    packageFile: 'deployment.yaml',
    depName: 'ghcr.io/stefanprodan/podinfo',
    currentValue: '6.7.0',
    newValue: '6.9.2',
    currentDigest: oldDigest,
    newDigest,
  };
  /** The byte-level checks need no manager; the "which dependency" check re-extracts with one. */
  const runs = (manager: string): ManagerRun[] =>
    manager ? [{ key: manager, manager, config: {} }] : [];
  const pin = '    targetRevision: "3.12.1"  # pinned';
  const rightWrite = (text: string) => text.replace(pin, pin.replace('3.12.1', '3.13.0'));

  interface BrokenWriter {
    breaks: string;
    before: string;
    write(text: string): string;
    upgrade: RawUpgrade;
    manager: string;
    /** The violation that must name the breakage. */
    caught: RegExp;
  }

  const chart = { before: application, upgrade: chartUpgrade, manager: 'argocd' };
  const brokenWriters: BrokenWriter[] = [
    {
      ...chart,
      breaks: 'line endings (CRLF to LF)',
      write: (text) => rightWrite(text).replaceAll('\r\n', '\n'),
      caught: /:1: line ending changed from CRLF to LF/,
    },
    {
      ...chart,
      breaks: 'quotes',
      write: (text) => text.replace('"3.12.1"', '3.13.0'),
      caught: /:10: changed beyond the version tokens/,
    },
    {
      ...chart,
      breaks: 'a trailing comment',
      write: (text) => text.replace(pin, '    targetRevision: "3.13.0"'),
      caught: /:10: changed beyond the version tokens/,
    },
    {
      ...chart,
      breaks: 'the intended line (a comment with the same version instead)',
      write: (text) => text.replace('3.12.1', '3.13.0'),
      caught:
        /argocd reads the upgraded dependency #0 \(metrics-server 3\.12\.1\) as metrics-server 3\.12\.1/,
    },
    {
      ...chart,
      breaks: 'every occurrence instead of one',
      write: (text) => text.replaceAll('3.12.1', '3.13.0'),
      caught: /changed beyond the version tokens/,
    },
    {
      ...chart,
      breaks: 'key order',
      write: (text) =>
        rightWrite(text)
          .replace('    chart: metrics-server\r\n', '')
          .replace('# pinned', '# pinned\r\n    chart: metrics-server'),
      caught: /:8: changed beyond the version tokens/,
    },
    {
      ...chart,
      breaks: 'the byte order mark',
      write: (text) => `\uFEFF${rightWrite(text)}`,
      caught: /byte order mark/,
    },
    {
      ...chart,
      breaks: 'a token boundary (3.12.1 -> 3.13.0.1)',
      write: (text) => text.replace(pin, pin.replace('3.12.1', '3.13.0.1')),
      caught: /changed beyond the version tokens/,
    },
    {
      before: kustomization,
      upgrade: imageUpgrade,
      manager: 'kustomize',
      breaks: 'the other dependency that has the same version',
      write: (text) => text.replace('?ref=v2.13.3', '?ref=v2.14.15'),
      caught: /kustomize reads another dependency #0 \(argoproj\/argo-cd v2\.13\.3\)/,
    },
    {
      before: deployment,
      upgrade: digestUpgrade,
      manager: '',
      breaks: 'the digest (left behind)',
      write: (text) => text.replace(':6.7.0@', ':6.9.2@'),
      caught: /not written: ghcr\.io\/stefanprodan\/podinfo digest/,
    },
  ];

  it('passes the right write', async () => {
    const result = await checkWrittenFile(
      chartUpgrade.packageFile,
      application,
      rightWrite(application),
      [chartUpgrade],
      runs('argocd'),
    );
    expect(result.violations).toEqual([]);
    expect(result.edits).toMatchObject([{ line: 10, column: 22 }]);
  });

  it.each(brokenWriters)('breaks $breaks', async (writer) => {
    const result = await checkWrittenFile(
      writer.upgrade.packageFile,
      writer.before,
      writer.write(writer.before),
      [writer.upgrade],
      runs(writer.manager),
    );
    expect(result.violations.join('\n')).toMatch(writer.caught);
  });
});
