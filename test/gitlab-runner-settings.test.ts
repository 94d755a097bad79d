import { createRequire } from 'node:module';
import path from 'node:path';
import { getEnvOptionsMap } from 'renovate/dist/config/options/env-options.js';
import type { AllConfig } from 'renovate/dist/config/types.js';
import { applyFilters } from 'renovate/dist/workers/global/autodiscover.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  jobEnvironment,
  type ResolvedPipeline,
  resolvedPipeline,
  type TempRunnerProject,
  tempRunnerProject,
} from './gitlab-runner-harness.ts';
import { packageJson } from './harness/paths.ts';

const require = createRequire(import.meta.url);

/**
 * Renovate ships no type declarations for these two modules; a computed specifier keeps
 * TypeScript from demanding them, and the interfaces say what we use.
 */
interface EnvConfigParser {
  getConfig(env: Record<string, string>): Promise<AllConfig>;
}
interface RepositoryCacheNaming {
  getLocalCacheFileName(platform: string, repository: string): string;
}
const renovateModule = (file: string) => `renovate/dist/${file}`;
const envParser = (await import(
  renovateModule('workers/global/config/parse/env.js')
)) as EnvConfigParser;
const repositoryCache = (await import(
  renovateModule('util/cache/repository/common.js')
)) as RepositoryCacheNaming;

/** Variables Renovate reads from the environment that are not config options. */
const renovateEnvironmentOnly = [
  'LOG_LEVEL',
  'RENOVATE_CONFIG_FILE',
  'RENOVATE_LOG_FILE',
  'RENOVATE_LOG_FILE_LEVEL',
];

/** What GitLab predefines for a scheduled pipeline of platform/renovate-runner on gitlab.com. */
const predefined = {
  CI_API_V4_URL: 'https://gitlab.com/api/v4',
  CI_PROJECT_DIR: '/builds/platform/renovate-runner',
  CI_PROJECT_NAMESPACE: 'platform',
};

