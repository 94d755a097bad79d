import { type LogRecord, WARN } from '../src/renovate/log-records.ts';
import type { FoundDep } from '../src/renovate/report.ts';
import type { OfflineWorld, RecordedRequest } from '../src/world/offline-world.ts';
import { generateClusterRepo } from './cluster-repo.ts';
import type { BenchConfig } from './configs.ts';
import { checkSameDeps, depLine } from './floor.ts';
import {
  type BenchLogLevel,
  BenchRunError,
  measureRun,
  type RunMeasurement,
  repoConfigFile,
} from './measure-run.ts';
import type { RepoMeasurements } from './run-benchmark.ts';
import { reposPerConfig } from './write-repo.ts';

/** The synthetic repository's size for the lookup run unless --lookup-size says otherwise. */
export const defaultLookupSize = 1000;

/**
 * How Renovate reports a failed lookup, below info where it is not already a warning: a
 * datasource's HTTP or connection error, the "Failed to look up" that becomes a dependency
 * warning, a lookup that threw, and releases of which none is a version. Raised to warn so
 * that stdout carries them (the logger checks every message against these, debug and trace
 * included, so the list stays short). Regexes, not globs: a glob's `*` stops at the `/` of a
 * package name.
 */
export const lookupFailureMessages: readonly string[] = [
  '/^Datasource (404|unauthorized|connection error|unknown error)$/',
  '/^Failed to look up /',
  '/^Dependency lookup error$/',
  '/^Found no results from datasource that look like a version$/',
];

/**
 * Warnings that are no failed lookup. OCI registries' tag lists carry no dates (nor do Quay's,
 * GHCR's or ECR's in the real world), and the preset's `minimumReleaseAge` runs with
 * `minimumReleaseAgeBehaviour: timestamp-optional`, which Renovate points out once per run.
 */
export const allowedWarnings: readonly RegExp[] = [
  /^Some release\(s\) did not have a releaseTimestamp, but as we're running with minimumReleaseAgeBehaviour=timestamp-optional/,
];

/** One lookup run: the extract sweep's measurement plus what the lookup did. */
export interface LookupRunMeasurement extends RunMeasurement {
  /** Renovate's own lookup split ("Repository timing splits"): every lookup, then branching. */
  lookupMs: number;
  /** Dependencies found that Renovate looked up: all but those it skipped. */
  depsLookedUp: number;
  /** Dependencies looked up for which Renovate proposes at least one update. */
  depsWithUpdates: number;
  /** Dependencies found but not looked up, by Renovate's `skipReason`. */
  skipped: Record<string, number>;
  /** Requests the offline world answered during the run (Renovate caches per package). */
  worldRequests: number;
  /** Allowed warnings Renovate logged (`allowedWarnings`), by message. */
  allowedWarnings: Record<string, number>;
}

export interface LookupMeasurements extends RepoMeasurements {
  applicationFiles: number;
  runs: LookupRunMeasurement[];
}

export interface LookupOptions {
  /** Argo CD files of the synthetic repository. */
  size: number;
  runs: number;
  seed: number;
  logLevel: BenchLogLevel;
  onProgress?: (message: string) => void;
}

function describeRecord(record: LogRecord): string {
  const about = ['datasource', 'packageName', 'dependency', 'depName', 'url']
    .map((key) => record[key])
    .filter((value) => typeof value === 'string');
  return `Renovate logged "${record.msg}"${about.length > 0 ? ` (${about.join(', ')})` : ''}`;
}

function describeDep(dep: FoundDep): string {
  return `${dep.packageFile}: ${dep.datasource ?? 'no datasource'} ${dep.packageName ?? dep.depName} ${dep.currentValue ?? ''}`.trimEnd();
}

/** What a lookup run saw: its dependencies, its warnings, and the world's side of it. */
export interface LookupEvidence {
  deps: readonly FoundDep[];
  /** Records at warn and above (lookup failures are raised to warn). */
  warnings: readonly LogRecord[];
  unanswered: readonly RecordedRequest[];
  /** Requests the world answered during the run. */
  answered: readonly RecordedRequest[];
}

/**
 * Why a lookup run's timing would include failed lookups, or none: a request the world could
 * not answer or failed on, a warning other than the allowed ones, a dependency with a lookup
 * warning, or one looked up without its updates computed.
 */
export function lookupProblems(evidence: LookupEvidence): string[] {
  const problems = [
    ...evidence.unanswered.map(
      (request) => `the offline world could not answer ${request.method} ${request.url}`,
    ),
    ...evidence.answered
      .filter((request) => request.status >= 500)
      .map((request) => `the offline world failed on ${request.method} ${request.url}`),
    ...evidence.warnings
      .filter((record) => !allowedWarnings.some((allowed) => allowed.test(record.msg)))
      .map(describeRecord),
  ];
  for (const dep of evidence.deps) {
    if (dep.packageFile === repoConfigFile) continue;
    for (const warning of dep.warnings ?? []) {
      problems.push(`${describeDep(dep)}: ${warning.message ?? warning.topic ?? 'a warning'}`);
    }
    if (!dep.skipReason && !Array.isArray(dep.updates)) {
      problems.push(`${describeDep(dep)}: looked up, but no updates computed`);
    }
  }
  return problems;
}

