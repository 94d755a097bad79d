import { fakeObjectId, type GitRepoData, readWorldYaml } from './data-files.ts';
import { json, type Responder } from './types.ts';

interface GraphqlRequest {
  query?: string;
  variables?: { owner?: string; name?: string };
}

function tagNodes(repoId: string, repo: GitRepoData): unknown[] {
  return (repo.tags ?? [])
    .map((tag) => ({
      version: tag.name,
      target: {
        type: 'Commit',
        oid: fakeObjectId(`${repoId} refs/tags/${tag.name}`),
        releaseTimestamp: tag.date,
      },
    }))
    .reverse();
}

function releaseNodes(repoId: string, repo: GitRepoData): unknown[] {
  return (repo.releases ?? [])
    .map((release, index) => ({
      version: release.tag,
      releaseTimestamp: release.date,
      isDraft: false,
      isPrerelease: release.prerelease ?? false,
      url: `https://github.com/${repoId}/releases/tag/${release.tag}`,
      id: index + 1,
      name: release.tag,
      description: null,
    }))
    .reverse();
}

/**
 * GitHub's GraphQL API as Renovate's github-tags and github-releases datasources query it:
 * one `repository(owner, name)` query whose `payload` is either `refs` (tags) or `releases`.
 * Everything fits one page, so `hasNextPage` is always false.
 */
export function githubGraphql(root: string): Responder {
  return async (request) => {
    if (request.url.hostname !== 'api.github.com' || request.url.pathname !== '/graphql') {
      return undefined;
    }
    const { query = '', variables = {} } = JSON.parse(request.body || '{}') as GraphqlRequest;
    const repoId = `${variables.owner}/${variables.name}`;
    const repo = await readWorldYaml<GitRepoData>(root, 'git', 'github.com', `${repoId}.yaml`);
    if (!repo) {
      return json({
        data: { repository: null },
        errors: [
          {
            type: 'NOT_FOUND',
            message: `Could not resolve to a Repository with the name '${repoId}'.`,
          },
        ],
      });
    }
    const kind = /payload:\s*refs\(/.test(query)
      ? 'tags'
      : /payload:\s*releases\(/.test(query)
        ? 'releases'
        : undefined;
    if (!kind) {
      return undefined;
    }
    const nodes = kind === 'tags' ? tagNodes(repoId, repo) : releaseNodes(repoId, repo);
    return json({
      data: {
        repository: {
          isRepoPrivate: false,
          payload: { pageInfo: { hasNextPage: false, endCursor: null }, nodes },
        },
      },
    });
  };
}
