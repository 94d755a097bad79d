import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  gitlabCiLocal,
  initGitRepo,
  pipelineJobs,
  placeTemplates,
  type TempRunnerProject,
  templateFile,
  tempRunnerProject,
} from './gitlab-runner-harness.ts';

/** The template on its own, as the pipeline of a project: schema errors in it surface here first. */
async function tempTemplateAlone(): Promise<TempRunnerProject> {
  const dir = await mkdtemp(path.join(tmpdir(), 'runner-template-'));
  await writeFile(path.join(dir, '.gitlab-ci.yml'), await readFile(templateFile, 'utf8'));
  await placeTemplates(dir);
  await initGitRepo(dir, 'https://gitlab.com/platform/renovate-config-gitops.git');
  return { dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}

describe("GitLab's CI schema (bundled by gitlab-ci-local)", () => {
  it.each([
    { name: 'the template on its own', make: tempTemplateAlone },
    { name: 'runner-project/ including it', make: () => tempRunnerProject('single') },
    { name: 'runner-project-sharded/ including it', make: () => tempRunnerProject('sharded') },
  ])('accepts $name', async ({ make }) => {
    const project = await make();
    try {
      const result = await gitlabCiLocal(project.dir, ['--list-json']);
      expect(result.stderr).toContain('json schema validated');
      expect(result.exitCode).toBe(0);
    } finally {
      await project.dispose();
    }
  });

  it('rejects the template with a key GitLab does not know, naming it (the check is live)', async () => {
    const project = await tempRunnerProject('single', (template) =>
      template.replace('\n  resource_group:', '\n  resource_groups:'),
    );
    try {
      const result = await gitlabCiLocal(project.dir, ['--list-json']);
      expect(result.exitCode).not.toBe(0);
      expect(result.stderr).toContain(
        "'resource_groups' property is not expected to be here at renovate",
      );
    } finally {
      await project.dispose();
    }
  });
});

/** A kind of pipeline, as GitLab's predefined variables describe it, and the jobs it must get. */
interface PipelineCase {
  pipeline: string;
  gets?: string;
  variables: Record<string, string>;
  jobs: string[];
}

/** CI_PROJECT_ID of the runner project; a fork's merge request comes from another project. */
const runnerProjectId = '4711';

describe('rules of runner-project/: which jobs each pipeline gets', () => {
  let project: TempRunnerProject;
  beforeAll(async () => {
    project = await tempRunnerProject('single');
  });
  afterAll(() => project?.dispose());

  it.each<PipelineCase>([
    {
      pipeline: 'schedule, protected branch',
      variables: { CI_PIPELINE_SOURCE: 'schedule', CI_COMMIT_REF_PROTECTED: 'true' },
      jobs: ['renovate'],
    },
    {
      pipeline: '"Run pipeline", protected branch',
      variables: { CI_PIPELINE_SOURCE: 'web', CI_COMMIT_REF_PROTECTED: 'true' },
      jobs: ['renovate'],
    },
    {
      // No protected token there: Renovate could not even log in.
      pipeline: '"Run pipeline", unprotected branch',
      variables: { CI_PIPELINE_SOURCE: 'web', CI_COMMIT_REF_PROTECTED: 'false' },
      jobs: [],
    },
    {
      pipeline: 'schedule, unprotected branch',
      variables: { CI_PIPELINE_SOURCE: 'schedule', CI_COMMIT_REF_PROTECTED: 'false' },
      jobs: [],
    },
    {
      pipeline: 'push to the default branch',
      variables: { CI_PIPELINE_SOURCE: 'push', CI_COMMIT_REF_PROTECTED: 'true' },
      jobs: [],
    },
    {
      pipeline: 'merge request from a branch',
      variables: {
        CI_PIPELINE_SOURCE: 'merge_request_event',
        CI_COMMIT_REF_PROTECTED: 'false',
        CI_PROJECT_ID: runnerProjectId,
        CI_MERGE_REQUEST_SOURCE_PROJECT_ID: runnerProjectId,
      },
      jobs: ['validate-renovate-config'],
    },
    {
      pipeline: 'merge request from a fork',
      variables: {
        CI_PIPELINE_SOURCE: 'merge_request_event',
        CI_COMMIT_REF_PROTECTED: 'false',
        CI_PROJECT_ID: runnerProjectId,
        CI_MERGE_REQUEST_SOURCE_PROJECT_ID: '9999',
      },
      jobs: [],
    },
  ])('$pipeline -> $jobs', async ({ variables, jobs }) => {
    expect(await pipelineJobs(project.dir, variables)).toEqual(jobs);
  });
});

describe('rules of runner-project-sharded/', () => {
  let project: TempRunnerProject;
  beforeAll(async () => {
    project = await tempRunnerProject('sharded');
  });
  afterAll(() => project?.dispose());

  it.each<PipelineCase>([
    {
      pipeline: 'schedule, protected branch',
      gets: 'a renovate job per shard',
      variables: { CI_PIPELINE_SOURCE: 'schedule', CI_COMMIT_REF_PROTECTED: 'true' },
      // gitlab-ci-local names matrix jobs like GitLab, without the space after each comma.
      jobs: [
        'renovate: [platform,platform/**]',
        'renovate: [clusters,clusters/**]',
        'renovate: [apps-a-m,apps/[a-m]*,apps/[a-m]*/**]',
        'renovate: [apps-n-z,apps/[!a-m]*,apps/[!a-m]*/**]',
      ],
    },
    {
      pipeline: 'merge request from a branch',
      gets: 'the validation alone',
      variables: {
        CI_PIPELINE_SOURCE: 'merge_request_event',
        CI_COMMIT_REF_PROTECTED: 'false',
        CI_PROJECT_ID: runnerProjectId,
        CI_MERGE_REQUEST_SOURCE_PROJECT_ID: runnerProjectId,
      },
      jobs: ['validate-renovate-config'],
    },
  ])('$pipeline -> $gets', async ({ variables, jobs }) => {
    expect(await pipelineJobs(project.dir, variables)).toEqual(jobs);
  });
});
