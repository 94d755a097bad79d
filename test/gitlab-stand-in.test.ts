import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempGitRepo } from '../src/renovate/temp-git-repo.ts';
import { accessLevel, type Project, type User } from '../src/world/gitlab/entities.ts';
import { createGitlabStandIn, type GitlabStandIn } from '../src/world/gitlab/gitlab-stand-in.ts';
import type { OfflineWorld } from '../src/world/offline-world.ts';
import type { WorldResponse } from '../src/world/types.ts';
import { startTestWorld } from './harness/offline-renovate.ts';

const run = promisify(execFile);
const host = 'gitlab.example.com';

let standIn: GitlabStandIn;
let owner: User;
let reporter: User;
let project: Project;
let world: OfflineWorld;
let scratch: string;

/** A request as it reaches the stand-in from the offline world. */
async function call(
  method: string,
  pathAndQuery: string,
  options: { token?: string; body?: unknown } = {},
): Promise<WorldResponse | undefined> {
  const body = options.body === undefined ? '' : JSON.stringify(options.body);
  return standIn.responder({
    method,
    url: new URL(`https://${host}/api/v4/${pathAndQuery}`),
    headers: {
      ...(options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }),
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body,
    rawBody: Buffer.from(body),
  });
}

function jsonOf(response: WorldResponse | undefined): unknown {
  return JSON.parse(String(response?.body));
}

const id = () => encodeURIComponent(project.path);

/** A branch off main with one commit, as a person's push makes it. */
async function branchWith(branch: string, file: string, content: string): Promise<void> {
  await run('git', ['--git-dir', project.repository.gitDir, 'branch', branch, 'main']);
  await standIn.instance.pushCommit(project, branch, { [file]: content }, `change ${file}`, owner);
}

async function openMergeRequest(branch: string) {
  const created = await call('POST', `projects/${id()}/merge_requests`, {
    token: owner.token,
    body: { source_branch: branch, target_branch: 'main', title: `Update ${branch}` },
  });
  expect(created?.status).toBe(201);
  return jsonOf(created) as { iid: number };
}

beforeAll(async () => {
  standIn = await createGitlabStandIn(host);
  owner = standIn.instance.addUser({
    username: 'owner',
    name: 'Owner',
    email: 'o@example.com',
    token: 'glpat-owner-000000000',
  });
  reporter = standIn.instance.addUser({
    username: 'reader',
    name: 'Reader',
    email: 'r@example.com',
    token: 'glpat-reader-00000000',
  });
  scratch = await mkdtemp(path.join(tmpdir(), 'stand-in-test-'));
  await writeFile(path.join(scratch, 'values.yaml'), 'image:\n  tag: 1.0.0\n');
  await writeFile(path.join(scratch, '.gitlab-ci.yml'), 'test:\n  script: [true]\n');
  const repo = await tempGitRepo(scratch);
  project = await standIn.instance.addProject('group/cluster', repo.dir, {
    members: [
      [owner, accessLevel.maintainer],
      [reporter, accessLevel.reporter],
    ],
  });
  for (const name of ['a', 'b', 'c']) {
    await standIn.instance.addProject(`group/extra-${name}`, repo.dir, {
      members: [[owner, accessLevel.developer]],
    });
  }
  await repo.dispose();
  world = await startTestWorld({ responders: [standIn.responder] });
});

afterAll(async () => {
  await world?.stop();
  await standIn?.dispose();
  await rm(scratch, { recursive: true, force: true });
});

describe('the GitLab stand-in refuses what it does not know', () => {
  it.each([
    ['an endpoint it does not implement', 'GET', 'projects/group%2Fcluster/repository/branches'],
    [
      'a query parameter it does not implement',
      'GET',
      'projects/group%2Fcluster/merge_requests?labels=x',
    ],
    ['a state it does not model', 'GET', 'projects/group%2Fcluster/merge_requests?state=locked'],
    ['listing all projects rather than memberships', 'GET', 'projects?per_page=100'],
  ])('%s is left unanswered', async (_what, method, pathAndQuery) => {
    expect(await call(method, pathAndQuery, { token: owner.token })).toBeUndefined();
  });

  it('records an unanswered request in the world, where it fails the test that made it', async () => {
    const before = world.unanswered.length;
    const { stdout } = await run(
      process.execPath,
      [
        '-e',
        `fetch(${JSON.stringify(`https://${host}/api/v4/projects/1/repository/tree`)}).then(r => console.log(r.status))`,
      ],
      { env: { ...process.env, ...world.env, NODE_USE_ENV_PROXY: '1' } },
    );
    expect(stdout.trim()).toBe('599');
    expect(world.unanswered.slice(before).map((request) => request.url)).toEqual([
      `https://${host}/api/v4/projects/1/repository/tree`,
    ]);
  });
});