describe('the renovate job of runner-project/', () => {
  let project: TempRunnerProject;
  let pipeline: ResolvedPipeline;
  let env: Record<string, string>;

  beforeAll(async () => {
    project = await tempRunnerProject('single');
    pipeline = await resolvedPipeline(project.dir);
    env = jobEnvironment(pipeline, 'renovate', predefined);
  });
  afterAll(() => project?.dispose());

  it('runs the Renovate image of the exact version this package tests against', () => {
    const manifest = packageJson;
    const installed = (require('renovate/package.json') as { version: string }).version;
    expect(manifest.dependencies.renovate).toBe(installed);
    const image = `ghcr.io/renovatebot/renovate:${installed}`;
    expect(pipeline.jobs.renovate?.image).toEqual({ name: image });
    expect(pipeline.jobs['validate-renovate-config']?.image).toEqual({ name: image });
  });

  it('sets only variables Renovate understands, and its own without the RENOVATE_ prefix', () => {
    const options = getEnvOptionsMap();
    const names = Object.keys(pipeline.variables).sort();
    const asOptions = Object.fromEntries(
      names.flatMap((name) => {
        const option = options[name];
        return option ? [[name, option.configName]] : [];
      }),
    );
    expect(asOptions).toEqual({
      RENOVATE_AUTODISCOVER: 'autodiscover',
      RENOVATE_AUTODISCOVER_FILTER: 'autodiscoverFilter',
      RENOVATE_BASE_DIR: 'baseDir',
      RENOVATE_CACHE_DIR: 'cacheDir',
      RENOVATE_ENDPOINT: 'endpoint',
      RENOVATE_GIT_AUTHOR: 'gitAuthor',
      RENOVATE_ONBOARDING_CONFIG: 'onboardingConfig',
      RENOVATE_PLATFORM: 'platform',
      RENOVATE_REPOSITORY_CACHE: 'repositoryCache',
    });
    const rest = names.filter((name) => !(name in asOptions));
    expect(rest.filter((name) => renovateEnvironmentOnly.includes(name))).toEqual(
      renovateEnvironmentOnly,
    );
    expect(rest.filter((name) => !renovateEnvironmentOnly.includes(name))).toEqual([
      'AUTODISCOVER_SHARD',
      'ONBOARDING_PRESET',
    ]);
  });

  it('leaves every secret to masked CI/CD variables', () => {
    for (const secret of ['RENOVATE_TOKEN', 'GITHUB_COM_TOKEN', 'RENOVATE_REDIS_URL']) {
      expect(Object.keys(pipeline.variables)).not.toContain(secret);
    }
  });

  it('talks to the GitLab the pipeline runs on, about the projects of the filter', async () => {
    const config = await envParser.getConfig(env);
    expect(config).toMatchObject({
      platform: 'gitlab',
      endpoint: 'https://gitlab.com/api/v4',
      autodiscover: true,
      autodiscoverFilter: ['platform/**', 'clusters/**'],
      repositoryCache: 'enabled',
    });
  });

  it('onboards new repositories with the GitOps preset, read from this GitLab (local>)', async () => {
    const config = await envParser.getConfig(env);
    expect(config.onboardingConfig).toEqual({
      $schema: 'https://docs.renovatebot.com/renovate-schema.json',
      extends: ['local>platform/renovate-config-gitops'],
    });
    // Empty: Renovate takes the token user's name and commit email from GitLab.
    expect(config.gitAuthor).toBeUndefined();
  });

  it('keeps exactly where Renovate writes its repository cache in the GitLab cache', () => {
    const job = pipeline.jobs.renovate;
    const cacheDir = env.RENOVATE_CACHE_DIR ?? '';
    const cacheFile = path.posix.join(
      cacheDir,
      repositoryCache.getLocalCacheFileName('gitlab', 'platform/some-app'),
    );
    expect(job?.cache).toEqual([
      {
        key: 'renovate-repository-cache-$AUTODISCOVER_SHARD',
        paths: ['.renovate/cache/renovate/repository/'],
        policy: 'pull-push',
        when: 'always',
      },
    ]);
    const cachedPath = path.posix.join(predefined.CI_PROJECT_DIR, job?.cache?.[0]?.paths[0] ?? '');
    expect(cacheFile.startsWith(cachedPath)).toBe(true);
  });

  it('runs one job per shard at a time', () => {
    expect(pipeline.jobs.renovate?.resource_group).toBe('renovate-$AUTODISCOVER_SHARD');
    expect(env.AUTODISCOVER_SHARD).toBe('all');
  });

  it('keeps the debug log as an artifact, even when Renovate fails', () => {
    expect(pipeline.jobs.renovate?.artifacts).toEqual({
      when: 'always',
      expire_in: '1 week',
      access: 'developer',
      paths: [env.RENOVATE_LOG_FILE],
    });
    // Renovate lower-cases RENOVATE_LOG_FILE before opening it, and resolves it against the
    // job's working directory: only a relative, lower-case path lands where `paths` looks.
    expect(env.RENOVATE_LOG_FILE).toBe('renovate-log.ndjson');
    expect(env.RENOVATE_LOG_FILE_LEVEL).toBe('debug');
  });
});

describe('the shards of runner-project-sharded/', () => {
  let project: TempRunnerProject;
  let shards: { shard: string; filter: string[] }[];

  beforeAll(async () => {
    project = await tempRunnerProject('sharded');
    const pipeline = await resolvedPipeline(project.dir);
    const matrix = pipeline.jobs.renovate?.parallel?.matrix ?? [];
    shards = await Promise.all(
      matrix.map(async (entry) => {
        const [shard = ''] = entry.AUTODISCOVER_SHARD ?? [];
        const [filter = ''] = entry.RENOVATE_AUTODISCOVER_FILTER ?? [];
        // Parsed the way Renovate parses the variable: a comma-separated list.
        const config = await envParser.getConfig({ RENOVATE_AUTODISCOVER_FILTER: filter });
        return { shard, filter: config.autodiscoverFilter as string[] };
      }),
    );
  });
  afterAll(() => project?.dispose());

  it('have distinct names usable as resource group and cache key', () => {
    const names = shards.map(({ shard }) => shard);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) {
      expect(name).toMatch(/^[a-z0-9-]+$/);
    }
  });

  it.each([
    'platform/renovate-runner',
    'platform/renovate-config-gitops',
    'clusters/prod',
    'clusters/eu/staging',
    'apps/api',
    'apps/Billing',
    'apps/mail',
    'apps/n8n',
    'apps/zeta/worker',
    'apps/2fa',
    'apps/team-m/web',
  ])("put %s in exactly one shard (by Renovate's own filter)", (project) => {
    const matching = shards.filter(({ filter }) => applyFilters([project], filter).length === 1);
    expect(matching).toHaveLength(1);
  });

  it('leave projects outside the listed groups alone', () => {
    const matching = shards.filter(({ filter }) => applyFilters(['sandbox/tryout'], filter).length);
    expect(matching).toEqual([]);
  });
});
