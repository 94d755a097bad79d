import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { initGitRepo } from '../gitlab-runner-harness.ts';
import { type CiJobResult, runCiJob } from './ci-job.ts';
import { gitlabHost } from './gitlab-world.ts';
import { presetProject } from './offline-renovate.ts';
import { projectRoot } from './paths.ts';

const run = promisify(execFile);

export interface ProjectWorkTree {
  dir: string;
  dispose(): Promise<void>;
}

/**
 * This project as a runner checks it out for its own pipeline: every file git would commit from
 * this working tree (tracked, and new files not ignored), committed again in a throwaway
 * repository whose origin is the project on the stand-in's host.
 */
export async function projectWorkTree(): Promise<ProjectWorkTree> {
  const dir = await mkdtemp(path.join(tmpdir(), 'project-work-tree-'));
  try {
    const { stdout } = await run(
      'git',
      ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
      { cwd: projectRoot, maxBuffer: 16 * 1024 * 1024 },
    );
    for (const file of stdout.split('\0').filter(Boolean)) {
      // A tracked file deleted in the working tree is not part of the next commit either.
      await cp(path.join(projectRoot, file), path.join(dir, file)).catch((err: unknown) => {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      });
    }
    await initGitRepo(dir, `https://${gitlabHost}/${presetProject}.git`);
    return { dir, dispose: () => rm(dir, { recursive: true, force: true }) };
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}

/**
 * Leaves `files` where gitlab-ci-local keeps a job's artifacts, as if `job` had run in this
 * pipeline: a job that `needs` it gets them in its checkout.
 */
export async function placeArtifacts(
  tree: ProjectWorkTree,
  job: string,
  files: Record<string, string>,
): Promise<void> {
  for (const [inside, source] of Object.entries(files)) {
    const target = path.join(tree.dir, '.gitlab-ci-local', 'artifacts', job, inside);
    await mkdir(path.dirname(target), { recursive: true });
    await cp(source, target);
  }
}

export interface ReleaseJobOptions {
  tree: ProjectWorkTree;
  job: 'publish' | 'release';
  tag: string;
  /** The stand-in's id of this project: what GitLab predefines as CI_PROJECT_ID. */
  projectId: number;
  jobToken: string;
  /** The runner's environment (the world's proxy) and npm's settings. */
  settings: Record<string, string>;
  path: string[];
}

/** One job of a tag pipeline of this project, run for real by gitlab-ci-local. */
export function runReleaseJob(options: ReleaseJobOptions): Promise<CiJobResult> {
  return runCiJob({
    dir: options.tree.dir,
    job: options.job,
    pipeline: {
      CI_PIPELINE_SOURCE: 'push',
      CI_COMMIT_TAG: options.tag,
      CI_COMMIT_BRANCH: '',
      CI_PROJECT_ID: String(options.projectId),
      CI_JOB_TOKEN: options.jobToken,
    },
    settings: options.settings,
    path: options.path,
  });
}
