import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { starterGitlabCi } from '../src/init/starter-files.ts';
import {
  gitlabCiLocal,
  initGitRepo,
  jobEnvironment,
  pipelineJobs,
  placeTemplates,
  type ResolvedPipeline,
  resolvedPipeline,
  templatesDir,
} from './gitlab-runner-harness.ts';
import { type CiWorkTree, ciWorkTree } from './harness/ci-work-tree.ts';
import { type InitialisedRepo, initialisedClusterRepo } from './harness/init-cluster-repo.ts';
import { packageJson, projectRoot } from './harness/paths.ts';

const require = createRequire(import.meta.url);
const clusterTemplate = path.join(templatesDir, 'cluster-repo.gitlab-ci.yml');
const fixture = path.join(projectRoot, 'fixtures/policy-repos/platform-cluster');
const clusterProject = 'clusters/platform-cluster';

/** The four checks, in the template's order. */
const checks = [
  'validate-renovate-config',
  'renovate-gitops-policy',
  'renovate-gitops-annotate',
  'renovate-gitops-scan',
];

/** A cluster repository as `renovate-gitops init` leaves it, checked out as a runner would. */
async function initialisedWorkTree(): Promise<{ tree: CiWorkTree; repo: InitialisedRepo }> {
  const repo = await initialisedClusterRepo(fixture);
  try {
    return { tree: await ciWorkTree(repo.dir, clusterProject), repo };
  } catch (err) {
    await repo.dispose();
    throw err;
  }
}

