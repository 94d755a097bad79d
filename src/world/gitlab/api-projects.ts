import { json } from '../types.ts';
import {
  message,
  type ProjectCall,
  paginated,
  paginationParams,
  projectRoute,
  type Route,
} from './api-router.ts';
import type { CommitStatus } from './entities.ts';
import * as represent from './representations.ts';

/** The version this stand-in answers as: a current GitLab, where auto-merge is the merge endpoint's. */
export const gitlabVersion = '18.5.1';

/** `GET /projects` parameters Renovate's autodiscovery sends (docs: api/projects.md, "List all projects"). */
const projectListParams = [
  ...paginationParams,
  'membership',
  'with_merge_requests_enabled',
  'min_access_level',
  'archived',
  'order_by',
  'sort',
  'topic',
] as const;

const statusStates: readonly CommitStatus['status'][] = [
  'pending',
  'running',
  'success',
  'failed',
  'canceled',
];

async function repositoryFile(call: ProjectCall, raw: boolean) {
  const [filePath = ''] = call.params;
  const ref = call.query.get('ref');
  if (!ref) {
    return message(400, '400 Bad request - ref is missing');
  }
  const commit = await call.project.repository.resolveCommit(ref);
  const content = commit ? await call.project.repository.readFile(commit, filePath) : undefined;
  if (!commit || !content) {
    return message(404, '404 File Not Found');
  }
  if (raw) {
    return { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: content };
  }
  return json({
    file_name: filePath.split('/').pop(),
    file_path: filePath,
    size: content.length,
    encoding: 'base64',
    content: content.toString('base64'),
    ref,
    commit_id: commit,
    last_commit_id: commit,
  });
}

