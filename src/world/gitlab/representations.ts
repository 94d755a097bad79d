import type {
  CommitStatus,
  Issue,
  MergeRequest,
  Note,
  Pipeline,
  Project,
  User,
} from './entities.ts';
import type { GitlabInstance } from './instance.ts';

/**
 * The JSON GitLab's REST API v4 returns for each entity, with the field names of its
 * documentation (docs.gitlab.com/api/...). Only fields GitLab documents are written; where a
 * value is not modelled (avatars, time stats) GitLab's own empty value is used.
 */

export function basicUser(instance: GitlabInstance, user: User | undefined) {
  if (!user) {
    return null;
  }
  return {
    id: user.id,
    username: user.username,
    name: user.name,
    state: 'active',
    locked: false,
    avatar_url: null,
    web_url: `https://${instance.host}/${user.username}`,
  };
}

/** `GET /user`: the token's own user, with the e-mail fields only its owner sees. */
export function currentUser(instance: GitlabInstance, user: User) {
  return {
    ...basicUser(instance, user),
    email: user.email,
    commit_email: user.email,
    public_email: null,
    bot: false,
    is_admin: false,
  };
}

export function project(instance: GitlabInstance, p: Project) {
  const name = p.path.split('/').pop() ?? p.path;
  const namespace = p.path.split('/').slice(0, -1).join('/');
  return {
    id: p.id,
    name,
    path: name,
    name_with_namespace: p.path.split('/').join(' / '),
    path_with_namespace: p.path,
    namespace: { full_path: namespace, path: namespace.split('/').pop(), kind: 'group' },
    default_branch: p.defaultBranch,
    visibility: 'private',
    archived: false,
    empty_repo: false,
    mirror: false,
    marked_for_deletion_at: null,
    http_url_to_repo: `https://${instance.host}/${p.path}.git`,
    ssh_url_to_repo: `git@${instance.host}:${p.path}.git`,
    web_url: `https://${instance.host}/${p.path}`,
    repository_access_level: 'enabled',
    merge_requests_access_level: 'enabled',
    issues_access_level: 'enabled',
    builds_access_level: 'enabled',
    merge_requests_enabled: true,
    issues_enabled: true,
    jobs_enabled: true,
    merge_method: 'merge',
    squash_option: 'default_off',
    only_allow_merge_if_pipeline_succeeds: p.onlyAllowMergeIfPipelineSucceeds,
    remove_source_branch_after_merge: true,
    forked_from_project: undefined,
  };
}

export function pipeline(instance: GitlabInstance, p: Project, pl: Pipeline) {
  return {
    id: pl.id,
    iid: pl.iid,
    project_id: p.id,
    sha: pl.sha,
    ref: pl.ref,
    status: instance.pipelineStatus(p, pl),
    source: pl.source,
    created_at: pl.createdAt,
    updated_at: pl.updatedAt,
    web_url: `https://${instance.host}/${p.path}/-/pipelines/${pl.id}`,
  };
}

export function commitStatus(instance: GitlabInstance, s: CommitStatus) {
  return {
    id: s.id,
    sha: s.sha,
    ref: s.ref,
    status: s.status,
    name: s.name,
    target_url: s.targetUrl,
    description: s.description,
    created_at: s.createdAt,
    started_at: null,
    finished_at: s.status === 'pending' || s.status === 'running' ? null : s.createdAt,
    allow_failure: false,
    coverage: null,
    author: basicUser(instance, instance.user(s.authorId)),
  };
}

export function note(instance: GitlabInstance, n: Note, mr: MergeRequest) {
  return {
    id: n.id,
    type: null,
    body: n.body,
    author: basicUser(instance, instance.user(n.authorId)),
    created_at: n.createdAt,
    updated_at: n.updatedAt,
    system: n.system,
    noteable_id: mr.id,
    noteable_type: 'MergeRequest',
    noteable_iid: mr.iid,
    resolvable: false,
    confidential: false,
    internal: false,
  };
}

