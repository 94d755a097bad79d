import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { releaseNotes } from '../scripts/changelog.ts';
import type { Project } from '../src/world/gitlab/entities.ts';
import { gitlabCiLocal, pipelineJobs } from './gitlab-runner-harness.ts';
import { type GitlabWorld, startGitlabWorld } from './harness/gitlab-world.ts';
import { installedPackage } from './harness/installed-package.ts';
import { type NpmInWorld, npmInWorld } from './harness/npm-in-world.ts';
import { presetProject } from './harness/offline-renovate.ts';
import { packageJson, projectRoot } from './harness/paths.ts';
import {
  type ProjectWorkTree,
  placeArtifacts,
  projectWorkTree,
  runReleaseJob,
} from './harness/project-work-tree.ts';
import { type RenovateImagePath, renovateImagePath } from './harness/renovate-image.ts';

const changelog = await readFile(path.join(projectRoot, 'CHANGELOG.md'), 'utf8');

/**
 * This project's own `.gitlab-ci.yml`: the tests on merge requests and the default branch, and
 * on a release tag the package into the project's npm registry and a GitLab release.
 */
describe("this project's .gitlab-ci.yml", () => {
  let tree: ProjectWorkTree;
  beforeAll(async () => {
    tree = await projectWorkTree();
  });
  afterAll(() => tree?.dispose());

  it("passes GitLab's CI schema (bundled by gitlab-ci-local)", async () => {
    const result = await gitlabCiLocal(tree.dir, ['--list-json']);
    expect(result.stderr).toContain('json schema validated');
    expect(result.exitCode, result.stderr).toBe(0);
  });

  it.each<{ pipeline: string; variables: Record<string, string>; jobs: string[] }>([
    {
      pipeline: 'merge request',
      variables: {
        CI_PIPELINE_SOURCE: 'merge_request_event',
        CI_MERGE_REQUEST_IID: '3',
        CI_COMMIT_BRANCH: '',
      },
      jobs: ['test'],
    },
    {
      pipeline: 'push to the default branch',
      variables: { CI_PIPELINE_SOURCE: 'push', CI_COMMIT_BRANCH: 'main' },
      jobs: ['test'],
    },
    {
      pipeline: 'tag v1.2.3',
      variables: { CI_PIPELINE_SOURCE: 'push', CI_COMMIT_TAG: 'v1.2.3', CI_COMMIT_BRANCH: '' },
      jobs: ['test', 'publish', 'release'],
    },
    ...['1.2.3', 'v1.2', 'v1.2.3-rc.1', 'nightly'].map((tag) => ({
      // Nothing to publish: the commit was tested where it was pushed.
      pipeline: `tag ${tag}, not a release`,
      variables: { CI_PIPELINE_SOURCE: 'push', CI_COMMIT_TAG: tag, CI_COMMIT_BRANCH: '' },
      jobs: [],
    })),
    {
      // Pushes to a branch without a merge request start nothing: the merge request tests it.
      pipeline: 'push to a feature branch',
      variables: { CI_PIPELINE_SOURCE: 'push', CI_COMMIT_BRANCH: 'feature/x' },
      jobs: [],
    },
    {
      pipeline: 'push to a feature branch with an open merge request',
      variables: {
        CI_PIPELINE_SOURCE: 'push',
        CI_COMMIT_BRANCH: 'feature/x',
        CI_OPEN_MERGE_REQUESTS: `${presetProject}!3`,
      },
      jobs: [],
    },
    {
      pipeline: '"Run pipeline" on a feature branch',
      variables: { CI_PIPELINE_SOURCE: 'web', CI_COMMIT_BRANCH: 'feature/x' },
      jobs: ['test'],
    },
    {
      pipeline: 'schedule',
      variables: { CI_PIPELINE_SOURCE: 'schedule', CI_COMMIT_BRANCH: 'feature/x' },
      jobs: [],
    },
  ])('$pipeline -> $jobs', async ({ variables, jobs }) => {
    expect(await pipelineJobs(tree.dir, variables)).toEqual(jobs);
  });
});

describe('a release tag, run for real: publish and release jobs against the GitLab stand-in', () => {
  let gitlab: GitlabWorld;
  let project: Project;
  let tree: ProjectWorkTree;
  let image: RenovateImagePath;
  let tarball: string;
  let settings: Record<string, string>;
  let npm: NpmInWorld;
  const tag = `v${packageJson.version}`;
  const jobToken = 'glcbt-publish-job-0123456789';
  /** One job of the tag's pipeline, run for real in the project's work tree. */
  const releaseJob = (job: 'publish' | 'release', atTag = tag) =>
    runReleaseJob({
      tree,
      job,
      tag: atTag,
      projectId: project.id,
      jobToken,
      settings,
      path: [image.dir],
    });

  beforeAll(async () => {
    gitlab = await startGitlabWorld();
    const found = gitlab.standIn.instance.project(presetProject);
    if (!found) throw new Error(`no project ${presetProject}`);
    project = found;
    gitlab.standIn.instance.addJobToken(project, gitlab.human, jobToken);
    tree = await projectWorkTree();
    image = await renovateImagePath();
    tarball = (await installedPackage()).tarball.file;
    // The test job's artifact, the package it packed, as the publish job finds it.
    await placeArtifacts(tree, 'test', { [`package/${path.basename(tarball)}`]: tarball });
    npm = await npmInWorld();
    settings = { ...gitlab.world.env, ...npm.env };
  }, 300_000);
  afterAll(async () => {
    await npm?.close();
    await image?.dispose();
    await tree?.dispose();
    await gitlab?.dispose();
  });

  it('publish refuses a tag that is not the version of package.json, before anything else', async () => {
    const job = await releaseJob('publish', 'v9.9.9');
    expect(job.exitCode).not.toBe(0);
    expect(job.stdout).toContain(
      `release-notes: tag v9.9.9 is version 9.9.9, but package.json says ${packageJson.version}`,
    );
    expect(job.stdout).not.toContain('npm publish');
    expect(project.npmPackages).toEqual([]);
  });

  it(`publish puts the tested tarball into the project's npm registry for ${tag}`, async () => {
    const job = await releaseJob('publish');
    expect(job.exitCode, job.stdout).toBe(0);
    expect(project.npmPackages.map((pkg) => [pkg.name, pkg.version])).toEqual([
      [packageJson.name, packageJson.version],
    ]);
    expect(project.npmPackages[0]?.tarball).toEqual(await readFile(tarball));
    expect(await readFile(path.join(job.artifactsDir, 'release-notes.md'), 'utf8')).toBe(
      releaseNotes(changelog, packageJson.version),
    );
    expect(`${job.stdout}${job.stderr}`).not.toContain(jobToken);
    // Published with the job token of the project itself, through the project-level endpoint.
    expect(gitlab.standIn.served).toContainEqual({
      method: 'PUT',
      endpoint: 'PUT /projects/:id/packages/npm/:package_name',
      status: 200,
    });
  });

  it("release gets the version's section of CHANGELOG.md from publish, as its description", async () => {
    const job = await releaseJob('release');
    expect(job.exitCode, job.stdout).toBe(0);
    expect(await readdir(job.buildDir)).toContain('release-notes.md');
    expect(await readFile(path.join(job.buildDir, 'release-notes.md'), 'utf8')).toBe(
      releaseNotes(changelog, packageJson.version),
    );
  });

  it('publish of the same version again fails, and changes nothing', async () => {
    const job = await releaseJob('publish');
    expect(job.exitCode).not.toBe(0);
    expect(project.npmPackages).toHaveLength(1);
  });
});
