import { annotateFamilies } from './annotate-repo.ts';
import type {
  AnnotateRepoMeasurements,
  AnnotateRun,
  AnnotateSizeMeasurements,
} from './annotate-scaling.ts';
import { summarize } from './stats.ts';

function median(runs: readonly AnnotateRun[], pick: (run: AnnotateRun) => number): number {
  return summarize(runs.map(pick)).median;
}

/** Median times of one repository: the Renovate run, ours, and the whole. */
export function annotateTimes(repo: AnnotateRepoMeasurements) {
  return {
    renovateMs: median(repo.runs, (run) => run.phaseMs.renovate ?? 0),
    oursMs: median(repo.runs, (run) => run.oursMs),
    oursCpuMs: median(repo.runs, (run) => run.oursCpuMs),
    totalMs: median(repo.runs, (run) => run.totalMs),
  };
}

export interface AnnotateGrowth {
  repo: string;
  renovate: number;
  ours: number;
  oursCpu: number;
  total: number;
}

/** Per repository, how much each time grew from the smaller to the larger N. */
export function annotateGrowth(
  small: AnnotateSizeMeasurements,
  large: AnnotateSizeMeasurements,
): AnnotateGrowth[] {
  return large.repos.flatMap((repo) => {
    const before = small.repos.find((other) => other.name === repo.name);
    if (!before) return [];
    const a = annotateTimes(before);
    const b = annotateTimes(repo);
    return [
      {
        repo: repo.name,
        renovate: b.renovateMs / a.renovateMs,
        ours: b.oursMs / a.oursMs,
        oursCpu: b.oursCpuMs / a.oursCpuMs,
        total: b.totalMs / a.totalMs,
      },
    ];
  });
}

/**
 * The target holds when annotate as a whole (wall time: what a pipeline waits for) and our part
 * of it (CPU time, which the machine's load changes less) each grow at most `limit` times.
 */
export function grewWithin(growth: AnnotateGrowth, limit: number): boolean {
  return growth.total <= limit && growth.oursCpu <= limit;
}

/** One verdict per repository for the bench's Targets table. */
export function annotateVerdicts(
  sizes: readonly AnnotateSizeMeasurements[],
  limit: number,
): { target: string; measured: string; met: boolean | undefined }[] {
  const small = sizes.find((size) => size.units === 1000);
  const large = sizes.find((size) => size.units === 5000);
  const names = ['mixed', ...annotateFamilies.map((family) => family.name), 'one-chart'];
  if (!small || !large) {
    return sizes.length === 0
      ? []
      : [
          {
            target: `growth of annotate N=1,000 -> 5,000 <= ${limit} (each family)`,
            measured: 'not measured (needs N=1,000 and N=5,000)',
            met: undefined,
          },
        ];
  }
  const growths = annotateGrowth(small, large);
  return names.map((name) => {
    const growth = growths.find((entry) => entry.repo === name);
    return {
      target: `growth of annotate N=1,000 -> 5,000 <= ${limit} (${name})`,
      measured: growth
        ? `${growth.total.toFixed(2)} (ours: CPU ${growth.oursCpu.toFixed(2)}, wall ${growth.ours.toFixed(2)}; Renovate run ${growth.renovate.toFixed(2)})`
        : 'not measured',
      met: growth ? grewWithin(growth, limit) : undefined,
    };
  });
}
