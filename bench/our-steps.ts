import { scanClusterRepo, trackedFiles } from '../src/policy/cluster-repo.ts';
import { compilePolicy, type RenovateChecks } from '../src/policy/compile-policy.ts';
import { parsePolicyFile } from '../src/policy/policy-file.ts';
import type { BranchDecision } from '../src/renovate/log-records.ts';
import { type FoundDep, foundDeps } from '../src/renovate/report.ts';
import { runRenovate } from '../src/renovate/run-renovate.ts';
import { filesRenovateDrops } from '../src/scan/files-renovate-drops.ts';
import { formatScanTable, summarize } from '../src/scan/format-table.ts';
import { locateDeps } from '../src/scan/locate-pin.ts';
import { scanRows } from '../src/scan/scan-rows.ts';
import { presetConfig } from './configs.ts';
import { BenchRunError } from './measure-run.ts';
import { type OurStepsCase, type OurStepsSizes, ourStepsCases } from './our-steps-cases.ts';
import { reposPerConfig } from './write-repo.ts';

export interface OurStepsOptions {
  sizes: OurStepsSizes;
  /**
   * Timed repetitions of each step, at least; the fastest counts (load on the machine only
   * adds). A step under a second is repeated for about a second.
   */
  repeats: number;
}

/** One step, timed: wall and CPU milliseconds of the fastest repetition. */
export interface StepTiming {
  step: string;
  wallMs: number;
  cpuMs: number;
}

/** One case at one size: what Renovate found there, and what each of our steps took. */
export interface OurStepsRun {
  case: string;
  unit: string;
  size: number;
  files: number;
  bytes: number;
  deps: number;
  renovateMs: number;
  steps: StepTiming[];
}

export interface OurStepsResult {
  options: OurStepsOptions & { seed: number };
  runs: OurStepsRun[];
}

/** The steps in the order scan and policy run them; the first is Renovate's runner's, not ours. */
export const ourStepNames = {
  report: 'report -> deps (runner)',
  lines: 'line location',
  rows: 'scan rows (lookup)',
  table: 'scan table and summary',
  dropped: 'files Renovate drops',
  policy: 'policy name resolution',
} as const;

/** Renovate's lookup checks are not what is timed: every datasource and schedule is accepted. */
const acceptingChecks: RenovateChecks = {
  datasourceIds: async () => ['docker', 'helm', 'git-tags', 'github-tags', 'github-releases'],
  scheduleProblem: async () => undefined,
  migrateSchedule: async (schedule) => [...schedule],
};

const shortStepBudgetMs = 1_000;
const shortStepMaxRepeats = 30;

async function timed<T>(
  repeats: number,
  run: () => T | Promise<T>,
): Promise<{ wallMs: number; cpuMs: number; result: T }> {
  let best: { wallMs: number; cpuMs: number; result: T } | undefined;
  // A step of a few tens of milliseconds is repeated for a second or more: one collection of
  // garbage in three tries doubled its fastest time and made linear growth read as 5.3x.
  let spentMs = 0;
  for (
    let round = 0;
    round < repeats || (spentMs < shortStepBudgetMs && round < shortStepMaxRepeats);
    round++
  ) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    const result = await run();
    const wallMs = performance.now() - started;
    spentMs += wallMs;
    const { user, system } = process.cpuUsage(cpu);
    const cpuMs = (user + system) / 1000;
    best = {
      wallMs: Math.min(wallMs, best?.wallMs ?? wallMs),
      cpuMs: Math.min(cpuMs, best?.cpuMs ?? cpuMs),
      result,
    };
  }
  if (!best) throw new Error('timed needs at least one repetition');
  return best;
}

/**
 * What a lookup run would report, made up from an extract: one minor update per pin, and one
 * branch per dependency name (Renovate's default), so that a name pinned 200,000 times has a
 * branch of 200,000 upgrades for the rows to find theirs in.
 */
function asLookup(deps: readonly FoundDep[]): { deps: FoundDep[]; branches: BranchDecision[] } {
  const branches = new Map<string, BranchDecision>();
  const withUpdates = deps.map((dep): FoundDep => {
    if (dep.skipReason || !dep.currentValue) return dep;
    const newValue = `${dep.currentValue}-next`;
    const name = dep.depName ?? dep.packageName ?? '?';
    let branch = branches.get(name);
    if (!branch) {
      branch = { branchName: `renovate/${name}`, automerge: true, upgrades: [] };
      branches.set(name, branch);
    }
    branch.upgrades.push({ packageFile: dep.packageFile, depName: dep.depName, newValue });
    return { ...dep, updates: [{ newValue, updateType: 'minor' }] };
  });
  return { deps: withUpdates, branches: [...branches.values()] };
}

/**
 * A policy file naming every tenth application of the repository (one in fifty misspelled, so
 * that the nearest name is searched for), plus a chart, a path and a datasource entry.
 */
function policyFor(applicationNames: readonly string[], charts: readonly string[]): string {
  const entries = applicationNames
    .filter((_, index) => index % 10 === 0)
    .map((name, index) =>
      index % 50 === 49
        ? `{ application: '${name}x', automerge: 'none' }`
        : `{ application: '${name}', automerge: 'patch', approveMajor: true }`,
    );
  if (charts[0]) entries.push(`{ chart: '${charts[0]}', automerge: 'minor' }`);
  entries.push(
    "{ path: '**/values*.yaml', labels: ['values'] }",
    "{ datasource: 'docker', labels: ['image'] }",
  );
  return `{\n  apps: [\n${entries.map((entry) => `    ${entry},`).join('\n')}\n  ],\n}\n`;
}

