import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { isMap, isSeq, parse, parseDocument } from 'yaml';
import { fixtureGitEnv } from '../src/renovate/temp-git-repo.ts';
import { projectRoot } from './harness/paths.ts';

const run = promisify(execFile);
const require = createRequire(import.meta.url);

export const templatesDir = path.join(projectRoot, 'templates');
export const templateFile = path.join(templatesDir, 'renovate-runner.gitlab-ci.yml');
/** Where runner projects include the template from, as the examples spell it. */
export const templateProject = 'platform/renovate-config-gitops';
export const templateIncludePath = '/templates/renovate-runner.gitlab-ci.yml';

/** The example runner projects under templates/. */
export const runnerProjects = {
  single: path.join(templatesDir, 'runner-project'),
  sharded: path.join(templatesDir, 'runner-project-sharded'),
} as const;
export type RunnerProjectName = keyof typeof runnerProjects;

/** The sharded example shares config.json and renovate.json with the single-job one. */
const sharedRunnerFiles = ['config.json', 'renovate.json'];

export interface TempRunnerProject {
  dir: string;
  dispose(): Promise<void>;
}

const gitEnv = fixtureGitEnv;

/**
 * Rewrites every `include: project:` of this project's templates into `include: local:`, so that
 * gitlab-ci-local resolves them from the working tree instead of fetching them from GitLab.
 * Fails unless some include names one of them.
 */
export function includeTemplateLocally(ciYaml: string): string {
  const doc = parseDocument(ciYaml);
  const includes = doc.get('include');
  if (!isSeq(includes)) {
    throw new Error('the project has no `include:` list');
  }
  let replaced = 0;
  includes.items = includes.items.map((item) => {
    const file = isMap(item) ? item.get('file') : undefined;
    if (
      isMap(item) &&
      item.get('project') === templateProject &&
      typeof file === 'string' &&
      file.startsWith('/templates/')
    ) {
      replaced += 1;
      return doc.createNode({ local: file });
    }
    return item;
  });
  if (replaced === 0) {
    throw new Error(`no include of a template of ${templateProject}`);
  }
  return doc.toString();
}

/**
 * This project's CI templates at the paths an `include:` names them by (`/templates/...`), so that
 * the local includes above, and the templates' own includes of each other, resolve. They must be
 * committed with the project: gitlab-ci-local resolves `include: local:` from tracked files only,
 * so a job's checkout holds them too, where GitLab's would not.
 */
export async function placeTemplates(dir: string): Promise<void> {
  await mkdir(path.join(dir, 'templates'), { recursive: true });
  const files = (await readdir(templatesDir)).filter((file) => file.endsWith('.gitlab-ci.yml'));
  for (const file of files) {
    await cp(path.join(templatesDir, file), path.join(dir, 'templates', file));
  }
}

/**
 * A throwaway copy of an example runner project with the template beside it, committed to a git
 * repository whose origin is on GitLab: the shape gitlab-ci-local expects.
 */