/** The template on its own as a project's pipeline, with the file it includes beside it. */
async function templateAlone(mutate: (template: string) => string = (t) => t) {
  const dir = await mkdtemp(path.join(tmpdir(), 'cluster-template-'));
  await placeTemplates(dir);
  await writeFile(
    path.join(dir, '.gitlab-ci.yml'),
    mutate(await readFile(clusterTemplate, 'utf8')),
  );
  await initGitRepo(dir, 'https://gitlab.example.com/clusters/platform-cluster.git');
  return { dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * A cluster repository that also renovates itself: both templates, as docs/gitlab.md describes
 * it for a repository without a runner project.
 */
const selfRenovatingCi = `include:
  - project: platform/renovate-config-gitops
    ref: v${packageJson.version}
    file: /templates/cluster-repo.gitlab-ci.yml
  - project: platform/renovate-config-gitops
    ref: v${packageJson.version}
    file: /templates/renovate-runner.gitlab-ci.yml

variables:
  RENOVATE_AUTODISCOVER_FILTER: $CI_PROJECT_PATH
  RENOVATE_CONFIG_FILE: ''
`;

async function selfRenovatingWorkTree(): Promise<CiWorkTree> {
  const dir = await mkdtemp(path.join(tmpdir(), 'self-renovating-'));
  try {
    await writeFile(path.join(dir, '.gitlab-ci.yml'), selfRenovatingCi);
    await writeFile(path.join(dir, 'renovate.json'), '{}\n');
    return await ciWorkTree(dir, clusterProject);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe("GitLab's CI schema (bundled by gitlab-ci-local)", () => {
  it.each([
    { name: 'the template on its own', make: templateAlone },
    {
      name: 'a cluster repository set up by init',
      make: async () => {
        const { tree, repo } = await initialisedWorkTree();
        return {
          dir: tree.dir,
          dispose: async () => {
            await tree.dispose();
            await repo.dispose();
          },
        };
      },
    },
    { name: 'a repository that includes both templates', make: selfRenovatingWorkTree },
  ])('accepts $name', async ({ make }) => {
    const project = await make();
    try {
      const result = await gitlabCiLocal(project.dir, ['--list-json']);
      expect(result.stderr).toContain('json schema validated');
      expect(result.exitCode, result.stderr).toBe(0);
    } finally {
      await project.dispose();
    }
  });

  it('rejects the template with a key GitLab does not know, naming it (the check is live)', async () => {
    const project = await templateAlone((template) =>
      template.replace('\n  interruptible: true', '\n  interruptable: true'),
    );
    try {
      const result = await gitlabCiLocal(project.dir, ['--list-json']);
      expect(result.exitCode).not.toBe(0);
      expect(result.stderr).toContain("'interruptable' property is not expected to be here");
    } finally {
      await project.dispose();
    }
  });
});

/** CI_PROJECT_ID of the cluster repository; a fork's merge request comes from another project. */
const clusterProjectId = '2002';

interface PipelineCase {
  pipeline: string;
  variables: Record<string, string>;
  jobs: string[];
}

const mergeRequest = {
  CI_PIPELINE_SOURCE: 'merge_request_event',
  CI_PROJECT_ID: clusterProjectId,
  CI_MERGE_REQUEST_IID: '7',
  CI_MERGE_REQUEST_SOURCE_PROJECT_ID: clusterProjectId,
  CI_COMMIT_BRANCH: '',
};

describe('rules of a cluster repository set up by init: which jobs each pipeline gets', () => {
  let tree: CiWorkTree;
  let repo: InitialisedRepo;
  beforeAll(async () => {
    ({ tree, repo } = await initialisedWorkTree());
  });
  afterAll(async () => {
    await tree?.dispose();
    await repo?.dispose();
  });

  it.each<PipelineCase>([
    {
      pipeline: 'merge request from a branch (Renovate’s too)',
      variables: mergeRequest,
      jobs: checks,
    },
    {
      // The fork's job token cannot read the package registry, and its config is not ours yet.
      pipeline: 'merge request from a fork',
      variables: { ...mergeRequest, CI_MERGE_REQUEST_SOURCE_PROJECT_ID: '9999' },
      jobs: [],
    },
    {
      // What merged was checked in its merge request; Renovate's branches get no push pipeline.
      pipeline: 'push to the default branch',
      variables: { CI_PIPELINE_SOURCE: 'push', CI_COMMIT_BRANCH: 'main' },
      jobs: [],
    },
    {
      pipeline: 'push to a branch',
      variables: { CI_PIPELINE_SOURCE: 'push', CI_COMMIT_BRANCH: 'renovate/cert-manager-1.x' },
      jobs: [],
    },
    {
      // Renovate runs in the runner project, not here.
      pipeline: 'schedule',
      variables: { CI_PIPELINE_SOURCE: 'schedule', CI_COMMIT_REF_PROTECTED: 'true' },
      jobs: [],
    },
    { pipeline: '"Run pipeline"', variables: { CI_PIPELINE_SOURCE: 'web' }, jobs: [] },
  ])('$pipeline -> $jobs', async ({ variables, jobs }) => {
    expect(await pipelineJobs(tree.dir, variables)).toEqual(jobs);
  });
});

describe('a repository that includes both templates (it renovates itself)', () => {
  let tree: CiWorkTree;
  let pipeline: ResolvedPipeline;
  beforeAll(async () => {
    tree = await selfRenovatingWorkTree();
    pipeline = await resolvedPipeline(tree.dir);
  });
  afterAll(() => tree?.dispose());

  it.each<PipelineCase>([
    { pipeline: 'merge request', variables: mergeRequest, jobs: checks },
    {
      pipeline: 'schedule, protected branch',
      variables: { CI_PIPELINE_SOURCE: 'schedule', CI_COMMIT_REF_PROTECTED: 'true' },
      jobs: ['renovate'],
    },
  ])('$pipeline -> $jobs', async ({ variables, jobs }) => {
    expect((await pipelineJobs(tree.dir, variables)).sort()).toEqual([...jobs].sort());
  });

  it('validates the repository config once, without the runner project global config', () => {
    const env = jobEnvironment(pipeline, 'validate-renovate-config', {
      CI_API_V4_URL: 'https://gitlab.example.com/api/v4',
      CI_PROJECT_DIR: '/builds/clusters/platform-cluster',
      CI_PROJECT_NAMESPACE: 'clusters',
      CI_PROJECT_PATH: clusterProject,
    });
    expect(env.RENOVATE_CONFIG_FILE).toBe('');
    expect(pipeline.jobs['validate-renovate-config']?.script).toEqual([
      'renovate-config-validator --strict',
    ]);
  });
});

describe('settings of the checks', () => {
  let tree: CiWorkTree;
  let repo: InitialisedRepo;
  let pipeline: ResolvedPipeline;
  beforeAll(async () => {
    ({ tree, repo } = await initialisedWorkTree());
    pipeline = await resolvedPipeline(tree.dir);
  });
  afterAll(async () => {
    await tree?.dispose();
    await repo?.dispose();
  });

  const predefined = {
    CI_API_V4_URL: 'https://gitlab.example.com/api/v4',
    CI_PROJECT_DIR: '/builds/clusters/platform-cluster',
  };

  it("run in the runner template's Renovate image, the version this package tests against", () => {
    const installed = (require('renovate/package.json') as { version: string }).version;
    expect(packageJson.dependencies.renovate).toBe(installed);
    for (const job of checks) {
      expect(pipeline.jobs[job]?.image, job).toEqual({
        name: `ghcr.io/renovatebot/renovate:${installed}`,
      });
    }
  });

  it('install this package at the version of the tag, from the project init named', () => {
    for (const job of checks.slice(1)) {
      const env = jobEnvironment(pipeline, job, predefined);
      expect(env.RENOVATE_GITOPS_PACKAGE, job).toBe(`${packageJson.name}@${packageJson.version}`);
      expect(env.RENOVATE_GITOPS_PROJECT, job).toBe('platform/renovate-config-gitops');
      expect(env.RENOVATE_CONFIG_FILE, job).toBe('');
    }
  });

  it("map the package's own scope to the registry", () => {
    const scope = packageJson.name.split('/')[0];
    const script = pipeline.jobs['renovate-gitops-policy']?.before_script ?? [];
    expect(script).toContain(`npm config set "${scope}:registry" "$registry"`);
  });

  it('keep the scan as an artifact, also when the scan fails', () => {
    expect(pipeline.jobs['renovate-gitops-scan']?.artifacts).toEqual({
      paths: ['renovate-gitops-scan.json'],
      when: 'always',
      expire_in: '1 week',
    });
  });
});

describe('templates/cluster-repo.gitlab-ci.yml', () => {
  it('defines no image of its own: the one pin is in renovate-image.gitlab-ci.yml', async () => {
    const text = await readFile(clusterTemplate, 'utf8');
    expect(text).not.toMatch(/^\s*(image|name):/m);
    const template = parse(text) as { include: unknown };
    expect(template.include).toEqual([{ local: '/templates/renovate-image.gitlab-ci.yml' }]);
  });
});

describe('docs/gitlab.md', () => {
  it("quotes init's .gitlab-ci.yml as init writes it", async () => {
    const guide = await readFile(path.join(projectRoot, 'docs/gitlab.md'), 'utf8');
    const quoted = /^```yaml cluster-repo\/\.gitlab-ci\.yml\n([\s\S]*?)^```$/m.exec(guide)?.[1];
    const written = starterGitlabCi({
      project: 'platform/renovate-config-gitops',
      ref: `v${packageJson.version}`,
      applications: [],
    });
    expect(parse(quoted ?? '')).toEqual(parse(written));
  });
});
