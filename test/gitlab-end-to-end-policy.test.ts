import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { tempGitRepo } from '../src/renovate/temp-git-repo.ts';
import type { MergeRequest, Project } from '../src/world/gitlab/entities.ts';
import type { Responder } from '../src/world/types.ts';
import { runCli } from './harness/cli.ts';
import { dashboardBoxes, dashboardOf, tickBox } from './harness/gitlab-expectations.ts';
import {
  addClusterProject,
  expectCleanRun,
  type GitlabWorld,
  localPresetRenovateJson,
  runRenovateOnGitlab,
  startGitlabWorld,
} from './harness/gitlab-world.ts';
import { fixturePath, presetProject } from './harness/offline-renovate.ts';
import { projectRoot } from './harness/paths.ts';
import { type FreshVersions, freshReleases } from './harness/soak.ts';

const run = promisify(execFile);
const day = 24 * 60 * 60 * 1000;

function byBranch(project: Project): Map<string, MergeRequest> {
  return new Map(project.mergeRequests.map((mr) => [mr.sourceBranch, mr]));
}

async function fileOnBranch(project: Project, mr: MergeRequest, file: string): Promise<string> {
  return ((await project.repository.readFile(mr.sha, file)) ?? Buffer.alloc(0)).toString('utf8');
}

let gitlab: GitlabWorld | undefined;
afterEach(async () => {
  await gitlab?.dispose();
  gitlab = undefined;
});

