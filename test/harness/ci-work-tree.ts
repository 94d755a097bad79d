import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { includeTemplateLocally, initGitRepo, placeTemplates } from '../gitlab-runner-harness.ts';
import { gitlabHost } from './gitlab-world.ts';

const run = promisify(execFile);

export interface CiWorkTree {
  dir: string;
  dispose(): Promise<void>;
}

/**
 * A GitLab project's files as a runner checks them out for gitlab-ci-local: committed, with
 * `origin` on the stand-in's host (gitlab-ci-local derives CI_PROJECT_PATH and the API URL from
 * it) and the `include:` of this project's templates read from this working tree, since the
 * release it names cannot be fetched (see `placeTemplates`). `source` is a folder, or a branch of a bare repository.
 */
export async function ciWorkTree(
  source: string | { gitDir: string; branch: string },
  projectPath: string,
): Promise<CiWorkTree> {
  const dir = await mkdtemp(path.join(tmpdir(), 'ci-work-tree-'));
  try {
    if (typeof source === 'string') {
      await cp(source, dir, { recursive: true, filter: (file) => path.basename(file) !== '.git' });
    } else {
      await run('git', ['clone', '--quiet', '--branch', source.branch, source.gitDir, dir]);
      await rm(path.join(dir, '.git'), { recursive: true, force: true });
    }
    const ciFile = path.join(dir, '.gitlab-ci.yml');
    await writeFile(ciFile, includeTemplateLocally(await readFile(ciFile, 'utf8')));
    await placeTemplates(dir);
    await initGitRepo(dir, `https://${gitlabHost}/${projectPath}.git`);
    return { dir, dispose: () => rm(dir, { recursive: true, force: true }) };
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}
