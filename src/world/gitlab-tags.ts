import { fakeObjectId, type GitRepoData, readWorldYaml } from './data-files.ts';
import { json, type Responder } from './types.ts';

/**
 * GitLab's repository tags API (`/api/v4/projects/<group%2Fproject>/repository/tags`), which
 * Renovate's gitlab-tags datasource reads, answered from the same `git/<host>/<path>.yaml`
 * that answers `git ls-remote`. Renovate takes the version from `name` and the release
 * timestamp from `commit.created_at`. Projects without data are left to the other
 * responders, so that a missing one is recorded as unanswered.
 */
export function gitlabTags(root: string): Responder {
  return async (request) => {
    const match = /^\/api\/v4\/projects\/([^/]+)\/repository\/tags$/.exec(request.url.pathname);
    if (request.method !== 'GET' || !match?.[1]) return undefined;
    const project = decodeURIComponent(match[1]);
    const repo = await readWorldYaml<GitRepoData>(
      root,
      'git',
      request.url.hostname,
      `${project}.yaml`,
    );
    if (!repo) return undefined;
    const repoId = `${request.url.hostname}/${project}`;
    const tags = (repo.tags ?? []).map((tag) => {
      const id = fakeObjectId(`${repoId} refs/tags/${tag.name}`);
      return {
        name: tag.name,
        message: '',
        target: id,
        commit: { id, short_id: id.slice(0, 8), created_at: tag.date, committed_date: tag.date },
        release: null,
        protected: false,
      };
    });
    // GitLab lists the most recently updated tag first; one page holds them all.
    return json(tags.reverse());
  };
}
