import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Project } from '../src/world/gitlab/entities.ts';
import { type CiJobResult, runCiJob } from './harness/ci-job.ts';
import { type CiWorkTree, ciWorkTree } from './harness/ci-work-tree.ts';
import { runCli } from './harness/cli.ts';
import { addClusterProject, type GitlabWorld, startGitlabWorld } from './harness/gitlab-world.ts';
import { type InitialisedRepo, initialisedClusterRepo } from './harness/init-cluster-repo.ts';
import { installedPackage } from './harness/installed-package.ts';
import { type NpmInWorld, npmInWorld } from './harness/npm-in-world.ts';
import { presetProject } from './harness/offline-renovate.ts';
import { packageJson, projectRoot } from './harness/paths.ts';
import { mergeRequestPipelineVariables } from './harness/pipeline-sources.ts';
import {
  type ProjectWorkTree,
  placeArtifacts,
  projectWorkTree,
  runReleaseJob,
} from './harness/project-work-tree.ts';
import { type RenovateImagePath, renovateImagePath } from './harness/renovate-image.ts';

/**
 * templates/cluster-repo.gitlab-ci.yml run for real: each check of a merge request pipeline of a
 * cluster repository set up by `renovate-gitops init`, by gitlab-ci-local's shell executor, with
 * the pinned Renovate on PATH as the image has it. renovate-gitops comes the way it comes on
 * GitLab: this checkout packed, published by this project's own `publish` job into the
 * stand-in's npm registry, installed from there by each job with its job token.
 */
const fixture = path.join(projectRoot, 'fixtures/policy-repos/platform-cluster');
const clusterPath = 'clusters/platform-cluster';

let gitlab: GitlabWorld;
let preset: Project;
let cluster: Project;
let repo: InitialisedRepo;
let image: RenovateImagePath;
let npm: NpmInWorld;
let settings: Record<string, string>;
const jobToken = 'glcbt-cluster-mr-job-0123456789';
const trees: CiWorkTree[] = [];

/** A merge request pipeline's job of the cluster project, in `tree`. */
function runCheck(tree: CiWorkTree, job: string): Promise<CiJobResult> {
  return runCiJob({
    dir: tree.dir,
    job,
    pipeline: { ...mergeRequestPipelineVariables(1), CI_JOB_TOKEN: jobToken },
    settings,
    path: [image.dir],
  });
}

/** init's repository with `files` changed, checked out for a job. */
async function variant(files: Record<string, string>): Promise<CiWorkTree> {
  const copy = await initialisedClusterRepo(fixture);
  try {
    for (const [file, content] of Object.entries(files)) {
      await writeFile(path.join(copy.dir, file), content);
    }
    const tree = await ciWorkTree(copy.dir, clusterPath);
    trees.push(tree);
    return tree;
  } finally {
    await copy.dispose();
  }
}

function output(job: CiJobResult): string {
  return `${job.stdout}\n${job.stderr}`;
}

beforeAll(async () => {
  gitlab = await startGitlabWorld();
  const found = gitlab.standIn.instance.project(presetProject);
  if (!found) throw new Error(`no project ${presetProject}`);
  preset = found;
  image = await renovateImagePath();
  npm = await npmInWorld();
  settings = { ...gitlab.world.env, ...npm.env };

  // The release: this project's publish job puts the packed checkout into its registry.
  const project: ProjectWorkTree = await projectWorkTree();
  try {
    const tarball = (await installedPackage()).tarball.file;
    await placeArtifacts(project, 'test', { [`package/${path.basename(tarball)}`]: tarball });
    const publishToken = 'glcbt-publish-job-0123456789';
    gitlab.standIn.instance.addJobToken(preset, gitlab.human, publishToken);
    const published = await runReleaseJob({
      tree: project,
      job: 'publish',
      tag: `v${packageJson.version}`,
      projectId: preset.id,
      jobToken: publishToken,
      settings,
      path: [image.dir],
    });
    if (published.exitCode !== 0) throw new Error(`publish failed:\n${published.stdout}`);
  } finally {
    await project.dispose();
  }

  // The cluster repository, whose merge request pipelines run as the bot (Renovate's do).
  repo = await initialisedClusterRepo(fixture);
  cluster = await addClusterProject(gitlab, clusterPath, repo.dir, {}, { asIs: true });
  gitlab.standIn.instance.addJobToken(cluster, gitlab.bot, jobToken);
  preset.jobTokenAllowlist.add(cluster.id);
}, 600_000);

afterAll(async () => {
  await Promise.all(trees.map((tree) => tree.dispose()));
  await repo?.dispose();
  await npm?.close();
  await image?.dispose();
  await gitlab?.dispose();
});

