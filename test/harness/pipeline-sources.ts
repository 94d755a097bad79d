import type { PipelineSources } from '../../src/world/gitlab/entities.ts';
import { pipelineJobs } from '../gitlab-runner-harness.ts';
import { ciWorkTree } from './ci-work-tree.ts';

/** gitlab-ci-local's CI_PROJECT_ID. Renovate's branches are in the project itself. */
export const ciProjectId = '1217';

/** What GitLab predefines, besides the rest, in a pipeline for a merge request in the project. */
export function mergeRequestPipelineVariables(iid: number): Record<string, string> {
  return {
    CI_PIPELINE_SOURCE: 'merge_request_event',
    CI_PROJECT_ID: ciProjectId,
    CI_MERGE_REQUEST_IID: String(iid),
    CI_MERGE_REQUEST_PROJECT_ID: ciProjectId,
    CI_MERGE_REQUEST_SOURCE_PROJECT_ID: ciProjectId,
  };
}

/**
 * Which events start a pipeline in a project with this tree's `.gitlab-ci.yml`, decided as GitLab
 * decides it (a pipeline only when some job's `rules:` let it in) by gitlab-ci-local's evaluation
 * of those rules: what to tell the stand-in, which evaluates no rules.
 */
export async function pipelineSourcesOf(
  tree: string,
  projectPath: string,
): Promise<PipelineSources> {
  const workTree = await ciWorkTree(tree, projectPath);
  try {
    // One after the other: gitlab-ci-local keeps its state in the project folder.
    const push = await pipelineJobs(workTree.dir, { CI_PIPELINE_SOURCE: 'push' });
    const mergeRequestEvent = await pipelineJobs(workTree.dir, mergeRequestPipelineVariables(1));
    return { push: push.length > 0, mergeRequestEvent: mergeRequestEvent.length > 0 };
  } finally {
    await workTree.dispose();
  }
}
