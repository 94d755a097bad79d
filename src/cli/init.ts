import { readFileSync } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { FileToWrite } from '../build/write-files-atomically.ts';
import { addToExtends } from '../init/add-to-extends.ts';
import {
  clusterRepoTemplatePath,
  type StarterOptions,
  starterGitlabCi,
  starterPolicyFile,
  starterRenovateJson,
} from '../init/starter-files.ts';
import { scanClusterRepo } from '../policy/cluster-repo.ts';
import { locateJson5 } from '../policy/json5-locate.ts';
import { policyFileName } from '../policy/policy-file.ts';
import {
  defaultProject,
  projectPathPattern,
  thisPackagePresets,
} from '../policy/preset-reference.ts';
import { findRenovateConfigs, parseRenovateConfig } from '../policy/renovate-config-file.ts';
import { packageRoot } from '../shared/package-root.ts';
import { UserError } from '../shared/user-error.ts';
import { assertRepositoryRoot } from './git-repository.ts';
import { writeUserFiles } from './write-user-files.ts';

const packageVersion = (
  JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { version: string }
).version;

const defaultRef = `v${packageVersion}`;

export const initHelp = `Usage: renovate-gitops init [dir] [--project PATH] [--ref REF] [--ci-file FILE] [--force]

Sets a cluster repository up for Renovate with this package's presets:
  renovate.json           a new one that extends local>PROJECT: every pin detected, the default
                          merge policy. If the repository has a Renovate config already
                          (renovate.json, .json5, .renovaterc, .gitlab/renovate.json, ...), init
                          adds local>PROJECT at the end of its extends instead, keeping every
                          other key, comment and line as it is, unless it extends PROJECT already
  ${policyFileName}   a starter per-application policy (\`renovate-gitops policy\` applies it)
  .gitlab-ci.yml          includes ${clusterRepoTemplatePath} from PROJECT at REF
The policy and CI files are written only if missing (see --force); the output says what
changed. Nothing is written when the repository has two Renovate config files, keeps its config
in package.json, or has a config that does not parse.
  dir              the cluster repository's top level (default: the current directory)
  --project PATH   the GitLab project of renovate-config-gitops (default: ${defaultProject})
  --ref REF        the tag of it to include (default: ${defaultRef})
  --ci-file FILE   where the CI include goes (default: .gitlab-ci.yml); for a repository with a
                   pipeline of its own, e.g. .gitlab/renovate.gitlab-ci.yml, then include that
                   file from .gitlab-ci.yml
  --force          overwrite the policy and CI files if they exist (the Renovate config is
                   always edited, never replaced)

Exit codes: 0 done, 1 nothing written (see above, or a file cannot be written), 2 bad arguments
or not the top level of a git repository.`;

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
  if (!projectPathPattern.test(options.project)) {
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

/** What init does to the repository's Renovate config: a new file, an edit, or nothing. */
async function configChange(
  dir: string,
  options: InitOptions,
  starter: StarterOptions,
): Promise<{ path: string; file?: FileToWrite; line: string; rewritable: boolean }> {
  const configs = await findRenovateConfigs(dir);
  const reference = `local>${options.project}`;
  if (configs.length > 1) {
    throw new UserError(
      `this repository has ${configs.length} Renovate config files, ${configs.map((config) => config.path).join(', ')}: Renovate reads only ${configs[0]?.path}. Remove the ones you do not use and run init again; nothing written`,
      1,
    );
  }
  const config = configs[0];
  if (!config) {
    const file = { path: 'renovate.json', content: starterRenovateJson(starter) };
    return { path: file.path, file, line: 'wrote renovate.json', rewritable: true };
  }
  if (config.path === 'package.json') {
    throw new UserError(
      `package.json holds this repository's Renovate config (its "renovate" key), which Renovate deprecates: move it to renovate.json and run init again, which then adds "${reference}" to its extends; nothing written`,
      1,
    );
  }
  const parsed = (() => {
    try {
      return parseRenovateConfig(config);
    } catch (err) {
      if (err instanceof UserError) throw new UserError(`${err.message}; nothing written`, 1);
      throw err;
    }
  })();
  const list = parsed.extends;
  if (
    list !== undefined &&
    typeof list !== 'string' &&
    !(Array.isArray(list) && list.every((entry) => typeof entry === 'string'))
  ) {
    const line = locateJson5(config.text, ['extends'])?.value.line;
    throw new UserError(
      `${config.path}${line ? `:${line}` : ''}: "extends" must be a list of preset names; nothing written`,
      1,
    );
  }
  const already = thisPackagePresets(parsed, options.project)[0];
  if (already) {
    return {
      path: config.path,
      line: `${config.path} already extends "${already.entry}": left as it is`,
      rewritable: config.rewritable,
    };
  }
  const content = addToExtends(config.text, reference);
  if (content === undefined) {
    throw new UserError(
      `${config.path}: cannot add "${reference}" to its extends without rewriting the file: add it by hand; nothing written`,
      1,
    );
  }
  return {
    path: config.path,
    file: { path: config.path, content },
    line: `added "${reference}" to the extends of ${config.path}`,
    rewritable: config.rewritable,
  };
}

/** Why a starter file that exists is left alone, and how to have it anyway. */
async function keptLine(dir: string, file: string, options: InitOptions): Promise<string> {
  if (file !== options.ciFile) return `kept ${file}: it exists (--force overwrites it)`;
  const text = await readFile(path.join(dir, file), 'utf8').catch(() => '');
  if (text.includes(clusterRepoTemplatePath)) {
    return `kept ${file}: it includes ${clusterRepoTemplatePath} already`;
  }
  return `kept ${file}: it exists. Include ${clusterRepoTemplatePath} from ${options.project} in it, or rerun with --ci-file .gitlab/renovate.gitlab-ci.yml and include that file from it (--force overwrites ${file})`;
}

export async function runInit(options: InitOptions): Promise<number> {
  const dir = path.resolve(options.dir);
  await assertRepositoryRoot(dir);
  const applications = [
    ...new Set((await scanClusterRepo(dir)).applications.map((app) => app.name)),
  ].sort();
  const starter = { project: options.project, ref: options.ref, applications };
  const config = await configChange(dir, options, starter);
  const files: FileToWrite[] = config.file ? [config.file] : [];
  const lines = [config.line];
  for (const file of [
    { path: policyFileName, content: starterPolicyFile(starter) },
    { path: options.ciFile, content: starterGitlabCi(starter) },
  ]) {
    const existing = await exists(path.join(dir, file.path));
    if (existing && !options.force) {
      lines.push(await keptLine(dir, file.path, options));
      continue;
    }
    files.push(file);
    lines.push(`${existing ? 'overwrote' : 'wrote'} ${file.path}`);
  }
  if (files.length > 0) await writeUserFiles(dir, files);
  for (const line of lines) console.log(line);
  const policyTarget = config.rewritable
    ? ''
    : ` (${config.path} is not plain JSON: \`renovate-gitops policy --out FILE\` writes the rules to a preset for its extends)`;
  console.log(
    `\nNext: edit ${policyFileName} and run \`renovate-gitops policy\`${policyTarget}; commit the files; make sure the runner project's RENOVATE_AUTODISCOVER_FILTER covers this repository, and allow it under ${options.project}'s Settings > CI/CD > Job token permissions so its merge request checks can install the package (docs/gitlab.md in ${options.project}).`,
  );
  return 0;
}

export function init(args: string[]): Promise<number> {
  return runInit(parseInitArgs(args));
}