export async function tempRunnerProject(
  name: RunnerProjectName,
  mutateTemplate: (template: string) => string = (template) => template,
): Promise<TempRunnerProject> {
  const dir = await mkdtemp(path.join(tmpdir(), `runner-project-${name}-`));
  for (const file of sharedRunnerFiles) {
    await cp(path.join(runnerProjects.single, file), path.join(dir, file));
  }
  await cp(runnerProjects[name], dir, { recursive: true });
  const ciFile = path.join(dir, '.gitlab-ci.yml');
  await writeFile(ciFile, includeTemplateLocally(await readFile(ciFile, 'utf8')));
  await placeTemplates(dir);
  await writeFile(
    path.join(dir, templateIncludePath),
    mutateTemplate(await readFile(templateFile, 'utf8')),
  );
  await initGitRepo(dir, 'https://gitlab.com/platform/renovate-runner.git');
  return { dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}

/** `git init` + one commit, with `origin/HEAD` set so tools can tell the default branch. */
export async function initGitRepo(dir: string, origin: string): Promise<void> {
  const git = (...args: string[]) =>
    run('git', args, { cwd: dir, env: { ...process.env, ...gitEnv } });
  await git('init', '--quiet', '--initial-branch=main');
  await git('remote', 'add', 'origin', origin);
  await git('add', '--all');
  await git('commit', '--quiet', '--no-gpg-sign', '--message', 'fixture');
  await git('update-ref', 'refs/remotes/origin/main', 'HEAD');
  await git('symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/main');
}

export interface GitlabCiLocalResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs gitlab-ci-local, which validates the pipeline against the CI JSON schema it bundles from
 * GitLab before it does anything else, on a runner project. Variables stand for what GitLab
 * predefines for the pipeline being simulated.
 */
export async function gitlabCiLocal(
  dir: string,
  args: string[],
  variables: Record<string, string> = {},
): Promise<GitlabCiLocalResult> {
  const entry = require.resolve('gitlab-ci-local/dist/index.js');
  const home = await mkdtemp(path.join(tmpdir(), 'gitlab-ci-local-home-'));
  const variableArgs = Object.entries(variables).flatMap(([key, value]) => [
    '--variable',
    `${key}=${value}`,
  ]);
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      [entry, '--home', home, '--no-color', ...args, ...variableArgs],
      {
        // gitlab-ci-local refuses an absolute --cwd; run it inside the project instead.
        cwd: dir,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: home,
          // Setting predefined variables is the point of these runs, not a mistake.
          GCL_IGNORE_PREDEFINED_VARS: Object.keys(variables).join(','),
        },
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    return { exitCode: 0, stdout, stderr };
  } catch (err) {
    const failed = err as { code?: number; stdout?: string; stderr?: string };
    return {
      exitCode: typeof failed.code === 'number' ? failed.code : 1,
      stdout: failed.stdout ?? '',
      stderr: failed.stderr ?? '',
    };
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}

interface ListedJob {
  name: string;
  when: string;
}

/** The jobs a pipeline with these predefined variables would contain, by gitlab-ci-local's rules. */
export async function pipelineJobs(
  dir: string,
  variables: Record<string, string>,
): Promise<string[]> {
  const result = await gitlabCiLocal(dir, ['--list-json'], variables);
  if (result.exitCode !== 0) {
    throw new Error(`gitlab-ci-local --list-json failed:\n${result.stderr}`);
  }
  const jobs = JSON.parse(result.stdout) as ListedJob[];
  return jobs.filter((job) => job.when !== 'never').map((job) => job.name);
}

/** A variable as `.gitlab-ci.yml` may spell it: a plain value or `{ value, description }`. */
type CiVariable = string | number | boolean | { value?: string | number | boolean };

export interface ResolvedJob {
  image?: { name: string };
  before_script?: string[];
  script: string[];
  variables?: Record<string, CiVariable>;
  rules?: unknown[];
  resource_group?: string;
  cache?: { key: string; paths: string[]; when?: string }[];
  artifacts?: { paths: string[]; when?: string; access?: string; expire_in?: string };
  parallel?: { matrix: Record<string, string[]>[] };
}

export interface ResolvedPipeline {
  variables: Record<string, CiVariable>;
  jobs: Record<string, ResolvedJob>;
}

/** The pipeline with includes, `extends` and defaults resolved (gitlab-ci-local --preview). */
export async function resolvedPipeline(dir: string): Promise<ResolvedPipeline> {
  const result = await gitlabCiLocal(dir, ['--preview']);
  if (result.exitCode !== 0) {
    throw new Error(`gitlab-ci-local --preview failed:\n${result.stderr}`);
  }
  const {
    variables = {},
    stages: _stages,
    ...jobs
  } = parse(result.stdout) as Record<string, unknown>;
  return {
    variables: variables as Record<string, CiVariable>,
    jobs: jobs as Record<string, ResolvedJob>,
  };
}

function variableValue(variable: CiVariable): string {
  return String(typeof variable === 'object' ? (variable.value ?? '') : variable);
}

/**
 * A job's variables as GitLab hands them to the job: the pipeline's top-level variables, the
 * job's own over them, then CI/CD settings and predefined variables over both (settings beat
 * `.gitlab-ci.yml`). Values are expanded the way GitLab expands variables inside variables:
 * `$NAME` and `${NAME}`, recursively, with `$$` for a literal `$`. A reference to a variable that
 * nothing defines is an error here, so a typo in the template cannot pass as an empty value.
 */
export function jobEnvironment(
  pipeline: ResolvedPipeline,
  jobName: string,
  ciVariables: Record<string, string>,
): Record<string, string> {
  const job = pipeline.jobs[jobName];
  if (!job) {
    throw new Error(`no job ${jobName} in the pipeline`);
  }
  const raw: Record<string, string> = {};
  for (const [key, value] of Object.entries({ ...pipeline.variables, ...job.variables })) {
    raw[key] = variableValue(value);
  }
  Object.assign(raw, ciVariables);
  const expanded: Record<string, string> = {};
  const expand = (key: string, seen: readonly string[]): string => {
    const cached = expanded[key];
    if (cached !== undefined) {
      return cached;
    }
    if (seen.includes(key)) {
      throw new Error(`variable ${key} refers to itself through ${seen.join(' -> ')}`);
    }
    const value = raw[key];
    if (value === undefined) {
      throw new Error(`${seen.at(-1) ?? 'a variable'} refers to $${key}, which nothing defines`);
    }
    const result = value.replace(
      /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
      (match: string, braced?: string, bare?: string) =>
        match === '$$' ? '$' : expand((braced ?? bare) as string, [...seen, key]),
    );
    expanded[key] = result;
    return result;
  };
  for (const key of Object.keys(raw)) {
    expand(key, []);
  }
  return expanded;
}
