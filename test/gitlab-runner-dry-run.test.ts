import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withoutRe2Canary } from '../src/renovate/re2-canary.ts';
import { renovateEntryPoint } from '../src/renovate/renovate-binary.ts';
import { type RenovateRunResult, runRenovate } from '../src/renovate/run-renovate.ts';
import { type TempGitRepo, tempGitRepo } from '../src/renovate/temp-git-repo.ts';
import type { OfflineWorld } from '../src/world/offline-world.ts';
import type { Responder } from '../src/world/types.ts';
import {
  jobEnvironment,
  type ResolvedPipeline,
  resolvedPipeline,
  type TempRunnerProject,
  tempRunnerProject,
} from './gitlab-runner-harness.ts';
import { lookupFailures } from './harness/lookup-failures.ts';
import { fixturePath, startTestWorld } from './harness/offline-renovate.ts';

const run = promisify(execFile);

/** Masked, protected CI/CD variables of the runner project. */
const secrets = {
  RENOVATE_TOKEN: 'glpat-dry-run-0123456789abcdefXYZ',
  GITHUB_COM_TOKEN: 'ghp_dryRun0123456789abcdefghijklmnopqrs',
};

/** Instance or group CI/CD variables that would re-author Renovate's commits. */
const inheritedGitIdentity = {
  GIT_AUTHOR_NAME: 'Somebody Else',
  GIT_AUTHOR_EMAIL: 'somebody@example.com',
  GIT_COMMITTER_NAME: 'Somebody Else',
  GIT_COMMITTER_EMAIL: 'somebody@example.com',
};

/** Predefined variables of a scheduled pipeline of platform/renovate-runner on gitlab.com. */
function predefinedVariables(projectDir: string): Record<string, string> {
  return {
    CI_API_V4_URL: 'https://gitlab.com/api/v4',
    CI_PROJECT_DIR: projectDir,
    CI_PROJECT_NAMESPACE: 'platform',
    CI_PIPELINE_SOURCE: 'schedule',
  };
}

interface Invocation {
  command: string;
  args: string[];
  /** The environment the command got: the job's variables as the script left them. */
  env: Record<string, string>;
}

/**
 * Runs a job's script in a shell, the way the runner does, with `renovate` and
 * `renovate-config-validator` replaced by stand-ins that record their arguments and environment.
 * What the script does around them (unsetting variables) is therefore real.
 */
async function recordScript(
  script: string[],
  env: Record<string, string>,
  cwd: string,
): Promise<Invocation[]> {
  const shimDir = await mkdtemp(path.join(tmpdir(), 'job-shims-'));
  try {
    const records = path.join(shimDir, 'records');
    await mkdir(records);
    for (const command of ['renovate', 'renovate-config-validator']) {
      const shim = path.join(shimDir, command);
      await writeFile(
        shim,
        [
          '#!/bin/sh',
          'n=$(ls "$SHIM_RECORDS" | wc -l)',
          'printf "%s\\0" "$(basename "$0")" "$@" > "$SHIM_RECORDS/$n.args"',
          'env -0 > "$SHIM_RECORDS/$n.env"',
          '',
        ].join('\n'),
      );
      await chmod(shim, 0o755);
    }
    await run('sh', ['-e', '-c', script.join('\n')], {
      cwd,
      env: { ...env, PATH: `${shimDir}:/usr/bin:/bin`, SHIM_RECORDS: records },
    });
    const invocations: Invocation[] = [];
    for (let n = 0; ; n += 2) {
      const args = await readFile(path.join(records, `${n}.args`), 'utf8').catch(() => undefined);
      if (args === undefined) {
        return invocations;
      }
      const [command = '', ...rest] = args.split('\0').slice(0, -1);
      const recordedEnv = Object.fromEntries(
        (await readFile(path.join(records, `${n}.env`), 'utf8'))
          .split('\0')
          .filter(Boolean)
          .map((entry) => [
            entry.slice(0, entry.indexOf('=')),
            entry.slice(entry.indexOf('=') + 1),
          ]),
      );
      // Only what the job set: not the shell's own PWD, SHLVL, or this harness's variables.
      const jobEnv = Object.fromEntries(
        Object.entries(recordedEnv).filter(([key]) => key in env && key !== 'PATH'),
      );
      invocations.push({ command, args: rest, env: jobEnv });
    }
  } finally {
    await rm(shimDir, { recursive: true, force: true });
  }
}

/** Runs renovate-config-validator as a job would: in the project directory, with the job's variables. */
async function runValidator(
  args: string[],
  env: Record<string, string>,
  cwd: string,
): Promise<{ exitCode: number; output: string }> {
  const home = await mkdtemp(path.join(tmpdir(), 'validator-home-'));
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      [renovateEntryPoint('renovate-config-validator'), ...args],
      { cwd, env: { ...env, PATH: process.env.PATH ?? '', HOME: home, LOG_FORMAT: 'json' } },
    );
    return { exitCode: 0, output: stdout + stderr };
  } catch (err) {
    const failed = err as { code?: number; stdout?: string; stderr?: string };
    return { exitCode: failed.code ?? 1, output: (failed.stdout ?? '') + (failed.stderr ?? '') };
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}

