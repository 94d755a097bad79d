import { execFile } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A fixed author and date, so that fixture commits are the same on every machine. */
export const fixtureGitEnv = {
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'fixture',
  GIT_AUTHOR_EMAIL: 'fixture@example.com',
  GIT_COMMITTER_NAME: 'fixture',
  GIT_COMMITTER_EMAIL: 'fixture@example.com',
  GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z',
  GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z',
};

export interface TempGitRepo {
  dir: string;
  dispose(): Promise<void>;
}

/**
 * Copies a directory into a fresh git repository with one commit, which is what
 * `--platform=local` expects: it sees exactly the tracked files, as a real clone would.
 */
export async function tempGitRepo(
  source: string,
  exclude: readonly string[] = [],
): Promise<TempGitRepo> {
  const dir = await mkdtemp(path.join(tmpdir(), 'cluster-repo-'));
  const skipped = new Set(exclude.map((name) => path.join(source, name)));
  await cp(source, dir, { recursive: true, filter: (file) => !skipped.has(file) });
  const env = { ...process.env, ...fixtureGitEnv };
  const git = (...args: string[]) => run('git', args, { cwd: dir, env });
  await git('init', '--quiet', '--initial-branch=main');
  await git('add', '--all');
  await git('commit', '--quiet', '--no-gpg-sign', '--message', 'fixture');
  return { dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}
