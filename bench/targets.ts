import { annotateVerdicts } from './annotate-growth.ts';
import { builtInConfig, presetConfig, presetWithoutCustomManagersConfig } from './configs.ts';
import { grewLinearly, ourStepsGrowth } from './our-steps.ts';
import type { BenchResult } from './run-benchmark.ts';
import { type ConfigSummary, summarizeRepo } from './summary.ts';

/** The targets; wall time is reported, never asserted in tests. */
export const targets = {
  /** Extract phase, preset over built-ins, at N=1,000. */
  overheadAt1000: 1.8,
  /** time(5,000) / time(1,000), for both configs. */
  growth1000To5000: 5.5,
  /** Extract time our custom managers add on one adversarial file. */
  adversarialAddedMs: 1000,
  /** Our steps after Renovate: CPU growth over input growth (5x for 4x the input). */
  ourStepsGrowthPerSize: 1.25,
  /** `annotate` time(5,000) / time(1,000), whole and ours, for the mix and each family alone. */
  annotateGrowth1000To5000: 5.5,
};

export interface Verdict {
  target: string;
  measured: string;
  met: boolean | undefined;
}

function bySize(result: BenchResult, size: number): Record<string, ConfigSummary> | undefined {
  const repo = result.sizes.find((entry) => entry.applicationFiles === size);
  return repo ? summarizeRepo(repo) : undefined;
}

function ratio(a: number, b: number): number {
  return b === 0 ? Number.POSITIVE_INFINITY : a / b;
}

/** Each target with what was measured; `met` is undefined where the run did not measure it. */
export function evaluateTargets(result: BenchResult): Verdict[] {
  const verdicts: Verdict[] = [];
  const at1000 = bySize(result, 1000);
  const at5000 = bySize(result, 5000);
  const preset = presetConfig.name;
  const builtIn = builtInConfig.name;

  const overhead =
    at1000?.[preset] && at1000[builtIn]
      ? ratio(at1000[preset].extractMs.median, at1000[builtIn].extractMs.median)
      : undefined;
  verdicts.push({
    target: `extract-phase overhead a/b at N=1,000 <= ${targets.overheadAt1000}x`,
    measured: overhead === undefined ? 'not measured (no N=1,000)' : `${overhead.toFixed(2)}x`,
    met: overhead === undefined ? undefined : overhead <= targets.overheadAt1000,
  });

  for (const config of [preset, builtIn]) {
    const small = at1000?.[config];
    const large = at5000?.[config];
    const growth =
      small && large ? ratio(large.extractMs.median, small.extractMs.median) : undefined;
    const wallGrowth = small && large ? ratio(large.wallMs.median, small.wallMs.median) : undefined;
    verdicts.push({
      target: `growth of extract time N=1,000 -> 5,000 <= ${targets.growth1000To5000} (${config})`,
      measured:
        growth === undefined || wallGrowth === undefined
          ? 'not measured (needs N=1,000 and N=5,000)'
          : `${growth.toFixed(2)} (wall ${wallGrowth.toFixed(2)})`,
      met: growth === undefined ? undefined : growth <= targets.growth1000To5000,
    });
  }

  for (const repo of result.adversarial) {
    const summary = summarizeRepo(repo);
    const withCustom = summary[preset];
    const without = summary[presetWithoutCustomManagersConfig.name];
    if (!withCustom || !without) continue;
    const added = withCustom.extractMs.median - without.extractMs.median;
    const addedCpu = withCustom.cpuMs.median - without.cpuMs.median;
    verdicts.push({
      target: `adversarial ${repo.name}: custom managers add <= ${targets.adversarialAddedMs} ms of extract, and find nothing`,
      measured: `${Math.round(added)} ms extract (CPU ${Math.round(addedCpu)} ms), ${withCustom.customDeps} custom-manager deps`,
      met: added <= targets.adversarialAddedMs && withCustom.customDeps === 0,
    });
  }

  if (result.ourSteps) {
    const growths = ourStepsGrowth(result.ourSteps);
    const worst = growths
      .filter((entry) => !grewLinearly(entry, targets.ourStepsGrowthPerSize))
      .map((entry) => `${entry.case} ${entry.step} ${entry.growth.toFixed(2)}x`);
    const steepest = [...growths].sort(
      (a, b) => b.growth / b.sizeRatio - a.growth / a.sizeRatio,
    )[0];
    verdicts.push({
      target: `each of our steps grows at most linearly: CPU growth <= ${targets.ourStepsGrowthPerSize} x input growth (${4 * targets.ourStepsGrowthPerSize}x for 4x)`,
      measured:
        worst.length > 0
          ? `grew faster: ${worst.join(', ')}`
          : steepest
            ? `steepest: ${steepest.case} ${steepest.step} ${steepest.growth.toFixed(2)}x for x${steepest.sizeRatio.toFixed(0)}`
            : 'not measured (needs two sizes)',
      met: growths.length === 0 ? undefined : worst.length === 0,
    });
  }
  verdicts.push(...annotateVerdicts(result.annotate ?? [], targets.annotateGrowth1000To5000));
  return verdicts;
}