interface LogLine {
  msg?: string;
  config?: Record<string, unknown>;
  durationMs?: unknown;
}

/**
 * Warnings Renovate logs about the fixture's registry data under the preset's policy, not about
 * the job's configuration: OCI registries and git tags carry no release timestamps, which
 * `minimumReleaseAgeBehaviour: timestamp-optional` (presets/policy.json) accepts with a warning.
 */
const warningsAboutTheFixture = ['Some release(s) did not have a releaseTimestamp'];

function readNdjson(text: string): LogLine[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogLine);
}

/** Renovate's own parse of the job's variables, as it logs it ("Env config"). */
function envConfigOf(log: string): Record<string, unknown> {
  const config = readNdjson(log).find((line) => line.msg === 'Env config')?.config;
  if (!config || typeof config !== 'object') {
    throw new Error('the log artifact has no "Env config" record');
  }
  return config as Record<string, unknown>;
}

/** Records which credentials reached which host, then lets the world answer as usual. */
function credentialSpy(seen: { host: string; credential: string }[]): Responder {
  return async (request) => {
    const credential = request.headers.authorization ?? request.headers['private-token'];
    if (typeof credential === 'string') {
      seen.push({ host: request.url.host, credential });
    }
    return undefined;
  };
}

describe('the renovate job of runner-project/, run on a fixture with the platform switched to a dry run', () => {
  const credentials: { host: string; credential: string }[] = [];
  let world: OfflineWorld;
  let runner: TempRunnerProject;
  let repo: TempGitRepo;
  let pipeline: ResolvedPipeline;
  let jobEnv: Record<string, string>;
  let invocations: Invocation[];
  let result: RenovateRunResult;
  let stdoutLog: string;
  let logArtifact: string;
  let unanswered: string[];

  beforeAll(async () => {
    world = await startTestWorld({ responders: [credentialSpy(credentials)] });
    runner = await tempRunnerProject('single');
    pipeline = await resolvedPipeline(runner.dir);
    // With `--platform=local` Renovate works on its working directory, so the fixture stands in
    // for the runner's checkout: CI_PROJECT_DIR, where the cache and the log artifact go.
    repo = await tempGitRepo(fixturePath('gitops-with-monitoring'), ['expected.json']);
    jobEnv = jobEnvironment(pipeline, 'renovate', {
      ...predefinedVariables(repo.dir),
      ...inheritedGitIdentity,
      ...secrets,
    });
    invocations = await recordScript(pipeline.jobs.renovate?.script ?? [], jobEnv, repo.dir);
    const [renovate] = invocations;
    // The runner's config.json enters through runRenovate's config file, which also carries the
    // dry run's report settings; everything else is exactly what the script passed on.
    const { RENOVATE_CONFIG_FILE: configFile = '', ...renovateEnv } = renovate?.env ?? {};
    const runnerConfig = JSON.parse(await readFile(path.join(runner.dir, configFile), 'utf8'));
    const stdoutFile = path.join(runner.dir, 'stdout.ndjson');
    const before = world.unanswered.length;
    result = await runRenovate({
      repoDir: repo.dir,
      mode: 'lookup',
      env: {
        ...renovateEnv,
        RENOVATE_PLATFORM: 'local',
        RENOVATE_DRY_RUN: 'lookup',
        ...world.env,
      },
      globalConfig: runnerConfig,
      logFile: stdoutFile,
    });
    unanswered = world.unanswered
      .slice(before)
      .map((request) => `${request.method} ${request.url}`);
    stdoutLog = await readFile(stdoutFile, 'utf8');
    logArtifact = await readFile(path.join(repo.dir, jobEnv.RENOVATE_LOG_FILE ?? ''), 'utf8');
  });
  afterAll(async () => {
    await world?.stop();
    await runner?.dispose();
    await repo?.dispose();
  });

  it('has a script that calls plain `renovate`, with git identity variables removed first', () => {
    expect(invocations.map(({ command, args }) => [command, ...args])).toEqual([['renovate']]);
    const received = Object.keys(invocations[0]?.env ?? {});
    for (const name of Object.keys(inheritedGitIdentity)) {
      expect(received).not.toContain(name);
    }
    expect(received).toContain('RENOVATE_TOKEN');
  });

  it('runs to completion, RE2 in use, the world answering everything, warning only about data', () => {
    expect(result.exitCode).toBe(0);
    expect(result.log.re2CanaryRejected).toBe(true);
    expect(unanswered).toEqual([]);
    expect(lookupFailures(result)).toEqual([]);
    const warnings = result.log.problems.map((record) => record.msg);
    expect(
      warnings.filter((msg) => !warningsAboutTheFixture.some((known) => msg.startsWith(known))),
    ).toEqual([]);
  });

  it("looks up the fixture's pins, github-tags with GITHUB_COM_TOKEN", () => {
    expect(result.deps.some((dep) => dep.updates?.length)).toBe(true);
    expect(
      credentials.some(
        ({ host, credential }) =>
          host === 'api.github.com' && credential.endsWith(secrets.GITHUB_COM_TOKEN),
      ),
    ).toBe(true);
  });

  it("reads every job variable as the setting it means (Renovate's own parse, from the log artifact)", () => {
    const envConfig = withoutRe2Canary(envConfigOf(logArtifact));
    expect(envConfig).toEqual({
      platform: 'local',
      dryRun: 'lookup',
      endpoint: 'https://gitlab.com/api/v4',
      token: '***********',
      hostRules: [{ hostType: 'github', matchHost: 'github.com', token: '***********' }],
      autodiscover: true,
      autodiscoverFilter: ['platform/**', 'clusters/**'],
      onboardingConfig: {
        $schema: 'https://docs.renovatebot.com/renovate-schema.json',
        extends: ['local>platform/renovate-config-gitops'],
      },
      baseDir: path.join(repo.dir, '.renovate'),
      cacheDir: path.join(repo.dir, '.renovate/cache'),
      repositoryCache: 'enabled',
    });
  });

  it("writes the debug log artifact as ndjson where the job's artifacts:paths expects it", () => {
    const lines = readNdjson(logArtifact);
    expect(lines.length).toBeGreaterThan(0);
    expect(logArtifact.trim().split('\n')).toHaveLength(lines.length);
    expect(pipeline.jobs.renovate?.artifacts?.paths).toEqual([jobEnv.RENOVATE_LOG_FILE]);
    // What docs/gitlab.md measures a run with: one record per repository, with its duration.
    const finished = lines.filter((line) => line.msg === 'Repository finished');
    expect(finished).toHaveLength(1);
    expect(typeof finished[0]?.durationMs).toBe('number');
  });

  it("keeps its caches below CI_PROJECT_DIR, where the job's cache:paths points", () => {
    const messages = readNdjson(logArtifact).map((line) => line.msg);
    expect(messages).toContain(
      `Using configured cacheDir: ${path.join(repo.dir, '.renovate/cache')}`,
    );
    const [cachedPath] = pipeline.jobs.renovate?.cache?.[0]?.paths ?? [];
    expect(cachedPath).toBe('.renovate/cache/renovate/repository/');
  });

  // The real job prints pretty text instead of JSON to its log; Renovate redacts records before
  // either formatter sees them.
  it.each(Object.entries(secrets))('never shows the value of %s, plain or base64', (_, value) => {
    const output = [stdoutLog, result.stderr, logArtifact, JSON.stringify(result.report)].join(
      '\n',
    );
    expect(output).not.toContain(value);
    expect(output).not.toContain(Buffer.from(value).toString('base64'));
  });

  it('has a configuration Renovate validates as global config, strictly', async () => {
    // The canary is ours, added to every run, and made to fail validation under RE2.
    const envConfig = withoutRe2Canary(envConfigOf(logArtifact));
    const file = path.join(runner.dir, 'env-config.json');
    // As the job sets it: on GitLab, no dry run. Redacted tokens are still strings.
    const { dryRun: _, ...asTheJobSetsIt }: Record<string, unknown> = {
      ...envConfig,
      platform: 'gitlab',
    };
    await writeFile(file, JSON.stringify(asTheJobSetsIt));
    const validation = await runValidator(['--strict', file], {}, runner.dir);
    expect(validation.output).toContain('Config validated successfully');
    expect(validation.exitCode).toBe(0);
  });
});