describe('end to end on GitLab: policy outcomes', () => {
  it('soak: a release younger than minimumReleaseAge gets no MR until time passes', async () => {
    const fresh: FreshVersions = new Map();
    // The registries' answer changes between the runs: three days later, the same releases are old.
    let registries: Responder = freshReleases(fresh);
    gitlab = await startGitlabWorld({ responders: [(request) => registries(request)] });
    const project = await addClusterProject(
      gitlab,
      'platform/soak',
      fixturePath('gitops-with-monitoring'),
    );

    expectCleanRun(await runRenovateOnGitlab(gitlab, { repositories: [project.path] }));
    const soaking = byBranch(project);
    const metrics = soaking.get('renovate/metrics-server-3.x');
    expect(fresh.get('metrics-server')).toEqual(new Set(['3.13.1', '4.0.0']));
    expect(metrics?.title).toBe('Update Helm release metrics-server to v3.13.0');
    expect(soaking.get('renovate/cert-manager-1.x')?.title).toBe(
      'Update Helm release cert-manager to v1.18.2',
    );
    expect(soaking.has('renovate/metrics-server-4.x')).toBe(false);
    const pending = dashboardBoxes(dashboardOf(project), 'unpend-branch');
    expect([...pending.keys()].sort()).toEqual([
      'renovate/cert-manager-2.x',
      'renovate/ingress-nginx-5.x',
      'renovate/metrics-server-4.x',
    ]);

    registries = freshReleases(new Map(), Date.now() - 4 * day);
    const count = project.mergeRequests.length;
    expectCleanRun(await runRenovateOnGitlab(gitlab, { repositories: [project.path] }));

    expect(project.mergeRequests, 'the same MRs, updated in place').toHaveLength(count);
    expect(metrics?.title).toBe('Update Helm release metrics-server to v3.13.1');
    expect(metrics?.autoMerge).not.toBeNull();
    if (metrics) {
      expect(
        await fileOnBranch(project, metrics, 'applications/templates/app-metrics-server.yaml'),
      ).toContain('targetRevision: 3.13.1\n');
    }
    const approval = dashboardBoxes(dashboardOf(project), 'approve-branch');
    expect(approval.has('renovate/metrics-server-4.x')).toBe(true);
    expect(dashboardBoxes(dashboardOf(project), 'unpend-branch').size).toBe(0);
  });

  it('approve-all: nothing opens until a box is ticked, and what opens is merged by a human', async () => {
    gitlab = await startGitlabWorld();
    const renovateJson = JSON.parse(localPresetRenovateJson) as { extends: string[] };
    renovateJson.extends.push(`local>${presetProject}//presets/approve-all`);
    const project = await addClusterProject(
      gitlab,
      'platform/platform-cluster',
      path.join(projectRoot, 'fixtures/policy-repos/platform-cluster'),
      { 'renovate.json': `${JSON.stringify(renovateJson, null, 2)}\n` },
    );
    const expected = JSON.parse(
      await readFile(
        path.join(projectRoot, 'fixtures/policy-cases/approve-all/expected.json'),
        'utf8',
      ),
    ) as { updates: { branch: string }[] };

    expectCleanRun(await runRenovateOnGitlab(gitlab, { repositories: [project.path] }));
    expect(project.mergeRequests).toEqual([]);
    const boxes = dashboardBoxes(dashboardOf(project), 'approve-branch');
    expect([...boxes.keys()].sort()).toEqual(
      [...new Set(expected.updates.map((update) => update.branch))].sort(),
    );

    const issue = project.issues.find((candidate) => candidate.title === 'Dependency Dashboard');
    if (issue) {
      issue.description = tickBox(issue.description, 'approve-branch', 'renovate/cert-manager-1.x');
    }
    expectCleanRun(await runRenovateOnGitlab(gitlab, { repositories: [project.path] }));
    expect(project.mergeRequests.map((mr) => [mr.sourceBranch, mr.autoMerge])).toEqual([
      ['renovate/cert-manager-1.x', null],
    ]);
  });

  it('a per-application policy file changes who merges, labels and reviewers', async () => {
    gitlab = await startGitlabWorld();
    const reviewer = gitlab.standIn.instance.addUser({
      username: 'sre-oncall',
      name: 'SRE on call',
      email: 'sre-oncall@example.com',
      token: 'glpat-sre-oncall-0123456789',
    });
    const policy = `{
  apps: [
    { application: 'kube-prometheus-stack', automerge: 'patch', labels: ['monitoring'], reviewers: ['sre-oncall'] },
    { chart: 'metrics-server', automerge: 'none' },
    { application: 'dummy-echo-server', automerge: 'minor', approveMajor: false },
  ],
}
`;
    const renovateJson = await compiledPolicy(fixturePath('gitops-with-monitoring'), policy);
    const project = await addClusterProject(
      gitlab,
      'platform/per-app',
      fixturePath('gitops-with-monitoring'),
      { 'renovate.json': renovateJson, 'renovate-gitops.json5': policy },
    );

    expectCleanRun(await runRenovateOnGitlab(gitlab, { repositories: [project.path] }));

    const outcome = [...byBranch(project)]
      .map(([branch, mr]) => ({
        branch,
        automerge: mr.autoMerge !== null,
        labels: mr.labels,
        reviewers: mr.reviewerIds,
      }))
      .sort((a, b) => a.branch.localeCompare(b.branch));
    expect(outcome).toEqual([
      { branch: 'renovate/argoproj-argo-cd-2.x', automerge: true, labels: [], reviewers: [] },
      { branch: 'renovate/cert-manager-1.x', automerge: true, labels: [], reviewers: [] },
      {
        branch: 'renovate/grafana-grafana-11.x',
        automerge: false,
        labels: ['monitoring'],
        reviewers: [reviewer.id],
      },
      {
        branch: 'renovate/https-github.com-ealenn-echo-server.git-0.x',
        automerge: false,
        labels: ['breaking'],
        reviewers: [],
      },
      { branch: 'renovate/ingress-nginx-4.x', automerge: true, labels: [], reviewers: [] },
      {
        branch: 'renovate/kube-prometheus-stack-65.x',
        automerge: false,
        labels: ['monitoring'],
        reviewers: [reviewer.id],
      },
      { branch: 'renovate/metrics-server-3.x', automerge: false, labels: [], reviewers: [] },
      {
        branch: 'renovate/registry.k8s.io-ingress-nginx-controller-1.x',
        automerge: true,
        labels: [],
        reviewers: [],
      },
    ]);
    expect([...dashboardBoxes(dashboardOf(project), 'approve-branch').keys()].sort()).toEqual([
      'renovate/argoproj-argo-cd-3.x',
      'renovate/grafana-grafana-12.x',
      'renovate/kube-prometheus-stack-76.x',
    ]);
  });

  it.each([
    { policy: 'the preset', override: {}, merged: false },
    {
      policy: 'the preset with the stability status back on',
      override: { statusCheckWhen: { minimumReleaseAge: 'always' } },
      merged: true,
    },
  ])(
    'a repository with no pipeline and "Pipelines must succeed": $policy -> merged at once: $merged',
    async ({ override, merged }) => {
      gitlab = await startGitlabWorld();
      const renovateJson = { ...JSON.parse(localPresetRenovateJson), ...override };
      const project = await addClusterProject(
        gitlab,
        'platform/no-pipeline',
        fixturePath('gitops-with-monitoring'),
        { 'renovate.json': `${JSON.stringify(renovateJson, null, 2)}\n` },
        { pipelineSources: { push: false, mergeRequestEvent: false } },
      );
      expect(project.onlyAllowMergeIfPipelineSucceeds).toBe(true);

      // Renovate waits between its attempts to set auto-merge (and for a pipeline before it
      // posts a status); one attempt without delay decides the same, sooner.
      const once = {
        RENOVATE_X_GITLAB_AUTO_MERGEABLE_CHECK_ATTEMPS: '1',
        RENOVATE_X_GITLAB_MERGE_REQUEST_DELAY: '0',
        RENOVATE_X_GITLAB_BRANCH_STATUS_DELAY: '0',
      };
      expectCleanRun(await runRenovateOnGitlab(gitlab, { repositories: [project.path] }, {}, once));

      expect(project.mergeRequests.length).toBeGreaterThan(0);
      const states = new Set(project.mergeRequests.map((mr) => mr.state));
      expect([...states]).toEqual([merged ? 'merged' : 'opened']);
      if (!merged) {
        expect(project.mergeRequests.every((mr) => mr.autoMerge === null)).toBe(true);
        expect(project.pipelines, 'no pipeline, not even one made of a status').toEqual([]);
      }
    },
  );

  it('files and folders with non-ASCII names and spaces are found and updated', async () => {
    gitlab = await startGitlabWorld();
    const fixture = fixturePath('non-ascii-paths');
    const project = await addClusterProject(gitlab, 'platform/non-ascii', fixture);
    const expected = JSON.parse(await readFile(path.join(fixture, 'expected.json'), 'utf8')) as {
      pins: {
        file: string;
        currentValue: string;
        updates: { newValue: string; decision: string }[];
      }[];
    };
    const automerged = expected.pins.flatMap((pin) =>
      pin.updates
        .filter((update) => update.decision === 'automerge')
        .map((update) => ({ file: pin.file, from: pin.currentValue, to: update.newValue })),
    );
    expect(automerged.length).toBeGreaterThan(0);

    expectCleanRun(await runRenovateOnGitlab(gitlab, { repositories: [project.path] }));

    const changed = new Map<string, string[]>();
    for (const mr of project.mergeRequests) {
      for (const file of await project.repository.changedFiles('main', mr.sha)) {
        changed.set(file, [...(changed.get(file) ?? []), await fileOnBranch(project, mr, file)]);
      }
    }
    expect([...changed.keys()].sort()).toEqual(
      [...new Set(automerged.map((pin) => pin.file))].sort(),
    );
    for (const pin of automerged) {
      expect(
        changed.get(pin.file)?.some((content) => content.includes(pin.to)),
        `${pin.file}: ${pin.from} -> ${pin.to}`,
      ).toBe(true);
    }
  });
});

/** renovate.json as `renovate-gitops policy` writes it for the fixture with this policy file. */
async function compiledPolicy(fixtureDir: string, policy: string): Promise<string> {
  const repo = await tempGitRepo(fixtureDir, ['expected.json']);
  try {
    await writeFile(path.join(repo.dir, 'renovate.json'), localPresetRenovateJson);
    await writeFile(path.join(repo.dir, 'renovate-gitops.json5'), policy);
    await run('git', ['add', '--all'], { cwd: repo.dir });
    const result = await runCli(['policy', repo.dir]);
    expect(result.code, result.stderr).toBe(0);
    return await readFile(path.join(repo.dir, 'renovate.json'), 'utf8');
  } finally {
    await repo.dispose();
  }
}
