import { spawn } from 'node:child_process';
import type { WorldRequest, WorldResponse } from '../types.ts';

/** What the stand-in tells the bridge about one request's repository and user. */
export interface GitHttpTarget {
  /** The folder that holds every bare repository, as `<namespace>/<project>.git`. */
  projectRoot: string;
  /** `<namespace>/<project>.git`, below projectRoot. */
  repositoryPath: string;
  /** `info/refs`, `git-upload-pack` or `git-receive-pack`. */
  endpoint: string;
  /** The authenticated user's name: http-backend accepts pushes only from a known user. */
  remoteUser: string;
}

/** Git's smart HTTP paths, with or without `.git`, as GitLab accepts them. */
const smartHttpPath = /^\/(.+?)(?:\.git)?\/(info\/refs|git-upload-pack|git-receive-pack)$/;

export function parseGitHttpPath(
  pathname: string,
): { project: string; endpoint: string } | undefined {
  const match = smartHttpPath.exec(pathname);
  if (!match?.[1] || !match[2]) {
    return undefined;
  }
  return { project: decodeURIComponent(match[1]), endpoint: match[2] };
}

function header(request: WorldRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Splits a CGI response into status, headers and body (RFC 3875 section 6). */
function parseCgiResponse(output: Buffer): WorldResponse {
  let end = output.indexOf('\r\n\r\n');
  let separator = 4;
  if (end < 0) {
    end = output.indexOf('\n\n');
    separator = 2;
  }
  if (end < 0) {
    return { status: 500, body: 'git http-backend wrote no headers' };
  }
  const headers: Record<string, string> = {};
  let status = 200;
  for (const line of output.subarray(0, end).toString('latin1').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon < 0) {
      continue;
    }
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'status') {
      status = Number(value.split(' ')[0]);
    } else {
      headers[name] = value;
    }
  }
  return { status, headers, body: output.subarray(end + separator) };
}

/**
 * Runs the real `git http-backend` as a CGI program for one smart HTTP request, so that clones,
 * fetches and pushes are served by git itself.
 */
export function gitHttpBackend(
  request: WorldRequest,
  target: GitHttpTarget,
): Promise<WorldResponse> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_PROJECT_ROOT: target.projectRoot,
    GIT_HTTP_EXPORT_ALL: '1',
    PATH_INFO: `/${target.repositoryPath}/${target.endpoint}`,
    QUERY_STRING: request.url.search.replace(/^\?/, ''),
    REQUEST_METHOD: request.method,
    REMOTE_USER: target.remoteUser,
    REMOTE_ADDR: '127.0.0.1',
    CONTENT_TYPE: header(request, 'content-type') ?? '',
    CONTENT_LENGTH: String(request.rawBody.length),
  };
  const encoding = header(request, 'content-encoding');
  if (encoding) {
    env.HTTP_CONTENT_ENCODING = encoding;
  }
  const protocol = header(request, 'git-protocol');
  if (protocol) {
    env.GIT_PROTOCOL = protocol;
  }
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['http-backend'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0 && stdout.length === 0) {
        reject(new Error(`git http-backend failed (${code}): ${stderr}`));
        return;
      }
      resolve(parseCgiResponse(Buffer.concat(stdout)));
    });
    // http-backend may answer and exit before it reads a body it does not need (a GET's empty
    // one, or a refused request): its answer is on stdout, so a closed stdin is no error.
    child.stdin.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') {
        reject(err);
      }
    });
    child.stdin.end(request.rawBody);
  });
}