export const projectRoutes: Route[] = [
  {
    method: 'GET',
    path: /^version$/,
    handle: async () => json({ version: gitlabVersion, revision: 'stand-in' }),
  },
  {
    method: 'GET',
    path: /^user$/,
    handle: async ({ instance, user }) => json(represent.currentUser(instance, user)),
  },
  {
    // "List users" filtered by username: how Renovate turns reviewer names into ids.
    method: 'GET',
    path: /^users$/,
    query: ['username'],
    async handle({ instance, query }) {
      const username = query.get('username');
      if (!username) {
        return undefined;
      }
      const found = instance.users.filter((user) => user.username === username);
      return json(found.map((user) => represent.basicUser(instance, user)));
    },
  },
  {
    method: 'GET',
    path: /^projects$/,
    query: projectListParams,
    async handle({ instance, user, query, request }) {
      if (query.get('membership') !== 'true' || query.get('topic')) {
        // Listing every visible project (not only memberships) or topics is not modelled.
        return undefined;
      }
      const minimum = Number(query.get('min_access_level') ?? 0);
      const listed = instance.projects
        .filter((p) => instance.accessLevelOf(p, user) >= Math.max(minimum, 1))
        .sort((a, b) => b.id - a.id)
        .map((p) => represent.project(instance, p));
      return paginated(request, listed);
    },
  },
  projectRoute('GET', '', async ({ instance, project }) =>
    json(represent.project(instance, project)),
  ),
  projectRoute('GET', '/repository/files/([^/]+)', (call) => repositoryFile(call, false), ['ref']),
  projectRoute('GET', '/repository/files/([^/]+)/raw', (call) => repositoryFile(call, true), [
    'ref',
    'lfs',
  ]),
  projectRoute(
    'GET',
    '/repository/commits/([0-9a-f]{40})',
    async ({ instance, project, params }) => {
      const sha = await project.repository.resolveCommit(params[0] ?? '');
      if (!sha) {
        return message(404, '404 Commit Not Found');
      }
      const commit = await project.repository.commitInfo(sha);
      const last = instance.lastPipeline(project, sha);
      return json({
        id: commit.id,
        short_id: commit.id.slice(0, 8),
        title: commit.message.split('\n')[0],
        message: commit.message,
        author_name: commit.authorName,
        author_email: commit.authorEmail,
        authored_date: commit.date,
        committed_date: commit.date,
        parent_ids: commit.parentIds,
        last_pipeline: last ? represent.pipeline(instance, project, last) : null,
        status: last ? instance.pipelineStatus(project, last) : null,
        web_url: `https://${instance.host}/${project.path}/-/commit/${commit.id}`,
      });
    },
  ),
  projectRoute(
    'GET',
    '/repository/tags',
    // Renovate's gitlab-tags datasource, e.g. for the `ref:` of a CI `include: project:`.
    async ({ instance, project, request }) => {
      const tags = await Promise.all(
        [...(await project.repository.tags())].map(async ([name, sha]) => {
          const commit = await project.repository.commitInfo(sha);
          return {
            name,
            message: '',
            target: sha,
            commit: {
              id: commit.id,
              short_id: commit.id.slice(0, 8),
              title: commit.message.split('\n')[0],
              created_at: commit.date,
              committed_date: commit.date,
              web_url: `https://${instance.host}/${project.path}/-/commit/${commit.id}`,
            },
            release: null,
            protected: false,
          };
        }),
      );
      // GitLab's default order: the most recently updated first.
      tags.sort((a, b) => b.commit.created_at.localeCompare(a.commit.created_at));
      return paginated(request, tags);
    },
    paginationParams,
  ),
  projectRoute(
    'GET',
    '/repository/commits/([0-9a-f]{40})/statuses',
    async ({ instance, project, params, request }) => {
      const sha = params[0] ?? '';
      if (!(await project.repository.resolveCommit(sha))) {
        return message(404, '404 Commit Not Found');
      }
      const statuses = project.statuses
        .filter((status) => status.sha === sha)
        .map((status) => represent.commitStatus(instance, status));
      return paginated(request, statuses);
    },
    paginationParams,
  ),
  projectRoute(
    'POST',
    '/statuses/([0-9a-f]{40})',
    async ({ instance, project, params, body, user }) => {
      const sha = params[0] ?? '';
      const state = body.state as CommitStatus['status'];
      if (!statusStates.includes(state)) {
        return message(400, '400 Bad request - state does not have a valid value');
      }
      if (!(await project.repository.resolveCommit(sha))) {
        return message(404, '404 Commit Not Found');
      }
      const name = String(body.name ?? body.context ?? 'default');
      const ref = typeof body.ref === 'string' ? body.ref : undefined;
      const pipelineId =
        typeof body.pipeline_id === 'number'
          ? body.pipeline_id
          : (await instance.pipelineForStatus(project, sha, ref))?.id;
      if (pipelineId === undefined) {
        return message(404, '404 References for commit Not Found');
      }
      const existing = project.statuses.find(
        (status) => status.sha === sha && status.name === name && status.pipelineId === pipelineId,
      );
      if (existing?.status === 'pending' && state === 'pending') {
        // GitLab's state machine refuses a transition to the state a job is already in.
        return message(
          400,
          'Cannot transition status via :enqueue from :pending (Reasons(s): Status cannot transition via "enqueue")',
        );
      }
      const status: CommitStatus = {
        id: existing?.id ?? instance.newId(),
        sha,
        ref: typeof body.ref === 'string' ? body.ref : null,
        name,
        status: state,
        description: typeof body.description === 'string' ? body.description : null,
        targetUrl: typeof body.target_url === 'string' ? body.target_url : null,
        pipelineId,
        authorId: user.id,
        createdAt: instance.timestamp(),
      };
      if (existing) {
        Object.assign(existing, status);
      } else {
        project.statuses.push(status);
      }
      return json(represent.commitStatus(instance, status), 201);
    },
  ),
  projectRoute(
    'GET',
    '/labels',
    async ({ project, request }) =>
      paginated(
        request,
        [...project.labels].sort().map((name, index) => ({ id: index + 1, name })),
      ),
    [...paginationParams, 'with_counts', 'include_ancestor_groups', 'search'],
  ),
];
