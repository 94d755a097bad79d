import type { RunMeasurement } from './measure-run.ts';
import type { RepoMeasurements } from './run-benchmark.ts';
import { medianPerKey, type Summary, summarize } from './stats.ts';

/** Renovate's names for custom managers in its report and its extract durations. */
export const customManagerKeys = ['regex', 'jsonata'];

/** One config on one repository, over all its runs. */
export interface ConfigSummary {
  extractMs: Summary;
  wallMs: Summary;
  cpuMs: Summary;
  peakRssMiB: Summary;
  /** Median size of the debug log file, where one was written. */
  debugLogMiB?: number;
  /** Median per manager of Renovate's own extract durations. */
  managerMs: Record<string, number>;
  /** Dependencies found, by manager (identical in every run of an extract). */
  depsByManager: Record<string, number>;
  deps: number;
  customDeps: number;
  /** Median 1-minute load average before the runs. */
  load: number;
}

export function summarizeConfig(runs: readonly RunMeasurement[]): ConfigSummary {
  const depsByManager = runs[0]?.depsByManager ?? {};
  const count = (keys: string[]) =>
    Object.entries(depsByManager)
      .filter(([manager]) => keys.includes(manager))
      .reduce((sum, [, deps]) => sum + deps, 0);
  return {
    extractMs: summarize(runs.map((run) => run.extractMs)),
    wallMs: summarize(runs.map((run) => run.wallMs)),
    cpuMs: summarize(runs.map((run) => run.cpuMs)),
    peakRssMiB: summarize(runs.map((run) => run.peakRssMiB)),
    ...(runs.every((run) => run.debugLogMiB !== undefined)
      ? { debugLogMiB: summarize(runs.map((run) => run.debugLogMiB ?? 0)).median }
      : {}),
    managerMs: medianPerKey(runs.map((run) => run.managerMs)),
    depsByManager,
    deps: count(Object.keys(depsByManager)),
    customDeps: count(customManagerKeys),
    load: summarize(runs.map((run) => run.loadBefore)).median,
  };
}

/** Every config of a repository, summarized, by config name. */
export function summarizeRepo(repo: RepoMeasurements): Record<string, ConfigSummary> {
  return Object.fromEntries(
    repo.configs.map((config) => [
      config,
      summarizeConfig(repo.runs.filter((run) => run.config === config)),
    ]),
  );
}

/** Whether every run of a config found the same dependencies: extract is deterministic. */
export function depsVary(repo: RepoMeasurements, config: string): boolean {
  const seen = new Set(
    repo.runs
      .filter((run) => run.config === config)
      .map((run) => JSON.stringify(run.depsByManager)),
  );
  return seen.size > 1;
}