describe("the checks pass on the repository init set up, Renovate's merge requests alike", () => {
  let tree: CiWorkTree;
  const jobs = new Map<string, CiJobResult>();
  beforeAll(async () => {
    tree = await ciWorkTree(repo.dir, clusterPath);
    trees.push(tree);
  });

  async function passes(name: string): Promise<void> {
    const job = await runCheck(tree, name);
    jobs.set(name, job);
    expect(job.exitCode, output(job)).toBe(0);
    expect(job.stdout).toMatch(new RegExp(`^ PASS {2}${name}$`, 'm'));
    expect(output(job)).not.toContain(jobToken);
  }

  it.each(['validate-renovate-config', 'renovate-gitops-policy', 'renovate-gitops-scan'])(
    '%s',
    passes,
  );

  // annotate reads init's local> preset from the installed package, as scan does (Renovate
  // cannot read local> outside GitLab): before, this job failed on every init'd repository.
  it('renovate-gitops-annotate', () => passes('renovate-gitops-annotate'));

  it('install the released package from the registry of the project init named', () => {
    const job = jobs.get('renovate-gitops-policy');
    expect(job?.stdout).toContain(`${packageJson.name}@${packageJson.version}`);
    // The package document comes from the registry; the tarball's bytes may come from npm's
    // cache, which holds them by their sha512 once any install had them.
    expect(gitlab.standIn.served).toContainEqual({
      method: 'GET',
      endpoint: 'GET /projects/:id/packages/npm/:package_name',
      status: 200,
    });
  });

  it('policy: renovate.json is up to date with renovate-gitops.json5', () => {
    expect(jobs.get('renovate-gitops-policy')?.stdout).toContain(
      'renovate.json is up to date with renovate-gitops.json5',
    );
  });

  it('scan: the artifact holds every pin, as the CLI finds them in the repository', async () => {
    const job = jobs.get('renovate-gitops-scan');
    if (!job) throw new Error('the scan job did not run');
    const artifact = JSON.parse(
      await readFile(path.join(job.artifactsDir, 'renovate-gitops-scan.json'), 'utf8'),
    ) as { file: string }[];
    // The same tree the job checked out (with the templates its include is read from, see
    // placeTemplates), scanned by this checkout's CLI.
    const cli = await runCli([
      'scan',
      '--json',
      '--project',
      'platform/renovate-config-gitops',
      tree.dir,
    ]);
    expect(cli.code, cli.stderr).toBe(0);
    expect(artifact).toEqual(JSON.parse(cli.stdout));
    expect(artifact.filter((row) => row.file.startsWith('apps/')).length).toBeGreaterThan(5);
  });
});

describe('each check fails on its own when what it checks is wrong', () => {
  it('validate-renovate-config: an option Renovate does not know', async () => {
    const renovateJson = JSON.parse(await readFile(path.join(repo.dir, 'renovate.json'), 'utf8'));
    const tree = await variant({
      'renovate.json': `${JSON.stringify({ ...renovateJson, automergee: true }, null, 2)}\n`,
    });
    const job = await runCheck(tree, 'validate-renovate-config');
    expect(job.exitCode).not.toBe(0);
    expect(output(job)).toContain('automergee');
  });

  it('renovate-gitops-policy: renovate-gitops.json5 changed, `renovate-gitops policy` not run', async () => {
    const tree = await variant({
      'renovate-gitops.json5': "{ apps: [{ application: 'podinfo', automerge: 'none' }] }\n",
    });
    const job = await runCheck(tree, 'renovate-gitops-policy');
    expect(job.exitCode).not.toBe(0);
    expect(output(job)).toContain(
      'renovate.json is out of date with renovate-gitops.json5: run `renovate-gitops policy`',
    );
  });

  it('renovate-gitops-scan: a preset Renovate cannot read', async () => {
    const renovateJson = JSON.parse(await readFile(path.join(repo.dir, 'renovate.json'), 'utf8'));
    const tree = await variant({
      'renovate.json': `${JSON.stringify(
        { ...renovateJson, extends: [...renovateJson.extends, 'github>acme/renovate-presets'] },
        null,
        2,
      )}\n`,
    });
    const job = await runCheck(tree, 'renovate-gitops-scan');
    expect(job.exitCode).not.toBe(0);
    expect(output(job)).toMatch(/renovate-gitops: Renovate failed \(exit \d+, [a-z-]+\)/);
  });

  it("every job that installs: a project the package registry's allowlist does not name", async () => {
    preset.jobTokenAllowlist.delete(cluster.id);
    try {
      const tree = await variant({});
      const job = await runCheck(tree, 'renovate-gitops-policy');
      expect(job.exitCode).not.toBe(0);
      expect(output(job)).toContain('403 Forbidden');
      expect(output(job)).not.toContain('renovate-gitops policy --check\n');
    } finally {
      preset.jobTokenAllowlist.add(cluster.id);
    }
  });
});
