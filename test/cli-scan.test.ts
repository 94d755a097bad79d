import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TempGitRepo, tempGitRepo } from '../src/renovate/temp-git-repo.ts';
import { type ScanRow, scanRows } from '../src/scan/scan-rows.ts';
import { expectUserError, plainDirectory, runCli } from './harness/cli.ts';
import { projectRoot } from './harness/paths.ts';

describe('scan', () => {
  it('refuses a directory that is not a git repository', async () => {
    const plain = await plainDirectory();
    try {
      expectUserError(await runCli(['scan', plain.dir]), 2, /not a git repository/);
    } finally {
      await plain.dispose();
    }
  });

  it('refuses a directory that does not exist', async () => {
    expectUserError(await runCli(['scan', '/nonexistent/cluster']), 2, /no such directory/);
  });

  it('explains a failing Renovate run (a broken renovate.json) in one message, exit 1', async () => {
    const plain = await plainDirectory();
    await writeFile(path.join(plain.dir, 'renovate.json'), '{ "extends": [\n');
    const repo = await tempGitRepo(plain.dir);
    try {
      const result = await runCli(['scan', repo.dir]);
      expectUserError(
        result,
        1,
        /Renovate failed \(exit \d+, config-validation\) on .*\n {2}- renovate\.json: Invalid JSON/,
      );
    } finally {
      await repo.dispose();
      await plain.dispose();
    }
  });

  it('lists the files Renovate drops whole and the versions only annotate makes visible', async () => {
    const repo = await tempGitRepo(path.join(projectRoot, 'fixtures/annotate/templated-versions'), [
      'expected.json',
    ]);
    try {
      await writeFile(
        path.join(repo.dir, 'charts/platform/values-prod.yaml'),
        'image:\n  repository: ghcr.io/example/app\n  tag: 1.4.2\nreplicas: 2\nreplicas: 3\n',
      );
      const result = await runCli(['scan', '--offline-world', repo.dir], {
        env: { XDG_CACHE_HOME: repo.dir },
      });
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain(
        'Files Renovate drops whole (1): every pin in them is lost\n  charts/platform/values-prod.yaml:5  helm-values skips the whole file: a duplicate map key',
      );
      expect(result.stdout).toContain(
        'Versions only `renovate-gitops annotate` makes visible (6): run `renovate-gitops annotate --diff`',
      );
      expect(result.stdout).toContain(
        '  charts/addons/values.yaml:12  public.ecr.aws/aws-controllers-k8s/s3-chart 1.0.14  [docker]',
      );
    } finally {
      await repo.dispose();
    }
  });

  describe('on a cluster repository, offline', () => {
    let repo: TempGitRepo;
    beforeAll(async () => {
      repo = await tempGitRepo(path.join(projectRoot, 'fixtures/policy-repos/platform-cluster'));
    });
    afterAll(() => repo?.dispose());

    it('prints every pin as JSON with --json', async () => {
      const result = await runCli(['scan', '--offline-world', '--json', repo.dir]);
      expect(result.code, result.stderr).toBe(0);
      const rows = JSON.parse(result.stdout) as ScanRow[];
      expect(rows).toContainEqual({
        file: 'apps/cert-manager.yaml',
        line: 11,
        manager: 'argocd',
        dependency: 'cert-manager',
        datasource: 'helm',
        current: 'v1.18.0',
        decision: 'found',
      });
      expect(rows.filter((row) => row.decision === 'found')).toHaveLength(13);
      expect(rows.filter((row) => row.decision !== 'found')).toEqual([
        expect.objectContaining({
          file: 'renovate.json',
          decision: 'skipped: unspecified-version',
        }),
      ]);
    });
  });
});

describe('demo', () => {
  it('runs scan --lookup on the bundled example inside the offline world', async () => {
    const result = await runCli(['demo', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const rows = JSON.parse(result.stdout) as ScanRow[];
    const decisions = new Set(rows.map((row) => row.decision));
    expect(decisions).toContain('automerge');
    expect(decisions).toContain('needs approval');
    expect(rows).toContainEqual(
      expect.objectContaining({
        file: 'applications/templates/app-kube-prometheus-stack.yaml',
        dependency: 'kube-prometheus-stack',
        current: '65.1.1',
        proposed: '76.5.1',
        updateType: 'major',
        decision: 'needs approval',
      }),
    );
  });
});

describe('scan rows', () => {
  it('show the versions the soak holds back as waiting, beside the update proposed instead', () => {
    const rows = scanRows({
      deps: [
        {
          manager: 'argocd',
          packageFile: 'apps/metrics-server.yaml',
          depName: 'metrics-server',
          datasource: 'helm',
          currentValue: '3.12.1',
          updates: [{ newValue: '3.12.2', updateType: 'patch', pendingVersions: ['3.13.0'] }],
        },
      ],
      branches: [
        {
          branchName: 'renovate/metrics-server-3.x',
          automerge: true,
          upgrades: [
            {
              packageFile: 'apps/metrics-server.yaml',
              depName: 'metrics-server',
              newValue: '3.12.2',
            },
          ],
        },
      ],
      lookup: true,
      lineOf: () => 11,
      now: new Date('2026-11-23T12:00:00Z'),
    });
    const base = {
      file: 'apps/metrics-server.yaml',
      line: 11,
      manager: 'argocd',
      dependency: 'metrics-server',
      datasource: 'helm',
      current: '3.12.1',
    };
    expect(rows).toEqual([
      { ...base, proposed: '3.12.2', updateType: 'patch', decision: 'automerge' },
      { ...base, proposed: '3.13.0', decision: 'waiting (release age)' },
    ]);
  });
});
