import { readWorldFile } from './data-files.ts';
import { json, notFound, type Responder } from './types.ts';

/** Only the files a preset repository serves: never the rest of the working tree. */
const presetFile = /^(default\.json|presets\/[a-z0-9-]+\.json)$/;

/**
 * GitLab's projects and repository files API for one project, answered from a working tree,
 * so that `"extends": ["gitlab>group/project"]` is resolved by Renovate itself, relative
 * `./presets/...` references included.
 */
export function gitlabPresets(project: string, treeRoot: string, host = 'gitlab.com'): Responder {
  const encoded = encodeURIComponent(project);
  return async (request) => {
    if (request.url.hostname !== host || request.method !== 'GET') {
      return undefined;
    }
    // URL keeps %2F encoded in pathname, which is how GitLab expects the project id.
    const prefix = `/api/v4/projects/${encoded}`;
    const pathname = request.url.pathname;
    if (pathname === prefix) {
      return json({ id: 4242, path_with_namespace: project, default_branch: 'main' });
    }
    const match = new RegExp(`^${prefix}/repository/files/([^/]+)(/raw)?$`).exec(pathname);
    if (!match?.[1]) {
      return undefined;
    }
    const fileName = decodeURIComponent(match[1]);
    const content = presetFile.test(fileName) ? await readWorldFile(treeRoot, fileName) : undefined;
    if (content === undefined) {
      return notFound('404 File Not Found');
    }
    if (match[2]) {
      return { status: 200, headers: { 'content-type': 'text/plain' }, body: content };
    }
    return json({
      file_name: fileName.split('/').pop(),
      file_path: fileName,
      encoding: 'base64',
      content: content.toString('base64'),
      ref: request.url.searchParams.get('ref') ?? 'main',
    });
  };
}
