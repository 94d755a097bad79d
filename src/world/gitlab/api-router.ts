import { json, type WorldRequest, type WorldResponse } from '../types.ts';
import type { JobToken, Project, User } from './entities.ts';
import type { GitlabInstance } from './instance.ts';

export interface ApiCall {
  request: WorldRequest;
  instance: GitlabInstance;
  /** Who the token acts for: its user, or for a job token the user the job runs for. */
  user: User;
  /** Set when the token is a CI/CD job token. */
  job?: JobToken;
  /** The route's captures, decoded. */
  params: string[];
  query: URLSearchParams;
  /** The JSON body (Renovate sends JSON), or form fields parsed into an object. */
  body: Record<string, unknown>;
}

export interface ProjectCall extends ApiCall {
  project: Project;
}

/** What a route answers; undefined means "not a request this stand-in knows": it fails the test. */
type Answer = Promise<WorldResponse | undefined>;

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Matched against the path after `/api/v4/`, with `%2F` still encoded. */
  path: RegExp;
  /** Query parameters the route understands; any other makes the request unknown. */
  query?: readonly string[];
  /** Whether a CI/CD job token may call it (only some endpoints accept one: the package registries). */
  jobToken?: boolean;
  handle(call: ApiCall): Answer;
}

/** Query parameters every list endpoint takes (docs: api/rest/index.md, "Pagination"). */
export const paginationParams = ['page', 'per_page'] as const;

export function message(status: number, text: string): WorldResponse {
  return json({ message: text }, status);
}

/** GitLab names the project in a path either by id or by its URL-encoded full path. */
export function projectRoute(
  method: Route['method'],
  rest: string,
  handle: (call: ProjectCall) => Answer,
  query?: readonly string[],
  options: { jobToken?: boolean } = {},
): Route {
  return {
    method,
    path: new RegExp(`^projects/([^/]+)${rest}$`),
    query,
    ...options,
    async handle(call) {
      const [id = '', ...params] = call.params;
      const project = call.instance.project(id);
      if (!project || call.instance.accessLevelOf(project, call.user) === 0) {
        return message(404, '404 Project Not Found');
      }
      const job = call.job?.project;
      if (job && job !== project && !project.jobTokenAllowlist.has(job.id)) {
        // Docs: ci/jobs/ci_job_token.md, "Control job token access to your project".
        return message(
          403,
          `403 Forbidden - Authentication by CI/CD job token not allowed from ${job.path} to ${project.path}.`,
        );
      }
      return handle({ ...call, project, params });
    },
  };
}

/**
 * Offset pagination as GitLab does it: `page` and `per_page` (default 20, at most 100), the
 * `x-*` headers and a `link` header with first, last, prev and next.
 */
export function paginated(request: WorldRequest, items: unknown[]): WorldResponse {
  const perPage = Math.min(
    Math.max(Number(request.url.searchParams.get('per_page') ?? 20), 1),
    100,
  );
  const page = Math.max(Number(request.url.searchParams.get('page') ?? 1), 1);
  const totalPages = Math.max(Math.ceil(items.length / perPage), 1);
  const pageUrl = (n: number) => {
    const url = new URL(request.url);
    url.searchParams.set('page', String(n));
    url.searchParams.set('per_page', String(perPage));
    return url.toString();
  };
  const links = [
    ...(page > 1 ? [`<${pageUrl(page - 1)}>; rel="prev"`] : []),
    ...(page < totalPages ? [`<${pageUrl(page + 1)}>; rel="next"`] : []),
    `<${pageUrl(1)}>; rel="first"`,
    `<${pageUrl(totalPages)}>; rel="last"`,
  ];
  const response = json(items.slice((page - 1) * perPage, page * perPage));
  response.headers = {
    ...response.headers,
    link: links.join(', '),
    'x-page': String(page),
    'x-per-page': String(perPage),
    'x-total': String(items.length),
    'x-total-pages': String(totalPages),
    'x-next-page': page < totalPages ? String(page + 1) : '',
    'x-prev-page': page > 1 ? String(page - 1) : '',
  };
  return response;
}

function header(request: WorldRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * A personal access token, as `PRIVATE-TOKEN` or `Authorization: Bearer`, or a job token as
 * `JOB-TOKEN` or `Authorization: Bearer` (how npm sends it) (docs: api/rest/authentication.md).
 */
export function tokenOf(request: WorldRequest): string | undefined {
  const bearer = /^Bearer (.+)$/i.exec(header(request, 'authorization') ?? '');
  return header(request, 'private-token') ?? header(request, 'job-token') ?? bearer?.[1];
}

function parseBody(request: WorldRequest): Record<string, unknown> | undefined {
  if (request.body === '') {
    return {};
  }
  const type = header(request, 'content-type') ?? '';
  if (type.includes('json')) {
    const parsed: unknown = JSON.parse(request.body);
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : undefined;
  }
  if (type.includes('x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(request.body));
  }
  return undefined;
}

/** Finds the route for an `/api/v4/` request and runs it; undefined for what no route knows. */
export async function routeApiCall(
  routes: readonly Route[],
  instance: GitlabInstance,
  request: WorldRequest,
): Promise<WorldResponse | undefined> {
  const rest = request.url.pathname.replace(/^\/api\/v4\//, '');
  for (const route of routes) {
    const match = route.method === request.method ? route.path.exec(rest) : null;
    if (!match) {
      continue;
    }
    const known = new Set(route.query ?? []);
    if ([...request.url.searchParams.keys()].some((key) => !known.has(key))) {
      return undefined;
    }
    const token = tokenOf(request);
    const job = instance.jobByToken(token);
    const user = job?.user ?? instance.userByToken(token);
    if (!user || (job && !route.jobToken)) {
      return message(401, '401 Unauthorized');
    }
    const body = parseBody(request);
    if (!body) {
      return undefined;
    }
    const params = match.slice(1).map((param) => decodeURIComponent(param ?? ''));
    return route.handle({
      request,
      instance,
      user,
      ...(job ? { job } : {}),
      params,
      query: request.url.searchParams,
      body,
    });
  }
  return undefined;
}
