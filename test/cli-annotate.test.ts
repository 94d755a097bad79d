import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planRepository, writeAnnotations } from '../src/annotate/annotate-repository.ts';
import { type TempGitRepo, tempGitRepo } from '../src/renovate/temp-git-repo.ts';
import type { OfflineWorld } from '../src/world/offline-world.ts';
import {
  expectUserError,
  plainDirectory,
  runCli,
  snapshot,
  stackTraceLine,
} from './harness/cli.ts';
import { startTestWorld } from './harness/offline-renovate.ts';
import { projectRoot } from './harness/paths.ts';

const fixtureDir = path.join(projectRoot, 'fixtures/annotate/templated-versions');
const brokenTemplate = 'charts/platform/templates/broken.yaml';

describe('renovate-gitops annotate', () => {
  let repo: TempGitRepo;
  let cache: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    repo = await tempGitRepo(fixtureDir, ['expected.json']);
    await writeFile(
      path.join(repo.dir, 'charts/platform/values-staging.yaml'),
      'apps: []\nproject: staging\nproject: platform\n',
    );
    await writeFile(
      path.join(repo.dir, brokenTemplate),
      'kind: ConfigMap\n{{ if .Values.x }}\ndata: {}\n',
    );
    cache = await mkdtemp(path.join(tmpdir(), 'annotate-cache-'));
    env = { XDG_CACHE_HOME: cache };
  });
  afterAll(async () => {
    await repo?.dispose();
    await rm(cache, { recursive: true, force: true });
  });

  it('refuses a directory git does not know, in one sentence', async () => {
    const plain = await plainDirectory();
    try {
      expectUserError(await runCli(['annotate', plain.dir]), 2, /not a git repository/);
    } finally {
      await plain.dispose();
    }
  });

  it('--check lists what is missing with the reason and the unreadable template, writes nothing, exits 1', async () => {
    const before = await snapshot(repo.dir);
    const result = await runCli(['annotate', '--check', '--offline-world', repo.dir], { env });
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toContain(
      'charts/platform/values.yaml:6: missing  # renovate: datasource=helm depName=kube-prometheus-stack registryUrl=https://prometheus-community.github.io/helm-charts',
    );
    expect(result.stdout).toContain(
      'because charts/platform/templates/applications.yaml with charts/platform/values.yaml',
    );
    expect(result.stdout).toMatch(
      /charts\/platform\/templates\/broken\.yaml:2: not read: not a readable Helm template: `if` is never closed/,
    );
    expect(result.stdout).toContain(
      'charts/platform/values-staging.yaml:3: not read by Renovate: helm-values skips the whole file: a duplicate map key; fix it and its pins are found again',
    );
    expect(result.stdout).toContain('annotate: 11 annotation(s) missing, stale or redundant');
    expect(`${result.stdout}${result.stderr}`).not.toMatch(stackTraceLine);
    expect(await snapshot(repo.dir)).toEqual(before);
  });

  it('--diff prints the lines it would write and writes nothing', async () => {
    const before = await snapshot(repo.dir);
    const result = await runCli(['annotate', '--diff', '--offline-world', repo.dir], { env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(
      'wrappers/cert-manager/values.yaml:5\n+ # renovate: datasource=docker depName=quay.io/jetstack/cert-manager-controller',
    );
    expect(await snapshot(repo.dir)).toEqual(before);
  });

  it('writes, after which --check passes', async () => {
    const written = await runCli(['annotate', '--offline-world', repo.dir], { env });
    expect(written.code, written.stderr).toBe(0);
    expect(written.stdout).toContain('annotate: wrote 11 annotation(s) in 7 file(s)');
    const check = await runCli(['annotate', '--check', '--offline-world', repo.dir], { env });
    expect(check.code, check.stdout).toBe(0);
    expect(check.stdout).toContain('annotate: every resolved pin is found');
  });
});

describe('annotate and a file changed under it', () => {
  let world: OfflineWorld;
  let repo: TempGitRepo;

  beforeAll(async () => {
    world = await startTestWorld();
    repo = await tempGitRepo(fixtureDir, ['expected.json']);
  });
  afterAll(async () => {
    await repo?.dispose();
    await world?.stop();
  });

  it('refuses to write and leaves every file as it is', async () => {
    const cache = await mkdtemp(path.join(tmpdir(), 'annotate-cache-'));
    try {
      const plan = await planRepository(repo.dir, world.env, { chartCacheDir: cache });
      const file = path.join(repo.dir, 'charts/platform/values.yaml');
      const edited = `${await readFile(file, 'utf8')}# edited by someone else\n`;
      await writeFile(file, edited);
      const before = await snapshot(repo.dir);
      await expect(writeAnnotations(repo.dir, plan)).rejects.toThrow(
        'charts/platform/values.yaml: changed while annotate was running; nothing was written, run it again',
      );
      expect(await snapshot(repo.dir)).toEqual(before);
    } finally {
      await rm(cache, { recursive: true, force: true });
    }
  });
});
