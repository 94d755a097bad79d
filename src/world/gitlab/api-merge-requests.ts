import { json } from '../types.ts';
import {
  message,
  type ProjectCall,
  paginated,
  paginationParams,
  projectRoute,
  type Route,
} from './api-router.ts';
import type { MergeRequest, Project } from './entities.ts';
import { MergeRefusedError } from './instance.ts';
import * as represent from './representations.ts';

/** `GET /projects/:id/merge_requests` parameters in use (docs: api/merge_requests.md). */
const listParams = [
  ...paginationParams,
  'state',
  'scope',
  'order_by',
  'sort',
  'updated_after',
  'source_branch',
  'target_branch',
] as const;

/** GitLab takes labels as a comma-separated string or an array. */
export function labelList(value: unknown): string[] | undefined {
  if (value === undefined) {
    return undefined;
  }
  const labels = Array.isArray(value) ? value.map(String) : String(value).split(',');
  return labels.map((label) => label.trim()).filter(Boolean);
}

export function rememberLabels(project: Project, labels: readonly string[]): void {
  for (const label of labels) {
    project.labels.add(label);
  }
}

function findMergeRequest(call: ProjectCall): MergeRequest | undefined {
  return call.project.mergeRequests.find((mr) => String(mr.iid) === call.params[0]);
}

const notFound = () => message(404, '404 Not found');

async function listMergeRequests(call: ProjectCall) {
  const { query, project, user, instance } = call;
  const state = query.get('state') ?? 'all';
  const scope = query.get('scope') ?? 'all';
  if (
    !['all', 'opened', 'closed', 'merged'].includes(state) ||
    !['all', 'created_by_me'].includes(scope)
  ) {
    return undefined;
  }
  const updatedAfter = query.get('updated_after');
  const byUpdate = query.get('order_by') === 'updated_at';
  const ascending = query.get('sort') === 'asc';
  const selected = project.mergeRequests
    .filter((mr) => state === 'all' || mr.state === state)
    .filter((mr) => scope === 'all' || mr.authorId === user.id)
    .filter((mr) => !query.has('source_branch') || mr.sourceBranch === query.get('source_branch'))
    .filter((mr) => !query.has('target_branch') || mr.targetBranch === query.get('target_branch'))
    .filter((mr) => !updatedAfter || mr.updatedAt > updatedAfter)
    .sort((a, b) => {
      const order = byUpdate
        ? a.updatedAt.localeCompare(b.updatedAt)
        : a.createdAt.localeCompare(b.createdAt) || a.iid - b.iid;
      return ascending ? order : -order;
    });
  const listed = await Promise.all(
    selected.map((mr) => represent.mergeRequest(instance, project, mr)),
  );
  return paginated(call.request, listed);
}

async function createMergeRequest(call: ProjectCall) {
  const { body, project, instance, user } = call;
  const sourceBranch = String(body.source_branch ?? '');
  const targetBranch = String(body.target_branch ?? '');
  const title = String(body.title ?? '');
  if (!sourceBranch || !targetBranch || !title) {
    return message(400, '400 Bad request - source_branch, target_branch and title are required');
  }
  const branches = await project.repository.branches();
  const sha = branches.get(sourceBranch);
  if (!sha || !branches.has(targetBranch)) {
    // GitLab's exact answer for a missing branch is not pinned down here: refuse to invent one.
    return undefined;
  }
  const duplicate = project.mergeRequests.find(
    (mr) =>
      mr.state === 'opened' && mr.sourceBranch === sourceBranch && mr.targetBranch === targetBranch,
  );
  if (duplicate) {
    return json(
      {
        message: [
          `Another open merge request already exists for this source branch: !${duplicate.iid}`,
        ],
      },
      409,
    );
  }
  const labels = labelList(body.labels) ?? [];
  rememberLabels(project, labels);
  const now = instance.timestamp();
  const mr: MergeRequest = {
    id: instance.newId(),
    iid: project.mergeRequests.length + 1,
    title,
    description: typeof body.description === 'string' ? body.description : '',
    state: 'opened',
    sourceBranch,
    targetBranch,
    authorId: user.id,
    labels,
    assigneeIds: [],
    reviewerIds: [],
    createdAt: now,
    updatedAt: now,
    mergedAt: null,
    closedAt: null,
    autoMerge: null,
    forceRemoveSourceBranch: body.remove_source_branch === true,
    squash: body.squash === true,
    sha,
    mergeCommitSha: null,
    mergedById: null,
    approvedByIds: [],
    notes: [],
  };
  project.mergeRequests.push(mr);
  await instance.pipelineForMergeRequest(project, mr);
  return json(await represent.mergeRequest(instance, project, mr), 201);
}

