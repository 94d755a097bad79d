import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parsePolicyFile } from '../src/policy/policy-file.ts';
import { tempGitRepo } from '../src/renovate/temp-git-repo.ts';
import { expectUserError, plainDirectory, runCli, snapshot } from './harness/cli.ts';
import { fixturePath } from './harness/offline-renovate.ts';
import { packageJson } from './harness/paths.ts';

const { version } = packageJson;

const repos: { dispose(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(repos.splice(0).map((repo) => repo.dispose()));
});

/** A git copy of the article's repository without its Renovate config: a repo before init. */
async function uninitialisedRepo(): Promise<string> {
  const repo = await tempGitRepo(fixturePath('gitops-with-monitoring'), [
    'expected.json',
    'renovate.json',
  ]);
  repos.push(repo);
  return repo.dir;
}

describe('init', () => {
  it('writes renovate.json, a starter policy file and the GitLab CI include', async () => {
    const dir = await uninitialisedRepo();
    const result = await runCli(['init'], { cwd: dir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(
      /^wrote renovate\.json\nwrote renovate-gitops\.json5\nwrote \.gitlab-ci\.yml\n/,
    );
    expect(JSON.parse(await readFile(path.join(dir, 'renovate.json'), 'utf8'))).toEqual({
      $schema: 'https://docs.renovatebot.com/renovate-schema.json',
      extends: ['local>platform/renovate-config-gitops'],
    });
    const policy = await readFile(path.join(dir, 'renovate-gitops.json5'), 'utf8');
    expect(policy).toContain(
      '// Applications in this repository: applications, cert-manager, dummy-echo-server, ingress-nginx, kube-prometheus-stack, metrics-server.',
    );
    expect(parsePolicyFile('renovate-gitops.json5', policy)).toMatchObject({
      ok: true,
      parsed: { policy: { apps: [] } },
    });
    const ci = parse(await readFile(path.join(dir, '.gitlab-ci.yml'), 'utf8')) as unknown;
    expect(ci).toEqual({
      include: [
        {
          project: 'platform/renovate-config-gitops',
          ref: `v${version}`,
          file: '/templates/cluster-repo.gitlab-ci.yml',
        },
      ],
      variables: { RENOVATE_GITOPS_PROJECT: 'platform/renovate-config-gitops' },
    });
  });

  it('leaves a repository that `policy` accepts as it is', async () => {
    const dir = await uninitialisedRepo();
    expect((await runCli(['init', dir])).code).toBe(0);
    const policy = await runCli(['policy', '--check', '--strict', dir]);
    expect(policy.code, policy.stderr).toBe(0);
    expect(policy.stdout).toMatch(
      /renovate\.json is up to date with .*renovate-gitops\.json5 \(0 rules\)/,
    );
  });

  it('takes the project, the ref and the CI file from flags', async () => {
    const dir = await uninitialisedRepo();
    const result = await runCli([
      'init',
      '--project',
      'infra/renovate/renovate-config-gitops',
      '--ref',
      'v2.3.0',
      '--ci-file',
      '.gitlab/renovate.gitlab-ci.yml',
      dir,
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(await readFile(path.join(dir, 'renovate.json'), 'utf8'))).toMatchObject({
      extends: ['local>infra/renovate/renovate-config-gitops'],
    });
    expect(
      parse(await readFile(path.join(dir, '.gitlab/renovate.gitlab-ci.yml'), 'utf8')),
    ).toMatchObject({
      include: [
        {
          project: 'infra/renovate/renovate-config-gitops',
          ref: 'v2.3.0',
          file: '/templates/cluster-repo.gitlab-ci.yml',
        },
      ],
      variables: { RENOVATE_GITOPS_PROJECT: 'infra/renovate/renovate-config-gitops' },
    });
  });

  it('leaves a file that exists alone and writes the others; --force overwrites it', async () => {
    const dir = await uninitialisedRepo();
    await writeFile(path.join(dir, '.gitlab-ci.yml'), 'stages: [deploy]\n');
    const result = await runCli(['init', dir]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(
      /^wrote renovate\.json\nwrote renovate-gitops\.json5\nkept \.gitlab-ci\.yml: it exists\. Include \/templates\/cluster-repo\.gitlab-ci\.yml from platform\/renovate-config-gitops in it, or rerun with --ci-file \.gitlab\/renovate\.gitlab-ci\.yml and include that file from it \(--force overwrites \.gitlab-ci\.yml\)\n/,
    );
    expect(await readFile(path.join(dir, '.gitlab-ci.yml'), 'utf8')).toBe('stages: [deploy]\n');

    const forced = await runCli(['init', '--force', dir]);
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toMatch(
      /^renovate\.json already extends "local>platform\/renovate-config-gitops": left as it is\noverwrote renovate-gitops\.json5\noverwrote \.gitlab-ci\.yml\n/,
    );
    expect(await readFile(path.join(dir, '.gitlab-ci.yml'), 'utf8')).toContain(
      'file: /templates/cluster-repo.gitlab-ci.yml',
    );
  });

  it('run twice, changes nothing the second time', async () => {
    const dir = await uninitialisedRepo();
    expect((await runCli(['init', dir])).code).toBe(0);
    const before = await snapshot(dir);
    const again = await runCli(['init', dir]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(
      /^renovate\.json already extends "local>platform\/renovate-config-gitops": left as it is\nkept renovate-gitops\.json5: it exists \(--force overwrites it\)\nkept \.gitlab-ci\.yml: it includes \/templates\/cluster-repo\.gitlab-ci\.yml already\n/,
    );
    expect(await snapshot(dir)).toEqual(before);
  });

  it('writes none of its files when one cannot be written', async () => {
    const dir = await uninitialisedRepo();
    await writeFile(path.join(dir, '.gitlab'), 'a file where the folder should be\n');
    const before = await snapshot(dir);
    expectUserError(
      await runCli(['init', '--ci-file', '.gitlab/renovate.gitlab-ci.yml', dir]),
      1,
      /cannot write renovate\.json, renovate-gitops\.json5, \.gitlab\/renovate\.gitlab-ci\.yml: .*Nothing was written/,
    );
    expect(await snapshot(dir)).toEqual(before);
  });

  it('refuses a directory that is not a git repository', async () => {
    const plain = await plainDirectory();
    try {
      expectUserError(await runCli(['init', plain.dir]), 2, /not a git repository/);
      expect(await snapshot(plain.dir)).toEqual({
        'app.yaml': 'apiVersion: v1\nkind: ConfigMap\n',
      });
    } finally {
      await plain.dispose();
    }
  });

  it('refuses a subdirectory of a repository', async () => {
    const dir = await uninitialisedRepo();
    await mkdir(path.join(dir, 'clusters'));
    expectUserError(
      await runCli(['init', path.join(dir, 'clusters')]),
      2,
      /is inside the git repository .*, not its top level/,
    );
  });
});