describe('the validate-renovate-config job of runner-project/', () => {
  it('passes on the example runner project: its config.json and renovate.json', async () => {
    const runner = await tempRunnerProject('single');
    try {
      const pipeline = await resolvedPipeline(runner.dir);
      const env = jobEnvironment(pipeline, 'validate-renovate-config', {
        ...predefinedVariables(runner.dir),
        CI_PIPELINE_SOURCE: 'merge_request_event',
      });
      const script = pipeline.jobs['validate-renovate-config']?.script ?? [];
      const [validator] = await recordScript(script, env, runner.dir);
      expect(validator?.command).toBe('renovate-config-validator');
      const validation = await runValidator(
        validator?.args ?? [],
        validator?.env ?? {},
        runner.dir,
      );
      expect(validation.output).toContain('Validating config.json');
      expect(validation.output).toContain('Validating renovate.json');
      expect(validation.output).toContain('Config validated successfully against 2 file(s)');
      expect(validation.exitCode).toBe(0);
    } finally {
      await runner.dispose();
    }
  });

  it('fails a merge request that breaks config.json, naming the option', async () => {
    const runner = await tempRunnerProject('single');
    try {
      // `extend` for `extends`: Renovate would onboard every repository without the preset.
      await writeFile(
        path.join(runner.dir, 'config.json'),
        JSON.stringify({ onboardingConfig: { extend: ['local>platform/renovate-config-gitops'] } }),
      );
      const pipeline = await resolvedPipeline(runner.dir);
      const env = jobEnvironment(
        pipeline,
        'validate-renovate-config',
        predefinedVariables(runner.dir),
      );
      const validation = await runValidator(['--strict'], env, runner.dir);
      expect(validation.output).toContain('Invalid configuration option: extend');
      expect(validation.exitCode).not.toBe(0);
    } finally {
      await runner.dispose();
    }
  });
});
