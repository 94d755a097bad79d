import { cp, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generatedFiles, staleFiles } from '../build/write-presets.ts';
import { packageRoot } from '../cli/package-root.ts';
import { UserError } from '../cli/user-error.ts';
import { allPresets } from '../presets/index.ts';
import { RenovateUnavailableError } from '../renovate/renovate-binary.ts';
import type { FoundDep } from '../renovate/report.ts';
import { runRenovate } from '../renovate/run-renovate.ts';
import { tempGitRepo } from '../renovate/temp-git-repo.ts';
import { locateDeps } from '../scan/locate-pin.ts';
import { type OfflineWorld, startOfflineWorld } from '../world/offline-world.ts';
import type { CorpusRepo } from './labels.ts';
import { type Score, type ScoreCounts, scoreRepo, sumCounts } from './score.ts';

/** The GitLab project under which the offline world serves this package's presets. */
export const presetProject = 'platform/renovate-config-gitops';

/** The repository config file written into each copy; the corpus itself has none. */
const repoConfigFile = 'renovate.json';

/** The two configurations compared on every corpus repository. */
export const detectionConfigs = {
  preset: {
    title: `this package's preset (gitlab>${presetProject})`,
    repoConfig: { extends: [`gitlab>${presetProject}`] },
  },
  baseline: {
    title: "Renovate's built-in managers alone (argocd on all YAML, the rest at defaults)",
    // No `extends`: Renovate then applies only its option defaults, which is "built-in
    // managers at defaults"; argocd has no default file patterns, the corpus README's baseline
    // gives it every YAML file.
    repoConfig: { argocd: { managerFilePatterns: ['/\\.ya?ml$/'] } },
  },
} as const;

export type ConfigName = keyof typeof detectionConfigs;
export const configNames = Object.keys(detectionConfigs) as ConfigName[];

/** A reported dependency with the line it was found on again (the report has no lines). */
export interface LocatedDep extends FoundDep {
  line?: number | undefined;
}

export interface ConfigRun {
  score: Score<LocatedDep>;
  durationMs: number;
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

/**
 * Copies the repository with our config beside its files and commits both, since Renovate's
 * local platform reads only tracked files. The corpus folder is never written to.
 */
async function stagedRepo(repo: CorpusRepo, repoConfig: object) {
  const existing = await stat(path.join(repo.dir, repoConfigFile)).catch(() => undefined);
  if (existing) {
    throw new UserError(
      `${path.join(repo.dir, repoConfigFile)}: the corpus run writes its own ${repoConfigFile} into each copy; a corpus repository must not have one`,
    );
  }
  const stage = await mkdtemp(path.join(tmpdir(), 'corpus-stage-'));
  try {
    await cp(repo.dir, stage, { recursive: true });
    await writeFile(path.join(stage, repoConfigFile), `${JSON.stringify(repoConfig, null, 2)}\n`);
    return await tempGitRepo(stage);
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
}

async function locate(dir: string, deps: readonly FoundDep[]): Promise<LocatedDep[]> {
  const lines = await locateDeps(dir, deps);
  return deps.map((dep) => ({ ...dep, line: lines.get(dep) }));
}

async function runOne(
  repo: CorpusRepo,
  config: ConfigName,
  world: OfflineWorld,
  warnings: string[],
): Promise<ConfigRun> {
  const started = Date.now();
  const copy = await stagedRepo(repo, detectionConfigs[config].repoConfig);
  try {
    const result = await runRenovate({ repoDir: copy.dir, mode: 'extract', env: world.env }).catch(
      (err: unknown) => {
        if (err instanceof RenovateUnavailableError) throw new UserError(err.message, 1);
        throw err;
      },
    );
    const errors = result.log.problems.filter((record) => record.level >= 50);
    if (result.exitCode !== 0 || errors.length > 0) {
      const reasons = errors.map((record) => `  - ${record.msg}`).join('\n');
      throw new UserError(
        `Renovate failed (exit ${result.exitCode}) on ${repo.name} with the ${config} config:\n${reasons || result.stderr.trim() || '  (no error logged)'}`,
        1,
      );
    }
    for (const record of result.log.problems) {
      warnings.push(`${repo.name} (${config}): Renovate warned: ${record.msg}`);
    }
    // The config file is ours, not the repository's: what Renovate finds in it is not scored.
    const deps = result.deps.filter((dep) => dep.packageFile !== repoConfigFile);
    const score = scoreRepo(repo.labels, await locate(repo.dir, deps));
    return { score, durationMs: Date.now() - started };
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
 * Runs Renovate in extract mode on every corpus repository twice, with this package's preset
 * (resolved through `gitlab>` from the offline world, as a user's repository would) and with
 * Renovate's built-in managers alone, and scores both against the labels.
 */
export async function runCorpus(options: CorpusRunOptions): Promise<CorpusResult> {
  const warnings: string[] = options.repos.flatMap((repo) => repo.warnings);
  const stale = await staleFiles(packageRoot, generatedFiles(allPresets));
  if (stale.length > 0) {
    warnings.push(
      `generated presets differ from src/presets (${stale.join(', ')}): the preset run used the files on disk; run \`npm run build\``,
    );
  }
  const world = await startOfflineWorld({
    dataDir: path.join(packageRoot, 'fixtures/world'),
    presetTree: packageRoot,
    presetProject,
  });
  try {
    const tasks = options.repos.flatMap((repo) =>
      configNames.map((config) => async () => {
        const run = await runOne(repo, config, world, warnings);
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
    for (const request of world.unanswered) {
      warnings.push(`the offline world could not answer ${request.method} ${request.url}`);
    }
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
