import { json } from '../types.ts';
import { labelList, rememberLabels } from './api-merge-requests.ts';
import {
  message,
  type ProjectCall,
  paginated,
  paginationParams,
  projectRoute,
  type Route,
} from './api-router.ts';
import type { Issue } from './entities.ts';
import * as represent from './representations.ts';

/** `GET /projects/:id/issues` parameters in use (docs: api/issues.md, "List project issues"). */
const listParams = [
  ...paginationParams,
  'state',
  'scope',
  'issue_type',
  'order_by',
  'sort',
] as const;

function findIssue(call: ProjectCall): Issue | undefined {
  return call.project.issues.find((issue) => String(issue.iid) === call.params[0]);
}

async function listIssues(call: ProjectCall) {
  const { query, project, user, instance } = call;
  const state = query.get('state') ?? 'all';
  const scope = query.get('scope') ?? 'all';
  const type = query.get('issue_type');
  if (!['all', 'opened', 'closed'].includes(state) || !['all', 'created_by_me'].includes(scope)) {
    return undefined;
  }
  const ascending = query.get('sort') === 'asc';
  const listed = project.issues
    .filter((issue) => state === 'all' || issue.state === state)
    .filter((issue) => scope === 'all' || issue.authorId === user.id)
    .filter((issue) => !type || issue.issueType === type)
    .sort((a, b) => (ascending ? a.iid - b.iid : b.iid - a.iid))
    .map((issue) => represent.issue(instance, project, issue));
  return paginated(call.request, listed);
}

async function createIssue(call: ProjectCall) {
  const { body, project, instance, user } = call;
  if (typeof body.title !== 'string' || body.title === '') {
    return message(400, '400 Bad request - title is missing');
  }
  const now = instance.timestamp();
  const labels = labelList(body.labels) ?? [];
  rememberLabels(project, labels);
  const created: Issue = {
    id: instance.newId(),
    iid: project.issues.length + 1,
    title: body.title,
    description: typeof body.description === 'string' ? body.description : '',
    state: 'opened',
    labels,
    authorId: user.id,
    confidential: body.confidential === true,
    issueType: body.issue_type === 'incident' ? 'incident' : 'issue',
    createdAt: now,
    updatedAt: now,
    closedAt: null,
  };
  project.issues.push(created);
  return json(represent.issue(instance, project, created), 201);
}

async function updateIssue(call: ProjectCall) {
  const existing = findIssue(call);
  if (!existing) {
    return message(404, '404 Not found');
  }
  const { body, project, instance } = call;
  if (
    body.state_event !== undefined &&
    body.state_event !== 'close' &&
    body.state_event !== 'reopen'
  ) {
    return undefined;
  }
  if (typeof body.title === 'string') {
    existing.title = body.title;
  }
  if (typeof body.description === 'string') {
    existing.description = body.description;
  }
  const labels = labelList(body.labels);
  if (labels) {
    existing.labels = labels;
    rememberLabels(project, labels);
  }
  if (typeof body.confidential === 'boolean') {
    existing.confidential = body.confidential;
  }
  const now = instance.timestamp();
  if (body.state_event === 'close' && existing.state === 'opened') {
    existing.state = 'closed';
    existing.closedAt = now;
  } else if (body.state_event === 'reopen' && existing.state === 'closed') {
    existing.state = 'opened';
    existing.closedAt = null;
  }
  existing.updatedAt = now;
  return json(represent.issue(instance, project, existing));
}

export const issueRoutes: Route[] = [
  projectRoute('GET', '/issues', listIssues, listParams),
  projectRoute('POST', '/issues', createIssue),
  projectRoute('GET', '/issues/(\\d+)', async (call) => {
    const found = findIssue(call);
    return found
      ? json(represent.issue(call.instance, call.project, found))
      : message(404, '404 Not found');
  }),
  projectRoute('PUT', '/issues/(\\d+)', updateIssue),
];
