import { execFile } from 'node:child_process';
import { stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { generatedFiles, staleFiles } from '../build/write-presets.ts';
import { allPresets } from '../presets/index.ts';
import { RenovateUnavailableError } from '../renovate/renovate-binary.ts';
import type { FoundDep } from '../renovate/report.ts';
import { runRenovate } from '../renovate/run-renovate.ts';
import { fixtureGitEnv, type TempGitRepo, tempGitRepo } from '../renovate/temp-git-repo.ts';
import { locateDeps } from '../scan/locate-pin.ts';
import { packageRoot } from '../shared/package-root.ts';
import { UserError } from '../shared/user-error.ts';
import { startBundledWorld } from '../world/bundled-world.ts';
import type { OfflineWorld } from '../world/offline-world.ts';
import {
  type ConfigName,
  configNames,
  type DetectionConfig,
  detectionConfigs,
  presetProject,
} from './detection-configs.ts';
import type { CorpusRepo } from './labels.ts';
import { type Score, type ScoreCounts, scoreRepo, sumCounts } from './score.ts';

// bench/ reads these from here.
export { detectionConfigs, presetProject };

const execFileAsync = promisify(execFile);

/** The repository config file written into each copy; the corpus itself has none. */
const repoConfigFile = 'renovate.json';

/** A reported dependency with the line it was found on again (the report has no lines). */
export interface LocatedDep extends FoundDep {
  line?: number | undefined;
}

export interface ConfigRun {
  score: Score<LocatedDep>;
  durationMs: number;
  /** What Renovate warned about in this run. */
  warnings: string[];
}

export interface RepoResult {
  repo: CorpusRepo;
  runs: Record<ConfigName, ConfigRun>;
}

export interface CorpusResult {
  renovateVersion: string;
  repos: RepoResult[];
  totals: Record<ConfigName, ScoreCounts>;
  /** Things worth a look that do not make the numbers wrong. */
  warnings: string[];
}

export interface CorpusRunOptions {
  repos: readonly CorpusRepo[];
  /** Renovate runs at once; each is one busy core. */
  concurrency?: number;
  onProgress?: (message: string) => void;
}

function renovateVersion(): string {
  const require = createRequire(import.meta.url);
  return (require('renovate/package.json') as { version: string }).version;
}

async function commitAll(dir: string, message: string): Promise<void> {
  const options = { cwd: dir, env: { ...process.env, ...fixtureGitEnv } };
  await execFileAsync('git', ['add', '--all'], options);
  await execFileAsync(
    'git',
    ['commit', '--quiet', '--allow-empty', '--no-gpg-sign', '--message', message],
    options,
  );
}

/**
 * A git copy of the repository, prepared by the configuration's hook, with the configuration
 * as its `renovate.json`, all committed since Renovate's local platform reads only tracked
 * files. The corpus folder is never written to.
 */
export async function stagedRepo(
  repo: CorpusRepo,
  name: string,
  config: DetectionConfig,
  env: Record<string, string> = {},
): Promise<TempGitRepo> {
  const existing = await stat(path.join(repo.dir, repoConfigFile)).catch(() => undefined);
  if (existing) {
    throw new UserError(
      `${path.join(repo.dir, repoConfigFile)}: the corpus run writes its own ${repoConfigFile} into each copy; a corpus repository must not have one`,
    );
  }
  const copy = await tempGitRepo(repo.dir);
  try {
    // The config is in place and committed before the hook runs: a hook such as `annotate`
    // runs Renovate on the copy with it.
    await writeFile(
      path.join(copy.dir, repoConfigFile),
      `${JSON.stringify(config.repoConfig, null, 2)}\n`,
    );
    await commitAll(copy.dir, `corpus run: ${name}`);
    if (config.prepare) {
      await config.prepare(copy.dir, env).catch((err: unknown) => {
        throw new UserError(
          `preparing ${repo.name} for the ${name} config failed: ${err instanceof Error ? err.message : String(err)}`,
          1,
        );
      });
      await commitAll(copy.dir, `corpus run: ${name}, prepared`);
    }
    return copy;
  } catch (err) {
    await copy.dispose();
    throw err;
  }
}

async function locate(dir: string, deps: readonly FoundDep[]): Promise<LocatedDep[]> {
  const lines = await locateDeps(dir, deps);
  return deps.map((dep) => ({ ...dep, line: lines.get(dep) }));
}

/**
 * Runs Renovate in extract mode with one configuration on a prepared copy of one repository
 * and scores what it found. `env` routes Renovate through the offline world.
 */
export async function runConfig(
  repo: CorpusRepo,
  name: string,
  config: DetectionConfig,
  env: Record<string, string>,
): Promise<ConfigRun> {
  const started = Date.now();
  const copy = await stagedRepo(repo, name, config, env);
  try {
    const result = await runRenovate({ repoDir: copy.dir, mode: 'extract', env }).catch(
      (err: unknown) => {
        if (err instanceof RenovateUnavailableError) throw new UserError(err.message, 1);
        throw err;
      },
    );
    const errors = result.log.problems.filter((record) => record.level >= 50);
    if (result.exitCode !== 0 || errors.length > 0) {
      const reasons = errors.map((record) => `  - ${record.msg}`).join('\n');
      throw new UserError(
        `Renovate failed (exit ${result.exitCode}) on ${repo.name} with the ${name} config:\n${reasons || result.stderr.trim() || '  (no error logged)'}`,
        1,
      );
    }
    const warnings = result.log.problems.map(
      (record) => `${repo.name} (${name}): Renovate warned: ${record.msg}`,
    );
    // The config file is ours, not the repository's: what Renovate finds in it is not scored.
    const deps = result.deps.filter((dep) => dep.packageFile !== repoConfigFile);
    // Lines are looked up in the corpus folder, not in the copy: they then compare with the
    // labels' lines even when a prepare hook has added lines above them.
    const score = scoreRepo(repo.labels, await locate(repo.dir, deps));
    return { score, durationMs: Date.now() - started, warnings };
  } finally {
    await copy.dispose();
  }
}

/**
 * Runs `tasks` with at most `limit` in flight; results keep the tasks' order. After a failure
 * no further task starts, so a broken setup fails fast instead of after every run.
 */
async function inPool<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  let failed = false;
  async function worker(): Promise<void> {
    while (next < tasks.length && !failed) {
      const index = next++;
      try {
        results[index] = await (tasks[index] as () => Promise<T>)();
      } catch (err) {
        failed = true;
        throw err;
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

/** Problems with how the preset run was set up, which would make its numbers meaningless. */
function presetResolutionProblems(world: OfflineWorld): string[] {
  const presetRequests = world.answered.filter((request) =>
    request.url.includes(`/api/v4/projects/${encodeURIComponent(presetProject)}/repository/files/`),
  );
  if (presetRequests.length === 0) {
    return [`Renovate never fetched gitlab>${presetProject}: the preset runs did not use it`];
  }
  return presetRequests
    .filter((request) => request.status !== 200)
    .map((request) => `preset request ${request.method} ${request.url} answered ${request.status}`);
}

/**
 * Runs Renovate in extract mode on every corpus repository once per detection configuration
 * (this package's preset is resolved through `gitlab>` from the offline world, as a user's
 * repository would) and scores each run against the labels.
 */
export async function runCorpus(options: CorpusRunOptions): Promise<CorpusResult> {
  const warnings: string[] = options.repos.flatMap((repo) => repo.warnings);
  const stale = await staleFiles(packageRoot, generatedFiles(allPresets));
  if (stale.length > 0) {
    warnings.push(
      `generated presets differ from src/presets (${stale.join(', ')}): the preset run used the files on disk; run \`npm run build\``,
    );
  }
  const world = await startBundledWorld('corpus');
  try {
    const tasks = options.repos.flatMap((repo) =>
      configNames.map((config) => async () => {
        const run = await runConfig(repo, config, detectionConfigs[config], world.env);
        const { found, labels } = run.score.counts;
        options.onProgress?.(
          `${repo.name} (${config}): found ${found} of ${labels} in ${(run.durationMs / 1000).toFixed(1)} s`,
        );
        return run;
      }),
    );
    const runs = await inPool(tasks, options.concurrency ?? 2);
    const problems = presetResolutionProblems(world);
    if (problems.length > 0) {
      throw new UserError(problems.join('\n'), 1);
    }
    // In task order and sorted, not in the order runs finished: the same output every run.
    warnings.push(...runs.flatMap((run) => run.warnings));
    const unanswered = new Set(
      world.unanswered.map(
        (request) => `the offline world could not answer ${request.method} ${request.url}`,
      ),
    );
    warnings.push(...[...unanswered].sort());
    const repos = options.repos.map((repo, index) => ({
      repo,
      runs: Object.fromEntries(
        configNames.map((config, offset) => [config, runs[index * configNames.length + offset]]),
      ) as Record<ConfigName, ConfigRun>,
    }));
    const totals = Object.fromEntries(
      configNames.map((config) => [
        config,
        sumCounts(repos.map((result) => result.runs[config].score.counts)),
      ]),
    ) as Record<ConfigName, ScoreCounts>;
    return { renovateVersion: renovateVersion(), repos, totals, warnings };
  } finally {
    await world.stop();
  }
}
