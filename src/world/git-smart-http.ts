import { fakeObjectId, type GitRepoData, readWorldYaml } from './data-files.ts';
import type { Responder } from './types.ts';

function pktLine(line: string): string {
  const length = Buffer.byteLength(line) + 4;
  return length.toString(16).padStart(4, '0') + line;
}

/** The version 0 ref advertisement of git's smart HTTP protocol, which is all `git ls-remote` needs. */
export function refAdvertisement(repoId: string, repo: GitRepoData): string {
  const branches = repo.branches ?? ['main'];
  const refs = [
    ...branches.map((branch) => `refs/heads/${branch}`),
    ...(repo.tags ?? []).map((tag) => `refs/tags/${tag.name}`),
  ];
  const head = fakeObjectId(`${repoId} refs/heads/${branches[0] ?? 'main'}`);
  const capabilities = `symref=HEAD:refs/heads/${branches[0] ?? 'main'} agent=git/offline-world`;
  const lines = [
    pktLine(`${head} HEAD\0${capabilities}\n`),
    ...refs.map((ref) => pktLine(`${fakeObjectId(`${repoId} ${ref}`)} ${ref}\n`)),
  ];
  return `${pktLine('# service=git-upload-pack\n')}0000${lines.join('')}0000`;
}

/**
 * `git ls-remote https://<host>/<owner>/<repo>(.git)` through the proxy, answered from
 * `git/<host>/<owner>/<repo>.yaml`. Git falls back to protocol version 0 when the server
 * answers with a version 0 advertisement, so the `Git-Protocol` header can be ignored.
 */
export function gitSmartHttp(root: string): Responder {
  return async (request) => {
    const match = /^\/(.+?)(?:\.git)?\/info\/refs$/.exec(request.url.pathname);
    if (!match?.[1] || request.url.searchParams.get('service') !== 'git-upload-pack') {
      return undefined;
    }
    const repoId = `${request.url.hostname}/${match[1]}`;
    const repo = await readWorldYaml<GitRepoData>(
      root,
      'git',
      request.url.hostname,
      `${match[1]}.yaml`,
    );
    if (!repo) {
      return undefined;
    }
    return {
      status: 200,
      headers: {
        'content-type': 'application/x-git-upload-pack-advertisement',
        'cache-control': 'no-cache',
      },
      body: refAdvertisement(repoId, repo),
    };
  };
}
