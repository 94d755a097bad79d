import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MergeRequest, Project } from '../src/world/gitlab/entities.ts';
import {
  branchAgainstEdits,
  dashboardBoxes,
  dashboardOf,
  type EndToEndCase,
  readEndToEndCase,
  tickBox,
} from './harness/gitlab-expectations.ts';
import {
  addClusterProject,
  expectCleanRun,
  type GitlabWorld,
  runRenovateOnGitlab,
  startGitlabWorld,
} from './harness/gitlab-world.ts';
import { fixturePath } from './harness/offline-renovate.ts';

const dashboardTitle = 'Dependency Dashboard';

function openBy(project: Project, branch: string): MergeRequest[] {
  return project.mergeRequests.filter((mr) => mr.sourceBranch === branch && mr.state === 'opened');
}

function only(project: Project, branch: string): MergeRequest {
  const found = openBy(project, branch);
  expect(
    found.map((mr) => mr.sourceBranch),
    `one open MR for ${branch}`,
  ).toEqual([branch]);
  return found[0] as MergeRequest;
}

describe('end to end on GitLab: the article repository, extending local>', () => {
  let gitlab: GitlabWorld;
  let project: Project;
  let expected: EndToEndCase;
  let mainBefore: string;

  beforeAll(async () => {
    expected = await readEndToEndCase('gitops-with-monitoring');
    gitlab = await startGitlabWorld();
    project = await addClusterProject(
      gitlab,
      expected.project,
      fixturePath('gitops-with-monitoring'),
    );
    mainBefore = (await project.repository.resolveCommit('main')) ?? '';
  });
  afterAll(() => gitlab?.dispose());

  it('run 1: one MR per minor/patch update, each set to merge when its pipeline succeeds', async () => {
    expectCleanRun(await runRenovateOnGitlab(gitlab, { repositories: [expected.project] }));

    expect(project.mergeRequests.map((mr) => mr.sourceBranch).sort()).toEqual(
      expected.automerged.map((mr) => mr.branch).sort(),
    );
    for (const want of expected.automerged) {
      const mr = only(project, want.branch);
      expect(mr.title).toBe(want.title);
      expect(mr.labels).toEqual(want.labels ?? []);
      expect(mr.authorId).toBe(gitlab.bot.id);
      expect(mr.autoMerge, `${want.branch} set to merge when the pipeline succeeds`).toEqual({
        userId: gitlab.bot.id,
        removeSourceBranch: true,
      });
      expect((await project.repository.commitInfo(mr.sha)).parentIds).toEqual([mainBefore]);
      const { files, changed, contents } = await branchAgainstEdits(project, mr, want.edits);
      expect(changed).toEqual(files);
      for (const file of contents) {
        expect(file.actual, `${want.branch}: ${file.file}`).toBe(file.expected);
      }
    }
  });

  it('run 1: majors and 0.x minors wait on the Dependency Dashboard with a box each', () => {
    const boxes = dashboardBoxes(dashboardOf(project), 'approve-branch');
    expect([...boxes.keys()].sort()).toEqual([...expected.pendingApproval].sort());
    expect([...boxes.values()].every((ticked) => !ticked)).toBe(true);
    for (const branch of expected.pendingApproval) {
      expect(openBy(project, branch)).toEqual([]);
    }
  });

  it('run 2: a ticked box opens that MR, labelled and not set to merge by itself', async () => {
    const issue = project.issues.find((candidate) => candidate.title === dashboardTitle);
    if (!issue) {
      throw new Error('no dashboard');
    }
    issue.description = tickBox(issue.description, 'approve-branch', expected.approved.branch);
    const before = project.mergeRequests.length;

    expectCleanRun(await runRenovateOnGitlab(gitlab, { repositories: [expected.project] }));

    expect(project.mergeRequests).toHaveLength(before + 1);
    const mr = only(project, expected.approved.branch);
    expect(mr.title).toBe(expected.approved.title);
    expect(mr.labels).toEqual(expected.approved.labels);
    expect(mr.autoMerge).toBeNull();
    const { files, changed, contents } = await branchAgainstEdits(
      project,
      mr,
      expected.approved.edits,
    );
    expect(changed).toEqual(files);
    for (const file of contents) {
      expect(file.actual).toBe(file.expected);
    }
    const boxes = dashboardBoxes(dashboardOf(project), 'approve-branch');
    expect(boxes.has(expected.approved.branch)).toBe(false);
  });

  it('run 3: merged by GitLab once the pipeline passed; the rest rebased or closed, nothing opened twice', async () => {
    const { instance } = gitlab.standIn;
    const [merged, failing, superseded] = [
      'renovate/metrics-server-3.x',
      'renovate/grafana-grafana-11.x',
      'renovate/cert-manager-1.x',
    ].map((branch) => only(project, branch)) as [MergeRequest, MergeRequest, MergeRequest];

    // CI finishes: GitLab merges the MR whose pipeline passed, and cancels auto-merge where it failed.
    const passed = instance.lastPipeline(project, merged.sha);
    const failed = instance.lastPipeline(project, failing.sha);
    if (!passed || !failed) {
      throw new Error('Renovate branches without a pipeline');
    }
    await instance.finishPipeline(project, passed, 'success');
    await instance.finishPipeline(project, failed, 'failed');
    expect(merged.state).toBe('merged');
    expect(failing.autoMerge).toBeNull();
    expect((await project.repository.branches()).has(merged.sourceBranch)).toBe(false);
    // Meanwhile a person updates cert-manager by hand on the default branch.
    const values =
      (await project.repository.readFile('main', 'applications/values.yaml'))?.toString() ?? '';
    const mainNow = await instance.pushCommit(
      project,
      'main',
      { 'applications/values.yaml': values.replace('v1.15.3', 'v1.18.2') },
      'Update cert-manager by hand',
      gitlab.human,
    );
    const count = project.mergeRequests.length;

    expectCleanRun(await runRenovateOnGitlab(gitlab, { repositories: [expected.project] }));

    expect(project.mergeRequests, 'nothing opened twice').toHaveLength(count);
    expect(merged.state).toBe('merged');
    expect(superseded.state).toBe('closed');
    for (const want of expected.automerged) {
      if ([merged.sourceBranch, superseded.sourceBranch].includes(want.branch)) {
        continue;
      }
      const mr = only(project, want.branch);
      expect(
        (await project.repository.commitInfo(mr.sha)).parentIds,
        `${want.branch} rebased onto the new default branch`,
      ).toEqual([mainNow]);
      expect(mr.autoMerge, `${want.branch} set to merge again`).not.toBeNull();
    }
    const major = only(project, expected.approved.branch);
    expect(major.autoMerge).toBeNull();
  });
});
