import { execFile } from 'node:child_process';
import { realpath, stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import { UserError } from '../shared/user-error.ts';

const execFileAsync = promisify(execFile);

/** The directory exists and git tracks it; Renovate reads the files git tracks. */
export async function assertGitRepository(dir: string): Promise<void> {
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw new UserError(`${dir}: no such directory`);
  }
  const inside = await execFileAsync('git', ['rev-parse', '--is-inside-work-tree'], {
    cwd: dir,
  }).then(
    ({ stdout }) => stdout.trim() === 'true',
    () => false,
  );
  if (!inside) {
    throw new UserError(
      `${dir}: not a git repository. Renovate reads the files git tracks: run \`git init && git add -A\` there first`,
    );
  }
}

/**
 * The directory is the top level of a git repository: where Renovate looks for its config and
 * what the file paths in package rules are relative to.
 */
export async function assertRepositoryRoot(dir: string): Promise<void> {
  await assertGitRepository(dir);
  const { stdout } = await execFileAsync('git', ['rev-parse', '--show-toplevel'], { cwd: dir });
  const [top, here] = await Promise.all([realpath(stdout.trim()), realpath(dir)]);
  if (top !== here) {
    throw new UserError(
      `${dir} is inside the git repository ${top}, not its top level: run this on ${top}, where renovate.json belongs`,
    );
  }
}