export function issue(instance: GitlabInstance, p: Project, i: Issue) {
  return {
    id: i.id,
    iid: i.iid,
    project_id: p.id,
    title: i.title,
    description: i.description,
    state: i.state,
    created_at: i.createdAt,
    updated_at: i.updatedAt,
    closed_at: i.closedAt,
    labels: [...i.labels],
    author: basicUser(instance, instance.user(i.authorId)),
    assignees: [],
    assignee: null,
    type: i.issueType === 'incident' ? 'INCIDENT' : 'ISSUE',
    issue_type: i.issueType,
    confidential: i.confidential,
    web_url: `https://${instance.host}/${p.path}/-/issues/${i.iid}`,
    references: { short: `#${i.iid}`, full: `${p.path}#${i.iid}` },
  };
}

/**
 * A merge request as the list endpoints show it. The single-MR endpoint adds the head pipeline
 * and, when asked, the count of diverged commits: `singleMergeRequest`.
 */
export async function mergeRequest(instance: GitlabInstance, p: Project, mr: MergeRequest) {
  const detailed = await instance.detailedMergeStatus(p, mr);
  const users = (ids: number[]) => ids.map((id) => basicUser(instance, instance.user(id)));
  return {
    id: mr.id,
    iid: mr.iid,
    project_id: p.id,
    title: mr.title,
    description: mr.description,
    state: mr.state,
    created_at: mr.createdAt,
    updated_at: mr.updatedAt,
    merged_at: mr.mergedAt,
    closed_at: mr.closedAt,
    merged_by: basicUser(instance, mr.mergedById ? instance.user(mr.mergedById) : undefined),
    merge_user: basicUser(instance, mr.mergedById ? instance.user(mr.mergedById) : undefined),
    target_branch: mr.targetBranch,
    source_branch: mr.sourceBranch,
    source_project_id: p.id,
    target_project_id: p.id,
    author: basicUser(instance, instance.user(mr.authorId)),
    assignee: users(mr.assigneeIds)[0] ?? null,
    assignees: users(mr.assigneeIds),
    reviewers: users(mr.reviewerIds),
    labels: [...mr.labels],
    draft: detailed === 'draft_status',
    work_in_progress: detailed === 'draft_status',
    merge_when_pipeline_succeeds: mr.autoMerge !== null,
    merge_status: detailed === 'conflict' ? 'cannot_be_merged' : 'can_be_merged',
    detailed_merge_status: detailed,
    has_conflicts: detailed === 'conflict',
    sha: mr.sha,
    merge_commit_sha: mr.mergeCommitSha,
    squash_commit_sha: null,
    squash: mr.squash,
    force_remove_source_branch: mr.forceRemoveSourceBranch,
    should_remove_source_branch: mr.autoMerge?.removeSourceBranch ?? null,
    user_notes_count: mr.notes.filter((n) => !n.system).length,
    references: { short: `!${mr.iid}`, full: `${p.path}!${mr.iid}` },
    web_url: `https://${instance.host}/${p.path}/-/merge_requests/${mr.iid}`,
  };
}

export async function singleMergeRequest(
  instance: GitlabInstance,
  p: Project,
  mr: MergeRequest,
  withDivergedCount: boolean,
) {
  const head = instance.lastPipeline(p, mr.sha);
  const headPipeline = head ? pipeline(instance, p, head) : null;
  return {
    ...(await mergeRequest(instance, p, mr)),
    // `pipeline` is deprecated for `head_pipeline` but still returned, and Renovate reads it.
    pipeline: headPipeline,
    head_pipeline: headPipeline,
    ...(withDivergedCount && {
      diverged_commits_count:
        mr.state === 'opened' ? await p.repository.commitsBehind(mr.sha, mr.targetBranch) : 0,
    }),
  };
}
