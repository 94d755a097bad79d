import type { BareRepository } from './bare-repository.ts';

/** GitLab's access levels (docs: api/members.md, "Roles"). */
export const accessLevel = { guest: 10, reporter: 20, developer: 30, maintainer: 40, owner: 50 };

export interface User {
  id: number;
  username: string;
  name: string;
  email: string;
  /** The personal access token that authenticates this user. */
  token: string;
}

/** A pipeline's status as GitLab names it (docs: api/pipelines.md). */
export type PipelineStatus =
  | 'created'
  | 'waiting_for_resource'
  | 'preparing'
  | 'pending'
  | 'running'
  | 'success'
  | 'failed'
  | 'canceled'
  | 'skipped'
  | 'manual'
  | 'scheduled';

/** Whether a push to a branch, and a merge request (opened or its branch pushed), start a pipeline. */
export interface PipelineSources {
  push: boolean;
  mergeRequestEvent: boolean;
}

export interface Pipeline {
  id: number;
  iid: number;
  sha: string;
  ref: string;
  status: PipelineStatus;
  /** `external`: created by a commit status posted for a commit that had no pipeline. */
  source: 'push' | 'web' | 'schedule' | 'merge_request_event' | 'external';
  createdAt: string;
  updatedAt: string;
}

/** A commit status posted through the API: GitLab shows it as an external job of a pipeline. */
export interface CommitStatus {
  id: number;
  sha: string;
  ref: string | null;
  name: string;
  status: 'pending' | 'running' | 'success' | 'failed' | 'canceled';
  description: string | null;
  targetUrl: string | null;
  pipelineId: number | null;
  authorId: number;
  createdAt: string;
}

export interface Note {
  id: number;
  body: string;
  authorId: number;
  createdAt: string;
  updatedAt: string;
  system: boolean;
}

export type MergeRequestState = 'opened' | 'closed' | 'merged';

export interface MergeRequest {
  id: number;
  iid: number;
  title: string;
  description: string;
  state: MergeRequestState;
  sourceBranch: string;
  targetBranch: string;
  authorId: number;
  labels: string[];
  assigneeIds: number[];
  reviewerIds: number[];
  createdAt: string;
  updatedAt: string;
  mergedAt: string | null;
  closedAt: string | null;
  /** "Merge when pipeline succeeds" (GitLab 17: "auto-merge") was set, and by whom. */
  autoMerge: { userId: number; removeSourceBranch: boolean } | null;
  forceRemoveSourceBranch: boolean;
  squash: boolean;
  /** The source branch's head while open; frozen when merged or closed. */
  sha: string;
  mergeCommitSha: string | null;
  mergedById: number | null;
  approvedByIds: number[];
  notes: Note[];
}

export interface Issue {
  id: number;
  iid: number;
  title: string;
  description: string;
  state: 'opened' | 'closed';
  labels: string[];
  authorId: number;
  confidential: boolean;
  issueType: 'issue' | 'incident';
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

/**
 * A CI/CD job token (docs: ci/jobs/ci_job_token.md): it acts as the user the job runs for, from
 * the job's project, and reaches another project only where that project allows it.
 */
export interface JobToken {
  token: string;
  project: Project;
  user: User;
}

/** One version of an npm package in a project's package registry. */
export interface NpmPackage {
  name: string;
  version: string;
  /** The version's package.json as `npm publish` sent it, without its `dist`. */
  manifest: Record<string, unknown>;
  /** The attachment's name, e.g. `@platform/renovate-config-gitops-0.1.0.tgz`. */
  fileName: string;
  tarball: Buffer;
  /** sha1 in hex and sha512 as subresource integrity: npm checks both. */
  shasum: string;
  integrity: string;
  createdAt: string;
}

export interface Project {
  id: number;
  /** `group/subgroup/name`. */
  path: string;
  repository: BareRepository;
  defaultBranch: string;
  /** Members by user id, with their access level. */
  members: Map<number, number>;
  /** Project setting "Pipelines must succeed". */
  onlyAllowMergeIfPipelineSucceeds: boolean;
  /**
   * The events for which the project's CI configuration has a job: GitLab creates no pipeline
   * for an event without one. The stand-in does not evaluate `rules:`; whoever adds the project
   * says (gitlab-ci-local can tell, by the rules).
   */
  pipelineSources: PipelineSources;
  mergeRequests: MergeRequest[];
  issues: Issue[];
  /** Labels exist once something carries them: GitLab creates a project label on first use. */
  labels: Set<string>;
  pipelines: Pipeline[];
  statuses: CommitStatus[];
  /** The package registry's npm packages, one entry per version. */
  npmPackages: NpmPackage[];
  /**
   * Settings > CI/CD > Job token permissions: ids of the projects whose job tokens may reach this
   * one (its own always may).
   */
  jobTokenAllowlist: Set<number>;
}
