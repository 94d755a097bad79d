import { execFile } from 'node:child_process';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'vitest';
import { type RenovateRunResult, runRenovate } from '../../src/renovate/run-renovate.ts';
import { tempGitRepo } from '../../src/renovate/temp-git-repo.ts';
import {
  accessLevel,
  type PipelineSources,
  type Project,
  type User,
} from '../../src/world/gitlab/entities.ts';
import { createGitlabStandIn, type GitlabStandIn } from '../../src/world/gitlab/gitlab-stand-in.ts';
import type { OfflineWorld } from '../../src/world/offline-world.ts';
import type { Responder } from '../../src/world/types.ts';
import { lookupFailures } from './lookup-failures.ts';
import { presetProject, startTestWorld } from './offline-renovate.ts';
import { packageJson, projectRoot } from './paths.ts';

const run = promisify(execFile);
const packageVersion = packageJson.version;

export const gitlabHost = 'gitlab.example.com';
export const gitlabEndpoint = `https://${gitlabHost}/api/v4/`;

/** What a cluster repository extends on a self-hosted GitLab: the preset through `local>`. */
export const localPresetRenovateJson = `${JSON.stringify(
  {
    $schema: 'https://docs.renovatebot.com/renovate-schema.json',
    extends: [`local>${presetProject}`],
  },
  null,
  2,
)}\n`;

/**
 * A cluster repository's own pipeline: one job that runs on every push, so GitLab starts a
 * pipeline for each of Renovate's branches (the stand-in does not evaluate `rules:`, so the test
 * projects carry a file where every push has a job, as this one).
 */
export const clusterPipeline = `manifests:
  script:
    - kubeconform -summary -ignore-missing-schemas .
`;

export interface GitlabWorld {
  world: OfflineWorld;
  standIn: GitlabStandIn;
  bot: User;
  human: User;
  dispose(): Promise<void>;
}

/** The files of this package that a GitLab project of it serves to `local>` presets. */
const presetFiles = ['default.json', 'presets', 'package.json'];

/**
 * A GitLab stand-in with this package's preset project (built from this working tree), a bot
 * user for Renovate and a human, inside the offline world of registries.
 */
export async function startGitlabWorld(
  options: { responders?: Responder[] } = {},
): Promise<GitlabWorld> {
  const standIn = await createGitlabStandIn(gitlabHost);
  const { instance } = standIn;
  const bot = instance.addUser({
    username: 'renovate-bot',
    name: 'Renovate Bot',
    email: 'renovate-bot@example.com',
    token: 'glpat-renovate-bot-0123456789',
  });
  const human = instance.addUser({
    username: 'alice',
    name: 'Alice Admin',
    email: 'alice@example.com',
    token: 'glpat-alice-0123456789abcdef',
  });
  const presetTree = await mkdtemp(path.join(tmpdir(), 'preset-project-'));
  for (const file of presetFiles) {
    await cp(path.join(projectRoot, file), path.join(presetTree, file), { recursive: true });
  }
  const presetRepo = await tempGitRepo(presetTree);
  // The release that runner projects and `renovate-gitops init` pin in their CI `include:`.
  await run('git', ['tag', `v${packageVersion}`], { cwd: presetRepo.dir });
  await instance.addProject(presetProject, presetRepo.dir, {
    members: [
      [bot, accessLevel.reporter],
      [human, accessLevel.maintainer],
    ],
  });
  await presetRepo.dispose();
  await rm(presetTree, { recursive: true, force: true });
  const world = await startTestWorld({
    responders: [standIn.responder, ...(options.responders ?? [])],
  });
  return {
    world,
    standIn,
    bot,
    human,
    async dispose() {
      await world.stop();
      await standIn.dispose();
    },
  };
}

/**
 * A cluster repository on the stand-in: the fixture's files (without its test expectations),
 * `renovate.json` extending the preset through `local>`, and a pipeline that runs on push.
 * With `asIs`, the tree's own files instead of those two (e.g. what `renovate-gitops init`
 * wrote), `files` still laid over them.
 */
export async function addClusterProject(
  gitlab: GitlabWorld,
  projectPath: string,
  fixtureDir: string,
  files: Record<string, string> = {},
  options: { asIs?: boolean; pipelineSources?: PipelineSources } = {},
): Promise<Project> {
  const tree = await mkdtemp(path.join(tmpdir(), 'cluster-project-'));
  try {
    await cp(fixtureDir, tree, {
      recursive: true,
      filter: (file) => !['expected.json', '.git'].includes(path.basename(file)),
    });
    const all = {
      ...(options.asIs ? {} : { 'renovate.json': localPresetRenovateJson }),
      ...(options.asIs ? {} : { '.gitlab-ci.yml': clusterPipeline }),
      ...files,
    };
    for (const [file, content] of Object.entries(all)) {
      await writeFile(path.join(tree, file), content);
    }
    const repo = await tempGitRepo(tree);
    try {
      return await gitlab.standIn.instance.addProject(projectPath, repo.dir, {
        members: [
          [gitlab.bot, accessLevel.developer],
          [gitlab.human, accessLevel.maintainer],
        ],
        pipelineSources: options.pipelineSources,
      });
    } finally {
      await repo.dispose();
    }
  } finally {
    await rm(tree, { recursive: true, force: true });
  }
}

/** A run that finished, with RE2, left no request unanswered and no lookup failed. */
export function expectCleanRun(run: GitlabRun): void {
  expect(run.unanswered).toEqual([]);
  expect(lookupFailures(run)).toEqual([]);
  expect(run.log.re2CanaryRejected).toBe(true);
  expect(run.exitCode, run.stderr).toBe(0);
}

export interface GitlabRun extends RenovateRunResult {
  /** Requests of this run that neither the stand-in nor the registries could answer. */
  unanswered: string[];
}

/** One real Renovate run with `--platform=gitlab` (not a dry run) against the stand-in. */
export async function runRenovateOnGitlab(
  gitlab: GitlabWorld,
  target: { repositories: string[] } | { autodiscoverFilter: string },
  globalConfig: Record<string, unknown> = {},
  env: Record<string, string> = {},
): Promise<GitlabRun> {
  const before = gitlab.world.unanswered.length;
  const scratch = await mkdtemp(path.join(tmpdir(), 'renovate-gitlab-run-'));
  try {
    const result = await runRenovate({
      repoDir: scratch,
      mode: 'full',
      // Branch decisions are read from the stand-in's state, not from trace records.
      logLevel: 'debug',
      env: { ...gitlab.world.env, ...env },
      globalConfig: {
        platform: 'gitlab',
        endpoint: gitlabEndpoint,
        token: gitlab.bot.token,
        requireConfig: 'required',
        onboarding: true,
        ...('repositories' in target
          ? { repositories: target.repositories }
          : { autodiscover: true, autodiscoverFilter: [target.autodiscoverFilter] }),
        ...globalConfig,
      },
    });
    const unanswered = gitlab.world.unanswered
      .slice(before)
      .map((request) => `${request.method} ${request.url}`);
    return { ...result, unanswered };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