describe('the GitLab stand-in answers as GitLab documents', () => {
  it('401 without a token, 404 for a project the user is not a member of', async () => {
    expect((await call('GET', 'user'))?.status).toBe(401);
    const outsider = standIn.instance.addUser({
      username: 'x',
      name: 'X',
      email: 'x@example.com',
      token: 'glpat-outsider-0000000',
    });
    expect((await call('GET', `projects/${id()}`, { token: outsider.token }))?.status).toBe(404);
  });

  it('paginates with x-* headers and a link header', async () => {
    const first = await call('GET', 'projects?membership=true&min_access_level=30&per_page=2', {
      token: owner.token,
    });
    expect(first?.headers).toMatchObject({
      'x-total': '4',
      'x-total-pages': '2',
      'x-page': '1',
      'x-next-page': '2',
    });
    expect(first?.headers?.link).toContain('rel="next"');
    const second = await call(
      'GET',
      'projects?membership=true&min_access_level=30&per_page=2&page=2',
      { token: owner.token },
    );
    const names = [
      ...(jsonOf(first) as { path_with_namespace: string }[]),
      ...(jsonOf(second) as { path_with_namespace: string }[]),
    ].map((p) => p.path_with_namespace);
    expect(names.sort()).toEqual([
      'group/cluster',
      'group/extra-a',
      'group/extra-b',
      'group/extra-c',
    ]);
    expect(second?.headers?.link).not.toContain('rel="next"');
  });

  it('autodiscovery lists only projects with the asked access level', async () => {
    const listed = jsonOf(
      await call('GET', 'projects?membership=true&min_access_level=30', { token: reporter.token }),
    );
    expect(listed).toEqual([]);
  });

  it('merge when pipeline succeeds: set while it runs, merged when it passes', async () => {
    await branchWith('update-a', 'values.yaml', 'image:\n  tag: 1.1.0\n');
    const { iid } = await openMergeRequest('update-a');
    const asked = await call('PUT', `projects/${id()}/merge_requests/${iid}/merge`, {
      token: owner.token,
      body: { merge_when_pipeline_succeeds: true, should_remove_source_branch: true },
    });
    expect(asked?.status).toBe(200);
    expect(jsonOf(asked)).toMatchObject({
      state: 'opened',
      merge_when_pipeline_succeeds: true,
      detailed_merge_status: 'ci_still_running',
    });
    const mr = project.mergeRequests.find((each) => each.iid === iid);
    const pipeline = mr && standIn.instance.lastPipeline(project, mr.sha);
    if (!mr || !pipeline) throw new Error('no pipeline for the branch');
    await standIn.instance.finishPipeline(project, pipeline, 'success');
    expect(mr.state).toBe('merged');
    expect((await project.repository.readFile('main', 'values.yaml'))?.toString()).toContain(
      '1.1.0',
    );
    expect((await project.repository.branches()).has('update-a')).toBe(false);
  });

  it('refuses to merge at once while the pipeline runs (405) and a conflicting branch (406)', async () => {
    await branchWith('update-b', 'values.yaml', 'image:\n  tag: 2.0.0\n');
    const { iid } = await openMergeRequest('update-b');
    const now = await call('PUT', `projects/${id()}/merge_requests/${iid}/merge`, {
      token: owner.token,
      body: {},
    });
    expect(now?.status).toBe(405);
    await standIn.instance.pushCommit(
      project,
      'main',
      { 'values.yaml': 'image:\n  tag: 1.2.0\n' },
      'by hand',
      owner,
    );
    const single = jsonOf(
      await call('GET', `projects/${id()}/merge_requests/${iid}?include_diverged_commits_count=1`, {
        token: owner.token,
      }),
    );
    expect(single).toMatchObject({
      detailed_merge_status: 'conflict',
      has_conflicts: true,
      diverged_commits_count: 1,
    });
    const conflicting = await call('PUT', `projects/${id()}/merge_requests/${iid}/merge`, {
      token: owner.token,
      body: { merge_when_pipeline_succeeds: true },
    });
    expect(conflicting?.status).toBe(406);
  });

  it('without a pipeline, auto-merge is no strategy: merged at once, or refused if pipelines must succeed', async () => {
    const tree = await mkdtemp(path.join(tmpdir(), 'stand-in-no-ci-'));
    await writeFile(path.join(tree, 'values.yaml'), 'image:\n  tag: 1.0.0\n');
    const repo = await tempGitRepo(tree);
    const outcomes: Record<string, unknown> = {};
    for (const required of [true, false]) {
      const noCi = await standIn.instance.addProject(`group/no-ci-${required}`, repo.dir, {
        members: [[owner, accessLevel.maintainer]],
        onlyAllowMergeIfPipelineSucceeds: required,
      });
      await run('git', ['--git-dir', noCi.repository.gitDir, 'branch', 'update', 'main']);
      await standIn.instance.pushCommit(
        noCi,
        'update',
        { 'values.yaml': 'image:\n  tag: 1.1.0\n' },
        'u',
        owner,
      );
      const noCiId = encodeURIComponent(noCi.path);
      const created = jsonOf(
        await call('POST', `projects/${noCiId}/merge_requests`, {
          token: owner.token,
          body: { source_branch: 'update', target_branch: 'main', title: 'Update' },
        }),
      ) as { iid: number; detailed_merge_status: string };
      const merged = await call('PUT', `projects/${noCiId}/merge_requests/${created.iid}/merge`, {
        token: owner.token,
        body: { merge_when_pipeline_succeeds: true },
      });
      outcomes[`pipelines must succeed: ${required}`] = [
        created.detailed_merge_status,
        merged?.status,
        noCi.mergeRequests[0]?.state,
      ];
    }
    await repo.dispose();
    await rm(tree, { recursive: true, force: true });
    expect(outcomes).toEqual({
      'pipelines must succeed: true': ['ci_must_pass', 405, 'opened'],
      'pipelines must succeed: false': ['mergeable', 200, 'merged'],
    });
  });

  it('starts pipelines for merge requests and for a status posted where none exists, as configured', async () => {
    const tree = await mkdtemp(path.join(tmpdir(), 'stand-in-mr-ci-'));
    await writeFile(
      path.join(tree, '.gitlab-ci.yml'),
      'check:\n  rules: [{ if: $CI_MERGE_REQUEST_IID }]\n  script: [true]\n',
    );
    const repo = await tempGitRepo(tree);
    const mrOnly = await standIn.instance.addProject('group/mr-pipelines', repo.dir, {
      members: [[owner, accessLevel.maintainer]],
      pipelineSources: { push: false, mergeRequestEvent: true },
    });
    await repo.dispose();
    await rm(tree, { recursive: true, force: true });
    await run('git', ['--git-dir', mrOnly.repository.gitDir, 'branch', 'update', 'main']);
    const sha = await standIn.instance.pushCommit(
      mrOnly,
      'update',
      { 'a.yaml': 'a: 2\n' },
      'u',
      owner,
    );
    expect(mrOnly.pipelines).toEqual([]);
    const status = await call(
      'POST',
      `projects/${encodeURIComponent(mrOnly.path)}/statuses/${sha}`,
      {
        token: owner.token,
        body: { state: 'success', context: 'renovate/stability-days' },
      },
    );
    expect(status?.status).toBe(201);
    const created = jsonOf(
      await call('POST', `projects/${encodeURIComponent(mrOnly.path)}/merge_requests`, {
        token: owner.token,
        body: { source_branch: 'update', target_branch: 'main', title: 'Update' },
      }),
    ) as { iid: number };
    expect(mrOnly.pipelines.map(({ source, ref }) => [source, ref])).toEqual([
      ['external', 'update'],
      ['merge_request_event', `refs/merge-requests/${created.iid}/head`],
    ]);
    const [external] = mrOnly.pipelines;
    expect(external && standIn.instance.pipelineStatus(mrOnly, external)).toBe('success');
  });

  it('a failed pipeline cancels auto-merge', async () => {
    await branchWith('update-c', 'other.yaml', 'x: 1\n');
    const { iid } = await openMergeRequest('update-c');
    await call('PUT', `projects/${id()}/merge_requests/${iid}/merge`, {
      token: owner.token,
      body: { auto_merge: true },
    });
    const mr = project.mergeRequests.find((each) => each.iid === iid);
    const pipeline = mr && standIn.instance.lastPipeline(project, mr.sha);
    if (!mr || !pipeline) throw new Error('no pipeline for the branch');
    expect(mr.autoMerge).not.toBeNull();
    await standIn.instance.finishPipeline(project, pipeline, 'failed');
    expect(mr.state).toBe('opened');
    expect(mr.autoMerge).toBeNull();
  });

  it("git over smart HTTP: a Basic challenge first, clones with the token, refuses a reporter's push", async () => {
    const clone = path.join(scratch, 'clone');
    const env = {
      ...process.env,
      ...world.env,
      GIT_TERMINAL_PROMPT: '0',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
    };
    await expect(
      run('git', ['clone', '--quiet', `https://${host}/group/cluster.git`, `${clone}-anonymous`], {
        env,
      }),
    ).rejects.toThrow();
    await run(
      'git',
      ['clone', '--quiet', `https://oauth2:${reporter.token}@${host}/group/cluster.git`, clone],
      { env },
    );
    const git = (...args: string[]) =>
      run('git', ['-C', clone, '-c', 'user.name=r', '-c', 'user.email=r@example.com', ...args], {
        env,
      });
    await git('checkout', '--quiet', '-b', 'reporter-branch');
    await writeFile(path.join(clone, 'new.yaml'), 'a: 1\n');
    await git('add', 'new.yaml');
    await git('commit', '--quiet', '-m', 'new');
    await expect(git('push', '--quiet', 'origin', 'reporter-branch')).rejects.toThrow(
      /403|not allowed/,
    );
    expect((await project.repository.branches()).has('reporter-branch')).toBe(false);
  });
});

