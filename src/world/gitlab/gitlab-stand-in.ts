import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Responder, WorldRequest, WorldResponse } from '../types.ts';
import { issueRoutes } from './api-issues.ts';
import { mergeRequestRoutes } from './api-merge-requests.ts';
import { npmPackageRoutes } from './api-npm-packages.ts';
import { projectRoutes } from './api-projects.ts';
import { type Route, routeApiCall } from './api-router.ts';
import { accessLevel } from './entities.ts';
import { gitHttpBackend, parseGitHttpPath } from './git-http-backend.ts';
import { GitlabInstance } from './instance.ts';

const routes: readonly Route[] = [
  ...projectRoutes,
  ...mergeRequestRoutes,
  ...issueRoutes,
  ...npmPackageRoutes,
];

export interface ServedRequest {
  method: string;
  /** The endpoint as GitLab's documentation writes it, e.g. `GET /projects/:id/merge_requests`. */
  endpoint: string;
  status: number;
}

export interface GitlabStandIn {
  instance: GitlabInstance;
  /** Answers the instance's host in the offline world: the REST API and git over smart HTTP. */
  responder: Responder;
  /** Every request answered, by endpoint: what Renovate used. */
  served: ServedRequest[];
  dispose(): Promise<void>;
}

/** `projects/platform%2Fcluster/merge_requests/3` → `/projects/:id/merge_requests/:iid`. */
export function endpointOf(method: string, pathname: string): string {
  const git = parseGitHttpPath(pathname);
  if (git) {
    return `${method} /:namespace/:project.git/${git.endpoint}`;
  }
  const rest = pathname
    .replace(/^\/api\/v4/, '')
    .replace(/^\/projects\/[^/]+/, '/projects/:id')
    .replace(/\/(merge_requests|issues)\/\d+/, '/$1/:iid')
    .replace(/\/notes\/\d+/, '/notes/:note_id')
    .replace(/\/[0-9a-f]{40}(?=\/|$)/, '/:sha')
    .replace(/\/repository\/files\/[^/]+/, '/repository/files/:file_path')
    .replace(
      /\/packages\/npm\/(?:@[^/]+\/)?[^/]+\/-\/.+$/,
      '/packages/npm/*package_name/-/*file_name',
    )
    .replace(/\/packages\/npm\/[^/]+$/, '/packages/npm/:package_name');
  return `${method} ${rest}`;
}

function basicAuthToken(request: WorldRequest): string | undefined {
  const header = request.headers.authorization;
  const value = Array.isArray(header) ? header[0] : header;
  const basic = /^Basic (.+)$/i.exec(value ?? '');
  if (!basic?.[1]) {
    return undefined;
  }
  const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
  return decoded.slice(decoded.indexOf(':') + 1);
}

/** GitLab asks git for credentials with a Basic challenge; git then sends the URL's token. */
const authenticate: WorldResponse = {
  status: 401,
  headers: { 'www-authenticate': 'Basic realm="GitLab"', 'content-type': 'text/plain' },
  body: 'HTTP Basic: Access denied',
};

async function serveGit(
  instance: GitlabInstance,
  request: WorldRequest,
  git: { project: string; endpoint: string },
): Promise<WorldResponse | undefined> {
  const project = instance.project(git.project);
  const user = instance.userByToken(basicAuthToken(request));
  if (!user) {
    return authenticate;
  }
  const level = project ? instance.accessLevelOf(project, user) : 0;
  if (!project || level < accessLevel.reporter) {
    return { status: 404, body: 'The project you were looking for could not be found.' };
  }
  const pushing =
    git.endpoint === 'git-receive-pack' ||
    request.url.searchParams.get('service') === 'git-receive-pack';
  if (pushing && !instance.canPush(project, user)) {
    return { status: 403, body: 'You are not allowed to push code to this project.' };
  }
  const before = pushing ? await project.repository.branches() : undefined;
  const response = await gitHttpBackend(request, {
    projectRoot: instance.repositoriesRoot,
    repositoryPath: `${project.path}.git`,
    endpoint: git.endpoint,
    remoteUser: user.username,
  });
  if (before && git.endpoint === 'git-receive-pack') {
    await instance.afterPush(project, before);
  }
  return response;
}

/**
 * A GitLab instance for tests, faithful where Renovate looks: REST API v4 as GitLab documents it
 * (only the endpoints and parameters below; anything else is left unanswered, which fails the
 * test) and git over smart HTTP served by the real `git http-backend` from bare repositories.
 */
export async function createGitlabStandIn(host = 'gitlab.example.com'): Promise<GitlabStandIn> {
  const root = await mkdtemp(path.join(tmpdir(), 'gitlab-stand-in-'));
  const instance = new GitlabInstance(host, path.join(root, 'repositories'));
  const served: ServedRequest[] = [];
  const responder: Responder = async (request) => {
    if (request.url.hostname !== host) {
      return undefined;
    }
    const git = parseGitHttpPath(request.url.pathname);
    const response = request.url.pathname.startsWith('/api/v4/')
      ? await routeApiCall(routes, instance, request)
      : git
        ? await serveGit(instance, request, git)
        : undefined;
    if (response) {
      served.push({
        method: request.method,
        endpoint: endpointOf(request.method, request.url.pathname),
        status: response.status,
      });
    }
    return response;
  };
  return {
    instance,
    responder,
    served,
    dispose: () => rm(root, { recursive: true, force: true }),
  };
}
