import { readFileSync } from 'node:fs';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  runnerTemplatePath,
  starterGitlabCi,
  starterPolicyFile,
  starterRenovateJson,
} from '../init/starter-files.ts';
import { scanClusterRepo } from '../policy/cluster-repo.ts';
import { policyFileName } from '../policy/policy-file.ts';
import { findRenovateConfig } from '../policy/renovate-config-file.ts';
import { packageRoot } from '../shared/package-root.ts';
import { UserError } from '../shared/user-error.ts';
import { assertRepositoryRoot } from './git-repository.ts';
import { writeUserFiles } from './write-user-files.ts';

const packageVersion = (
  JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { version: string }
).version;

const defaultProject = 'platform/renovate-config-gitops';
const defaultRef = `v${packageVersion}`;

export const initHelp = `Usage: renovate-gitops init [dir] [--project PATH] [--ref REF] [--ci-file FILE] [--force]

Sets a cluster repository up for Renovate with this package's presets. Writes
  renovate.json           extends local>PROJECT: every pin detected, the default merge policy
  ${policyFileName}   a starter per-application policy (\`renovate-gitops policy\` applies it)
  .gitlab-ci.yml          includes ${runnerTemplatePath} from PROJECT at REF
and nothing else. If one of them exists, init writes nothing and names it (see --force).
  dir              the cluster repository's top level (default: the current directory)
  --project PATH   the GitLab project of renovate-config-gitops (default: ${defaultProject})
  --ref REF        the tag of it to include (default: ${defaultRef})
  --ci-file FILE   where the CI include goes (default: .gitlab-ci.yml); for a repository with a
                   pipeline of its own, e.g. .gitlab/renovate.gitlab-ci.yml, then include that
                   file from .gitlab-ci.yml
  --force          overwrite the files that exist

Exit codes: 0 written, 1 a file exists or another Renovate config is there (nothing written),
2 bad arguments or not the top level of a git repository.`;

export interface InitOptions {
  dir: string;
  project: string;
  ref: string;
  ciFile: string;
  force: boolean;
}

export function parseInitArgs(args: string[]): InitOptions {
  let options: InitOptions;
  try {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        project: { type: 'string', default: defaultProject },
        ref: { type: 'string', default: defaultRef },
        'ci-file': { type: 'string', default: '.gitlab-ci.yml' },
        force: { type: 'boolean', default: false },
      },
    });
    if (positionals.length > 1) {
      throw new UserError(
        `init takes one directory, got ${positionals.length}: ${positionals.join(' ')}`,
      );
    }
    options = {
      dir: positionals[0] ?? '.',
      project: values.project,
      ref: values.ref,
      ciFile: values['ci-file'],
      force: values.force,
    };
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw new UserError(`${(err as Error).message}\n\n${initHelp}`);
  }
  if (!/^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)+$/.test(options.project)) {
    throw new UserError(
      `--project ${options.project}: not a GitLab project path such as ${defaultProject}`,
    );
  }
  if (!/^[A-Za-z0-9_./-]+$/.test(options.ref)) {
    throw new UserError(`--ref ${options.ref}: not a tag or branch name such as ${defaultRef}`);
  }
  const ciFile = path.posix.normalize(options.ciFile);
  if (path.isAbsolute(ciFile) || ciFile.startsWith('..') || !/\.ya?ml$/.test(ciFile)) {
    throw new UserError(
      `--ci-file ${options.ciFile}: must be a YAML file inside the repository, such as .gitlab/renovate.gitlab-ci.yml`,
    );
  }
  return { ...options, ciFile };
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

export async function runInit(options: InitOptions): Promise<number> {
  const dir = path.resolve(options.dir);
  await assertRepositoryRoot(dir);
  const config = await findRenovateConfig(dir);
  if (config && config.path !== 'renovate.json') {
    throw new UserError(
      `this repository already has a Renovate config, ${config.path}: add "local>${options.project}" to its extends instead of running init (a renovate.json would silently take its place)`,
      1,
    );
  }
  const applications = [
    ...new Set((await scanClusterRepo(dir)).applications.map((app) => app.name)),
  ].sort();
  const starter = { project: options.project, ref: options.ref, applications };
  const files = [
    { path: 'renovate.json', content: starterRenovateJson(starter) },
    { path: policyFileName, content: starterPolicyFile(starter) },
    { path: options.ciFile, content: starterGitlabCi(starter) },
  ];
  const existing: string[] = [];
  for (const file of files) {
    if (await exists(path.join(dir, file.path))) existing.push(file.path);
  }
  if (existing.length > 0 && !options.force) {
    throw new UserError(
      `${existing.join(', ')} already exist${existing.length === 1 ? 's' : ''}: nothing written. Pass --force to overwrite${existing.includes(options.ciFile) ? `, or --ci-file .gitlab/renovate.gitlab-ci.yml to keep ${options.ciFile} and include the new file from it` : ''}`,
      1,
    );
  }
  await writeUserFiles(dir, files);
  for (const file of files) {
    console.log(`${existing.includes(file.path) ? 'overwrote' : 'wrote'} ${file.path}`);
  }
  console.log(
    `\nNext: edit ${policyFileName} and run \`renovate-gitops policy\`; commit the files; set up the bot token and a pipeline schedule (docs/gitlab.md in ${options.project}).`,
  );
  return 0;
}

export function init(args: string[]): Promise<number> {
  return runInit(parseInitArgs(args));
}