/** The lookup's counts, without the repository's own config (its preset reference). */
export function countLookups(
  deps: readonly FoundDep[],
): Pick<LookupRunMeasurement, 'depsLookedUp' | 'depsWithUpdates' | 'skipped'> {
  const counted = deps.filter((dep) => dep.packageFile !== repoConfigFile);
  const skipped: Record<string, number> = {};
  for (const dep of counted) {
    if (dep.skipReason) skipped[dep.skipReason] = (skipped[dep.skipReason] ?? 0) + 1;
  }
  const lookedUp = counted.filter((dep) => !dep.skipReason);
  return {
    depsLookedUp: lookedUp.length,
    depsWithUpdates: lookedUp.filter((dep) => (dep.updates ?? []).length > 0).length,
    skipped,
  };
}

/** A dependency as runs of the lookup compare it: what extraction found and what lookup proposed. */
function lookupLine(dep: FoundDep): string {
  const updates = (dep.updates ?? []).map((update) => [update.updateType, update.newValue]);
  return `${depLine(dep)} ${JSON.stringify(updates)}`;
}

function tally(messages: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const message of messages) counts[message] = (counts[message] ?? 0) + 1;
  return counts;
}

/**
 * Runs Renovate once with `dryRun: lookup` in `world`. Fails (BenchRunError) unless every
 * lookup succeeded (`lookupProblems`), so that the timing never includes a failed one.
 */
export async function measureLookupRun(
  repoDir: string,
  config: BenchConfig,
  world: OfflineWorld,
  logLevel: BenchLogLevel,
): Promise<{ run: LookupRunMeasurement; lines: string[] }> {
  const answeredBefore = world.answered.length;
  const unansweredBefore = world.unanswered.length;
  let deps: readonly FoundDep[] = [];
  const warnings: LogRecord[] = [];
  let lookupMs: number | undefined;
  const run = await measureRun(repoDir, config, world.env, logLevel, {
    mode: 'lookup',
    logLevelRemap: lookupFailureMessages.map((matchMessage) => ({
      matchMessage,
      newLogLevel: 'warn',
    })),
    onRecord(record) {
      if (record.level >= WARN) warnings.push(record);
      if (record.msg === 'Repository timing splits (milliseconds)') {
        lookupMs = (record.splits as { lookup?: number } | undefined)?.lookup;
      }
    },
    onDeps(found) {
      deps = found;
    },
  });
  const answered = world.answered.slice(answeredBefore);
  const problems = lookupProblems({
    deps,
    warnings,
    unanswered: world.unanswered.slice(unansweredBefore),
    answered,
  });
  if (problems.length > 0) {
    const listed = problems.slice(0, 20).map((problem) => `  - ${problem}`);
    if (problems.length > listed.length) listed.push(`  (${problems.length - 20} more)`);
    throw new BenchRunError(
      `the lookup run with the ${config.name} config in ${repoDir} had failed lookups; add what the offline world lacks under fixtures/world (see its README):\n${listed.join('\n')}`,
    );
  }
  if (lookupMs === undefined) {
    throw new BenchRunError('Renovate logged no lookup split in "Repository timing splits"');
  }
  const allowed = warnings.map((record) => record.msg);
  return {
    run: {
      ...run,
      lookupMs,
      ...countLookups(deps),
      worldRequests: answered.length,
      allowedWarnings: tally(allowed),
    },
    lines: deps.map(lookupLine).sort(),
  };
}

function totalBytes(files: readonly { content: string }[]): number {
  return files.reduce((sum, file) => sum + Buffer.byteLength(file.content), 0);
}

/**
 * The lookup run: the synthetic repository of `options.size` Argo CD files, each config
 * `options.runs` times, interleaved (a, b, b, a, ...) as the extract sweep runs them, each run
 * with a fresh cache (runRenovate's), so that every run looks every package up again. Every
 * run of a config must find and propose the same as its first.
 */
export async function measureLookup(
  world: OfflineWorld,
  configs: readonly BenchConfig[],
  options: LookupOptions,
): Promise<LookupMeasurements> {
  const label = `lookup N=${options.size}`;
  const repo = generateClusterRepo(options.size, options.seed);
  const repos = await reposPerConfig(repo.files, configs);
  const references = new Map<string, { variant: string; lines: readonly string[] }>();
  const runs: LookupRunMeasurement[] = [];
  try {
    for (let round = 0; round < options.runs; round++) {
      for (const config of round % 2 === 0 ? configs : [...configs].reverse()) {
        const dir = repos.get(config.name)?.dir;
        if (!dir) throw new Error(`no repository for ${config.name}`);
        const { run, lines } = await measureLookupRun(dir, config, world, options.logLevel);
        const variant = `${config.name} run ${round + 1}`;
        const reference = references.get(config.name);
        if (reference) checkSameDeps(label, variant, reference, lines);
        else references.set(config.name, { variant, lines });
        runs.push(run);
        options.onProgress?.(
          `${label} ${config.name} ${round + 1}/${options.runs}: extract ${(run.extractMs / 1000).toFixed(1)} s, lookup ${(run.lookupMs / 1000).toFixed(1)} s, ${run.depsLookedUp} looked up, peak ${run.peakRssMiB.toFixed(0)} MiB (load ${run.loadBefore})`,
        );
      }
    }
  } finally {
    await Promise.all([...repos.values()].map((entry) => entry.dispose()));
  }
  return {
    name: `N=${options.size}`,
    description: `${options.size} Argo CD files`,
    applicationFiles: options.size,
    files: repo.files.length,
    bytes: totalBytes(repo.files),
    configs: configs.map((config) => config.name),
    runs,
  };
}