describe("the stand-in's npm package registry (project level), used by the real npm", () => {
  let packageDir: string;
  let packages: Project;
  let consumer: Project;
  const npmEnv = (home: string) => ({
    PATH: process.env.PATH ?? '',
    HOME: home,
    ...world.env,
    npm_config_cache: path.join(home, 'cache'),
    npm_config_update_notifier: 'false',
  });
  /** `npm` with a user config like the templates write: the scope's registry and a token. */
  async function npm(args: string[], token: string, options: { cwd?: string } = {}) {
    const home = await mkdtemp(path.join(tmpdir(), 'npm-home-'));
    const registry = `https://${host}/api/v4/projects/${encodeURIComponent(packages.path)}/packages/npm/`;
    await writeFile(
      path.join(home, '.npmrc'),
      `@platform:registry=${registry}\n${registry.replace(/^https:/, '')}:_authToken=\${NPM_TOKEN}\n`,
    );
    try {
      return await run('npm', [...args, '--registry', registry], {
        cwd: options.cwd ?? home,
        env: { ...npmEnv(home), NPM_TOKEN: token },
      }).then(
        ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
        (err: { code: number; stdout: string; stderr: string }) => err,
      );
    } finally {
      await rm(home, { recursive: true, force: true });
    }
  }

  beforeAll(async () => {
    const repo = await tempGitRepo(scratch);
    packages = await standIn.instance.addProject('platform/tools', repo.dir, {
      members: [
        [owner, accessLevel.maintainer],
        [reporter, accessLevel.reporter],
      ],
    });
    consumer = await standIn.instance.addProject('clusters/prod', repo.dir, {
      members: [[reporter, accessLevel.developer]],
    });
    await repo.dispose();
    packageDir = await mkdtemp(path.join(tmpdir(), 'npm-package-'));
    await writeFile(
      path.join(packageDir, 'package.json'),
      JSON.stringify({ name: '@platform/tool', version: '1.0.0', bin: { tool: 'tool.js' } }),
    );
    await writeFile(
      path.join(packageDir, 'tool.js'),
      '#!/usr/bin/env node\nconsole.log("tool");\n',
    );
  });
  afterAll(() => rm(packageDir, { recursive: true, force: true }));

  it("publishes with the project's own job token, once per version; another project's token may not", async () => {
    const ownJob = standIn.instance.addJobToken(packages, owner, 'job-token-publish-0001');
    const otherJob = standIn.instance.addJobToken(consumer, owner, 'job-token-other-00001');
    const refused = await npm(['publish'], otherJob.token, { cwd: packageDir });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('403');
    const published = await npm(['publish'], ownJob.token, { cwd: packageDir });
    expect(published.code, published.stderr).toBe(0);
    expect(packages.npmPackages.map((pkg) => [pkg.name, pkg.version, pkg.fileName])).toEqual([
      ['@platform/tool', '1.0.0', '@platform/tool-1.0.0.tgz'],
    ]);
    // npm reads the package document first and stops by itself.
    const again = await npm(['publish'], ownJob.token, { cwd: packageDir });
    expect(again.stderr).toContain('You cannot publish over the previously published versions');
    expect(packages.npmPackages).toHaveLength(1);
  });

  it("installs with a job token of a project that the package project's allowlist names, and only then", async () => {
    const job = standIn.instance.addJobToken(consumer, reporter, 'job-token-install-0001');
    const prefix = await mkdtemp(path.join(tmpdir(), 'npm-prefix-'));
    try {
      const args = ['install', '--global', '--prefix', prefix, '@platform/tool@1.0.0'];
      const refused = await npm(args, job.token);
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toContain(
        `403 Forbidden - GET https://${host}/api/v4/projects/platform%2Ftools/packages/npm/@platform%2ftool`,
      );
      packages.jobTokenAllowlist.add(consumer.id);
      const installed = await npm(args, job.token);
      expect(installed.code, installed.stderr).toBe(0);
      const { stdout } = await run(path.join(prefix, 'bin', 'tool'));
      expect(stdout).toBe('tool\n');
    } finally {
      packages.jobTokenAllowlist.delete(consumer.id);
      await rm(prefix, { recursive: true, force: true });
    }
  });

  it('refuses a job token where the endpoint takes none', async () => {
    const job = standIn.instance.addJobToken(packages, owner, 'job-token-api-000000001');
    expect((await call('GET', `projects/${packages.id}`, { token: job.token }))?.status).toBe(401);
  });
});
