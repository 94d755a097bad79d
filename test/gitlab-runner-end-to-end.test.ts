import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Project } from '../src/world/gitlab/entities.ts';
import { type CiJobResult, runCiJob } from './harness/ci-job.ts';
import { readEndToEndCase } from './harness/gitlab-expectations.ts';
import {
  addClusterProject,
  type GitlabWorld,
  gitlabHost,
  startGitlabWorld,
} from './harness/gitlab-world.ts';
import { type InitialisedRepo, initialisedClusterRepo } from './harness/init-cluster-repo.ts';
import { presetProject } from './harness/offline-renovate.ts';
import { projectRoot } from './harness/paths.ts';
import { pipelineSourcesOf } from './harness/pipeline-sources.ts';
import { renovateImagePath } from './harness/renovate-image.ts';
import { type TempRunnerProject, tempRunnerProject } from './gitlab-runner-harness.ts';

const run = promisify(execFile);

describe('the runner template for real: a scheduled pipeline of the runner project', () => {
  let gitlab: GitlabWorld;
  let runner: TempRunnerProject;
  let job: CiJobResult;
  const repos: InitialisedRepo[] = [];
  const projects: Record<string, Project> = {};
  let dispose: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    gitlab = await startGitlabWorld();
    for (const [projectPath, fixture] of [
      ['platform/gitops-with-monitoring', 'fixtures/repos/gitops-with-monitoring'],
      ['platform/platform-cluster', 'fixtures/policy-repos/platform-cluster'],
    ] as const) {
      const repo = await initialisedClusterRepo(path.join(projectRoot, fixture));
      repos.push(repo);
      const sources = await pipelineSourcesOf(repo.dir, projectPath);
      console.log(projectPath, sources);
      projects[projectPath] = await addClusterProject(gitlab, projectPath, repo.dir, {}, { asIs: true, pipelineSources: sources });
    }
    runner = await tempRunnerProject('single');
    await run('git', ['remote', 'set-url', 'origin', `https://${gitlabHost}/platform/renovate-runner.git`], { cwd: runner.dir });
    const image = await renovateImagePath();
    dispose = [image.dispose, runner.dispose];
    job = await runCiJob({
      dir: runner.dir,
      job: 'renovate',
      pipeline: { CI_PIPELINE_SOURCE: 'schedule', CI_COMMIT_REF_PROTECTED: 'true' },
      settings: { RENOVATE_TOKEN: gitlab.bot.token, GITHUB_COM_TOKEN: 'ghp_offlineWorldGithubToken0123456789', RENOVATE_FETCH_CHANGE_LOGS: 'off', ...gitlab.world.env },
      path: [image.dir],
    });
  }, 300_000);
  afterAll(async () => {
    for (const d of [...dispose, ...repos.map((r) => r.dispose)]) await d();
    await gitlab?.dispose();
  });

  it('runs', async () => {
    console.log(job.seconds, job.exitCode);
    console.log(job.stdout.slice(-6000));
    console.log(job.stderr.slice(-3000));
    console.log(gitlab.world.unanswered);
    for (const [p, project] of Object.entries(projects)) {
      console.log(p, JSON.stringify(project.mergeRequests.map((mr) => [mr.sourceBranch, mr.autoMerge])), JSON.stringify(project.pipelines.map((pl) => [pl.source, pl.ref, pl.status])), project.issues.map((i) => i.title));
    }
    console.log(await readdir(job.artifactsDir).catch(() => 'none'), await readdir(job.cacheDir, { recursive: true }).catch(() => 'none'));
    const { cp } = await import('node:fs/promises');
    await cp(path.join(job.artifactsDir, 'renovate-log.ndjson'), '/tmp/rte-log.ndjson');
    await import('node:fs/promises').then((f) => f.writeFile('/tmp/rte-out.txt', job.stdout));
    expect(job.exitCode).toBe(0);
    void readFile; void readEndToEndCase; void presetProject;
  });
});
