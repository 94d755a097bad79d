import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { stringify } from 'yaml';

const require = createRequire(import.meta.url);
const run = promisify(execFile);

/** Where gitlab-ci-local keeps a project's state: scripts, builds, artifacts and caches. */
const stateDir = '.gitlab-ci-local';

export interface CiJobOptions {
  /** A committed git work tree with `.gitlab-ci.yml`, e.g. from `tempRunnerProject`. */
  dir: string;
  job: string;
  /** What GitLab predefines for the pipeline being simulated, e.g. CI_PIPELINE_SOURCE. */
  pipeline: Record<string, string>;
  /**
   * The project's Settings > CI/CD variables (the token among them): given to gitlab-ci-local in
   * its variables file, which beats `.gitlab-ci.yml` as those settings do, rather than on its
   * command line, where every process on the machine could read them.
   */
  settings: Record<string, string>;
  /** Directories the runner's machine (the job's image) puts first on PATH. */
  path: string[];
  timeoutMs?: number;
}

export interface CiJobResult {
  exitCode: number;
  /** gitlab-ci-local's output: the job log as GitLab would show it, and its own messages. */
  stdout: string;
  stderr: string;
  seconds: number;
  /** The job's artifacts as gitlab-ci-local saved them. */
  artifactsDir: string;
  /** Where gitlab-ci-local saves the job's caches, one folder per cache key. */
  cacheDir: string;
  /** The copy of the project the job ran in (CI_PROJECT_DIR), as the job left it. */
  buildDir: string;
}

/**
 * Runs one job of a pipeline for real with gitlab-ci-local's shell executor, whatever image the
 * job names (`--force-shell-executor`: `--shell-executor-no-image` only applies to jobs without
 * one). `--shell-isolation` runs it in a fresh copy of the tracked files, as a runner's checkout,
 * and is what makes gitlab-ci-local save the job's cache and artifacts (both with rsync).
 */
export async function runCiJob(options: CiJobOptions): Promise<CiJobResult> {
  if (!/^[\w-]+$/.test(options.job)) {
    // gitlab-ci-local encodes other names into its folder names; not needed so far.
    throw new Error(`job name ${options.job}: only letters, digits, _ and - are supported`);
  }
  await run('rsync', ['--version']).catch(() => {
    throw new Error(
      "gitlab-ci-local copies a job's files, cache and artifacts with rsync, which is not installed (apt-get install rsync; .ci/run does)",
    );
  });
  const entry = require.resolve('gitlab-ci-local/dist/index.js');
  const home = await mkdtemp(path.join(tmpdir(), 'gitlab-ci-local-home-'));
  const variablesFile = path.join(home, stateDir, 'variables.yml');
  await mkdir(path.dirname(variablesFile), { recursive: true });
  // `type: variable` keeps a value that starts with `/` a string: gitlab-ci-local would take
  // such a value for a file variable and hand the job a copy of the file instead.
  const settings = Object.fromEntries(
    Object.entries(options.settings).map(([key, value]) => [
      key,
      { type: 'variable', values: { '*': value } },
    ]),
  );
  await writeFile(variablesFile, stringify({ global: settings }), { mode: 0o600 });
  const buildDir = path.join(options.dir, stateDir, 'builds', options.job);
  const pipeline = {
    ...options.pipeline,
    // For a job that names an image gitlab-ci-local predefines the container's project folder,
    // /builds/<group>/<project>, even when --force-shell-executor runs it on this machine in
    // buildDir: the job would write everything it keeps under $CI_PROJECT_DIR to /builds.
    CI_PROJECT_DIR: buildDir,
    CI_BUILDS_DIR: path.dirname(buildDir),
  };
  const pipelineArgs = Object.entries(pipeline).flatMap(([key, value]) => [
    '--variable',
    `${key}=${value}`,
  ]);
  const args = [
    entry,
    '--home',
    home,
    '--no-color',
    '--force-shell-executor',
    '--shell-isolation',
    ...pipelineArgs,
    options.job,
  ];
  const started = performance.now();
  try {
    const result = await new Promise<{ exitCode: number; stdout: string; stderr: string }>(
      (resolve) => {
        execFile(
          process.execPath,
          args,
          {
            cwd: options.dir,
            // The runner's own environment: gitlab-ci-local hands it to shell jobs under the
            // job's variables. Nothing of this process's environment leaks in.
            env: {
              PATH: [...options.path, process.env.PATH ?? ''].join(path.delimiter),
              HOME: home,
              LANG: 'C.UTF-8',
              TZ: 'UTC',
              // Simulating a scheduled pipeline means setting predefined variables on purpose.
              GCL_IGNORE_PREDEFINED_VARS: Object.keys(pipeline).join(','),
            },
            maxBuffer: 64 * 1024 * 1024,
            timeout: options.timeoutMs ?? 300_000,
          },
          (error, stdout, stderr) => {
            const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
            resolve({ exitCode: code, stdout, stderr });
          },
        );
      },
    );
    const state = path.join(options.dir, stateDir);
    return {
      ...result,
      seconds: (performance.now() - started) / 1000,
      artifactsDir: path.join(state, 'artifacts', options.job),
      cacheDir: path.join(state, 'cache'),
      buildDir,
    };
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}