async function measureCase(
  testCase: OurStepsCase,
  size: number,
  worldEnv: Record<string, string>,
  options: OurStepsOptions & { seed: number },
): Promise<OurStepsRun> {
  const files = testCase.generate(size, options.seed);
  const repos = await reposPerConfig(files, [presetConfig]);
  const repo = repos.get(presetConfig.name);
  try {
    if (!repo) throw new Error('no repository for the preset config');
    const started = performance.now();
    const result = await runRenovate({ repoDir: repo.dir, mode: 'extract', env: worldEnv });
    const renovateMs = performance.now() - started;
    const errors = result.log.problems.filter((record) => record.level >= 50);
    if (result.exitCode !== 0 || errors.length > 0) {
      throw new BenchRunError(
        `Renovate failed (exit ${result.exitCode}) on ${testCase.name} at ${size} ${testCase.unit}:\n${errors.map((record) => `  - ${record.msg}`).join('\n') || result.stderr.trim()}`,
      );
    }
    const { repeats } = options;
    const steps: StepTiming[] = [];
    const step = async <T>(name: string, run: () => T | Promise<T>): Promise<T> => {
      const { result: value, ...timing } = await timed(repeats, run);
      steps.push({ step: name, ...timing });
      return value;
    };

    const deps = await step(ourStepNames.report, () => foundDeps(result.report));
    const lineOf = await step(ourStepNames.lines, () => locateDeps(repo.dir, deps));
    const lookup = asLookup(deps);
    const lines = new Map(
      lookup.deps.map((dep, index) => [dep, lineOf.get(deps[index] as FoundDep)]),
    );
    const now = new Date();
    const rows = await step(ourStepNames.rows, () =>
      scanRows({ ...lookup, lookup: true, lineOf: (dep) => lines.get(dep), now }),
    );
    await step(ourStepNames.table, () => `${formatScanTable(rows, true)}\n\n${summarize(rows)}`);
    const tracked = await trackedFiles(repo.dir);
    await step(ourStepNames.dropped, () => filesRenovateDrops(repo.dir, tracked));
    const known = await scanClusterRepo(repo.dir);
    const policy = policyFor(
      known.applications.map((application) => application.name),
      known.charts,
    );
    await step(ourStepNames.policy, async () => {
      const parsed = parsePolicyFile('renovate-gitops.json5', policy);
      if (!parsed.ok) throw new Error('the bench wrote an invalid policy file');
      return compilePolicy(parsed.parsed, await scanClusterRepo(repo.dir), acceptingChecks);
    });
    return {
      case: testCase.name,
      unit: testCase.unit,
      size,
      files: files.length,
      bytes: files.reduce((sum, file) => sum + Buffer.byteLength(file.content), 0),
      deps: deps.length,
      renovateMs,
      steps,
    };
  } finally {
    await Promise.all([...repos.values()].map((temp) => temp.dispose()));
  }
}

/**
 * Runs Renovate's extract once per case and size (offline, the preset resolved through the
 * world as for the size sweep), then times each step scan and policy run after it, in this
 * process, on what Renovate found.
 */
export async function measureOurSteps(
  worldEnv: Record<string, string>,
  options: OurStepsOptions & { seed: number },
  onProgress?: (message: string) => void,
): Promise<OurStepsResult> {
  const runs: OurStepsRun[] = [];
  for (const testCase of ourStepsCases) {
    for (const size of options.sizes[testCase.name] ?? []) {
      const run = await measureCase(testCase, size, worldEnv, options);
      runs.push(run);
      onProgress?.(
        `our steps, ${testCase.name} at ${size.toLocaleString('en-US')} ${testCase.unit}: ${run.deps} deps, Renovate ${(run.renovateMs / 1000).toFixed(1)} s, ${run.steps.map((timing) => `${timing.step} ${Math.round(timing.cpuMs)} ms`).join(', ')}`,
      );
    }
  }
  return { options, runs };
}

/** How one step's time grew between the two sizes of a case. */
export interface StepGrowth {
  case: string;
  step: string;
  small: OurStepsRun;
  large: OurStepsRun;
  smallCpuMs: number;
  largeCpuMs: number;
  /** Time at the larger size over time at the smaller one (CPU: load on the machine moves it least). */
  growth: number;
  sizeRatio: number;
}

/** Below this, at the larger size, a step is too fast for its growth to say anything. */
export const growthFloorMs = 20;

/**
 * Whether a step grew at most `perSize` times as much as its input: linear, with room for an
 * n log n sort and for noise; a step too fast to measure passes.
 */
export function grewLinearly(entry: StepGrowth, perSize: number): boolean {
  return entry.largeCpuMs < growthFloorMs || entry.growth <= entry.sizeRatio * perSize;
}

export function ourStepsGrowth(result: OurStepsResult): StepGrowth[] {
  const growths: StepGrowth[] = [];
  for (const name of new Set(result.runs.map((run) => run.case))) {
    const runs = result.runs.filter((run) => run.case === name).sort((a, b) => a.size - b.size);
    const small = runs[0];
    const large = runs.at(-1);
    if (!small || !large || small === large) continue;
    for (const timing of large.steps) {
      const before = small.steps.find((other) => other.step === timing.step);
      if (!before) continue;
      growths.push({
        case: name,
        step: timing.step,
        small,
        large,
        smallCpuMs: before.cpuMs,
        largeCpuMs: timing.cpuMs,
        growth: timing.cpuMs / Math.max(before.cpuMs, 0.001),
        sizeRatio: large.size / small.size,
      });
    }
  }
  return growths;
}
