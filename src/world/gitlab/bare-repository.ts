import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Who the stand-in commits as when it merges, like GitLab's merge commits by a user. */
export interface GitIdentity {
  name: string;
  email: string;
}

/** Git must not read the machine's or the user's configuration: the stand-in is the server. */
const isolatedGit = { GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };

async function git(gitDir: string, args: string[], env: Record<string, string> = {}) {
  const { stdout } = await run('git', ['--git-dir', gitDir, ...args], {
    env: { PATH: process.env.PATH ?? '', ...isolatedGit, ...env },
    encoding: 'buffer',
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout;
}

async function gitText(gitDir: string, args: string[], env: Record<string, string> = {}) {
  return (await git(gitDir, args, env)).toString('utf8').trim();
}

function identityEnv(who: GitIdentity, date: Date): Record<string, string> {
  return {
    GIT_AUTHOR_NAME: who.name,
    GIT_AUTHOR_EMAIL: who.email,
    GIT_COMMITTER_NAME: who.name,
    GIT_COMMITTER_EMAIL: who.email,
    GIT_AUTHOR_DATE: date.toISOString(),
    GIT_COMMITTER_DATE: date.toISOString(),
  };
}

/** Thrown when a merge would conflict: GitLab answers such a merge request's merge with 406. */
export class MergeConflictError extends Error {}

/**
 * One project's repository as GitLab keeps it: a bare repository on disk, read and changed with
 * real git. Branches, files and merges are whatever git says, never a model of them.
 */
export class BareRepository {
  readonly gitDir: string;

  constructor(gitDir: string) {
    this.gitDir = gitDir;
  }

  /** A bare repository whose default branch holds exactly the files of `workTree`'s index. */
  static async fromWorkTree(gitDir: string, workTree: string): Promise<BareRepository> {
    await run('git', ['clone', '--bare', '--quiet', workTree, gitDir], {
      env: { PATH: process.env.PATH ?? '', ...isolatedGit },
    });
    const repository = new BareRepository(gitDir);
    // http-backend serves pushes only where the repository allows them.
    await git(gitDir, ['config', 'http.receivepack', 'true']);
    await git(gitDir, ['remote', 'remove', 'origin']).catch(() => undefined);
    return repository;
  }

  async defaultBranch(): Promise<string> {
    return (await gitText(this.gitDir, ['symbolic-ref', '--short', 'HEAD'])) || 'main';
  }

  /** Every branch and the commit it points at. */
  async branches(): Promise<Map<string, string>> {
    const text = await gitText(this.gitDir, [
      'for-each-ref',
      '--format=%(refname:strip=2) %(objectname)',
      'refs/heads',
    ]);
    const branches = new Map<string, string>();
    for (const line of text.split('\n').filter(Boolean)) {
      const space = line.lastIndexOf(' ');
      branches.set(line.slice(0, space), line.slice(space + 1));
    }
    return branches;
  }

  /** Every tag and the commit it points at (through an annotated tag's object). */
  async tags(): Promise<Map<string, string>> {
    const text = await gitText(this.gitDir, [
      'for-each-ref',
      '--format=%(refname:strip=2) %(if)%(*objectname)%(then)%(*objectname)%(else)%(objectname)%(end)',
      'refs/tags',
    ]);
    const tags = new Map<string, string>();
    for (const line of text.split('\n').filter(Boolean)) {
      const space = line.lastIndexOf(' ');
      tags.set(line.slice(0, space), line.slice(space + 1));
    }
    return tags;
  }

  /** The full commit id a ref or id names, or undefined when it names none. */
  async resolveCommit(ref: string): Promise<string | undefined> {
    return gitText(this.gitDir, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).catch(
      () => undefined,
    );
  }

  async commitInfo(sha: string) {
    const [id = '', parents = '', authorName = '', authorEmail = '', date = '', ...message] = (
      await gitText(this.gitDir, ['show', '--no-patch', '--format=%H%n%P%n%an%n%ae%n%aI%n%B', sha])
    ).split('\n');
    return {
      id,
      parentIds: parents.split(' ').filter(Boolean),
      authorName,
      authorEmail,
      date,
      message: message.join('\n'),
    };
  }

  /** A file's bytes at a ref, or undefined when the ref or the file does not exist. */
  async readFile(ref: string, filePath: string): Promise<Buffer | undefined> {
    const commit = await this.resolveCommit(ref);
    if (!commit) {
      return undefined;
    }
    return git(this.gitDir, ['cat-file', 'blob', `${commit}:${filePath}`]).catch(() => undefined);
  }

  /** Commits on `target` that `source` does not have: what GitLab calls diverged commits. */
  async commitsBehind(source: string, target: string): Promise<number> {
    return Number(await gitText(this.gitDir, ['rev-list', '--count', `${source}..${target}`]));
  }

  async canMerge(source: string, target: string): Promise<boolean> {
    return this.mergeTree(source, target).then(
      () => true,
      (err) => {
        if (err instanceof MergeConflictError) {
          return false;
        }
        throw err;
      },
    );
  }

  private async mergeTree(source: string, target: string): Promise<string> {
    try {
      return await gitText(this.gitDir, ['merge-tree', '--write-tree', target, source]);
    } catch (err) {
      if ((err as { code?: number }).code === 1) {
        throw new MergeConflictError(`${source} conflicts with ${target}`);
      }
      throw err;
    }
  }

  /**
   * Merges `source` into `target` with a merge commit (GitLab's default merge method), moving
   * `target` only if nobody moved it meanwhile. Returns the merge commit.
   */
  async merge(source: string, target: string, message: string, who: GitIdentity, date: Date) {
    const targetSha = await this.resolveCommit(`refs/heads/${target}`);
    const sourceSha = await this.resolveCommit(`refs/heads/${source}`);
    if (!targetSha || !sourceSha) {
      throw new Error(`cannot merge ${source} into ${target}: a branch is missing`);
    }
    const tree = await this.mergeTree(sourceSha, targetSha);
    const commit = await gitText(
      this.gitDir,
      ['commit-tree', tree, '-p', targetSha, '-p', sourceSha, '-m', message],
      identityEnv(who, date),
    );
    await git(this.gitDir, ['update-ref', `refs/heads/${target}`, commit, targetSha]);
    return commit;
  }

  async deleteBranch(branch: string): Promise<void> {
    await git(this.gitDir, ['update-ref', '-d', `refs/heads/${branch}`]);
  }

  /** The bytes of `git diff base head`: what a branch changed, for byte-exact comparisons. */
  async diff(base: string, head: string): Promise<Buffer> {
    return git(this.gitDir, ['diff', '--no-color', '--no-ext-diff', base, head]);
  }

  async changedFiles(base: string, head: string): Promise<string[]> {
    const text = await gitText(this.gitDir, ['diff', '--name-only', '-z', base, head]);
    return text.split('\0').filter(Boolean);
  }

  /** A person's commit on a branch, as a push from their clone would make it. */
  async commitFiles(
    branch: string,
    files: Record<string, string>,
    message: string,
    who: GitIdentity,
    date: Date,
  ): Promise<string> {
    const parent = await this.resolveCommit(`refs/heads/${branch}`);
    if (!parent) {
      throw new Error(`no branch ${branch}`);
    }
    const scratch = await mkdtemp(path.join(tmpdir(), 'stand-in-commit-'));
    try {
      const index = { GIT_INDEX_FILE: path.join(scratch, 'index') };
      await git(this.gitDir, ['read-tree', parent], index);
      for (const [filePath, content] of Object.entries(files)) {
        const blobFile = path.join(scratch, 'blob');
        await writeFile(blobFile, content);
        const blob = await gitText(this.gitDir, ['hash-object', '-w', blobFile]);
        await git(
          this.gitDir,
          ['update-index', '--add', '--cacheinfo', `100644,${blob},${filePath}`],
          index,
        );
      }
      const tree = await gitText(this.gitDir, ['write-tree'], index);
      const commit = await gitText(
        this.gitDir,
        ['commit-tree', tree, '-p', parent, '-m', message],
        identityEnv(who, date),
      );
      await git(this.gitDir, ['update-ref', `refs/heads/${branch}`, commit, parent]);
      return commit;
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  }
}