async function updateMergeRequest(call: ProjectCall) {
  const mr = findMergeRequest(call);
  if (!mr) {
    return notFound();
  }
  const { body, project, instance } = call;
  if (typeof body.title === 'string') {
    mr.title = body.title;
  }
  if (typeof body.description === 'string') {
    mr.description = body.description;
  }
  if (typeof body.target_branch === 'string') {
    mr.targetBranch = body.target_branch;
  }
  const labels = labelList(body.labels);
  if (labels) {
    mr.labels = labels;
  }
  const added = labelList(body.add_labels) ?? [];
  const removed = new Set(labelList(body.remove_labels) ?? []);
  mr.labels = [...new Set([...mr.labels, ...added])].filter((label) => !removed.has(label));
  rememberLabels(project, mr.labels);
  const assignees = call.query.getAll('assignee_ids[]');
  if (assignees.length > 0) {
    mr.assigneeIds = assignees.map(Number);
  }
  if (Array.isArray(body.reviewer_ids)) {
    mr.reviewerIds = body.reviewer_ids.map(Number);
  }
  const now = instance.timestamp();
  if (body.state_event === 'close' && mr.state === 'opened') {
    mr.state = 'closed';
    mr.closedAt = now;
    mr.autoMerge = null;
  } else if (body.state_event === 'reopen' && mr.state === 'closed') {
    mr.state = 'opened';
    mr.closedAt = null;
    mr.sha = (await project.repository.resolveCommit(`refs/heads/${mr.sourceBranch}`)) ?? mr.sha;
  } else if (
    body.state_event !== undefined &&
    body.state_event !== 'close' &&
    body.state_event !== 'reopen'
  ) {
    return undefined;
  }
  mr.updatedAt = now;
  return json(await represent.mergeRequest(instance, project, mr));
}

async function mergeMergeRequest(call: ProjectCall) {
  const mr = findMergeRequest(call);
  if (!mr) {
    return notFound();
  }
  const { body, project, instance, user } = call;
  if (!instance.canPush(project, user)) {
    return message(401, '401 Unauthorized');
  }
  if (mr.state !== 'opened') {
    return message(405, '405 Method Not Allowed');
  }
  try {
    await instance.requestMerge(project, mr, user, {
      // `merge_when_pipeline_succeeds` is the name before GitLab 17.11, `auto_merge` after; both are accepted.
      whenPipelineSucceeds: body.merge_when_pipeline_succeeds === true || body.auto_merge === true,
      removeSourceBranch: body.should_remove_source_branch === true,
      sha: typeof body.sha === 'string' ? body.sha : undefined,
    });
  } catch (err) {
    if (err instanceof MergeRefusedError) {
      return message(err.status, err.message);
    }
    throw err;
  }
  return json(await represent.singleMergeRequest(instance, project, mr, false));
}

function noteRoutes(): Route[] {
  const base = '/merge_requests/(\\d+)/notes';
  return [
    projectRoute(
      'GET',
      base,
      async (call) => {
        const mr = findMergeRequest(call);
        return mr
          ? paginated(
              call.request,
              mr.notes.map((n) => represent.note(call.instance, n, mr)),
            )
          : notFound();
      },
      [...paginationParams, 'sort', 'order_by'],
    ),
    projectRoute('POST', base, async (call) => {
      const mr = findMergeRequest(call);
      if (!mr) {
        return notFound();
      }
      const now = call.instance.timestamp();
      const created = {
        id: call.instance.newId(),
        body: String(call.body.body ?? ''),
        authorId: call.user.id,
        createdAt: now,
        updatedAt: now,
        system: false,
      };
      mr.notes.push(created);
      return json(represent.note(call.instance, created, mr), 201);
    }),
    projectRoute('PUT', `${base}/(\\d+)`, async (call) => {
      const mr = findMergeRequest(call);
      const existing = mr?.notes.find((n) => String(n.id) === call.params[1]);
      if (!mr || !existing) {
        return notFound();
      }
      existing.body = String(call.body.body ?? existing.body);
      existing.updatedAt = call.instance.timestamp();
      return json(represent.note(call.instance, existing, mr));
    }),
    projectRoute('DELETE', `${base}/(\\d+)`, async (call) => {
      const mr = findMergeRequest(call);
      const index = mr?.notes.findIndex((n) => String(n.id) === call.params[1]) ?? -1;
      if (!mr || index < 0) {
        return notFound();
      }
      mr.notes.splice(index, 1);
      return { status: 204, body: '' };
    }),
  ];
}

export const mergeRequestRoutes: Route[] = [
  projectRoute('GET', '/merge_requests', listMergeRequests, listParams),
  projectRoute('POST', '/merge_requests', createMergeRequest),
  projectRoute(
    'GET',
    '/merge_requests/(\\d+)',
    async (call) => {
      const mr = findMergeRequest(call);
      if (!mr) {
        return notFound();
      }
      const diverged =
        call.query.get('include_diverged_commits_count') === '1' ||
        call.query.get('include_diverged_commits_count') === 'true';
      return json(await represent.singleMergeRequest(call.instance, call.project, mr, diverged));
    },
    ['include_diverged_commits_count', 'include_rebase_in_progress', 'render_html'],
  ),
  projectRoute('PUT', '/merge_requests/(\\d+)', updateMergeRequest, ['assignee_ids[]']),
  projectRoute('PUT', '/merge_requests/(\\d+)/merge', mergeMergeRequest),
  ...noteRoutes(),
];
