import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  type AnnotatePlan,
  planRepository,
  writeAnnotations,
} from '../src/annotate/annotate-repository.ts';
import { tempGitRepo } from '../src/renovate/temp-git-repo.ts';
import type { PhaseTimer } from '../src/resolve/phase-timer.ts';
import {
  type AnnotateRepo,
  annotateFamilies,
  generateAnnotateRepo,
  oneChartFamilies,
} from './annotate-repo.ts';
import { presetConfig } from './configs.ts';
import { loadAverage } from './machine.ts';
import { repoConfigFile } from './measure-run.ts';
import { writeFiles } from './write-repo.ts';

/** One annotate run on a fresh copy of a repository. */
export interface AnnotateRun {
  loadBefore: number;
  /**
   * Wall milliseconds per phase, as `planRepository` names them, plus `write`. `renovate` is the
   * real Renovate in extract mode (a child process, start to exit); the rest is ours. The
   * resolver's stages (`render-charts`, ...) are inside `resolve`, `locate-deps` inside `plan`.
   */
  phaseMs: Record<string, number>;
  /** CPU milliseconds of this process per phase (during `renovate`: reading Renovate's log). */
  phaseCpuMs: Record<string, number>;
  /** planRepository and the write, start to end. */
  totalMs: number;
  /** `totalMs` without the Renovate run: the resolution, planning and writing that are ours. */
  oursMs: number;
  /** CPU time of `oursMs`, which load on the machine changes less than wall time. */
  oursCpuMs: number;
  pins: number;
  edits: number;
  unresolved: number;
  problems: number;
}

export interface AnnotateRepoMeasurements {
  /** `mixed`, or the family the repository holds alone. */
  name: string;
  units: number;
  familyCounts: Record<string, number>;
  files: number;
  bytes: number;
  runs: AnnotateRun[];
}

export interface AnnotateSizeMeasurements {
  units: number;
  repos: AnnotateRepoMeasurements[];
}

export interface AnnotateOptions {
  sizes: readonly number[];
  runs: number;
  seed: number;
  /** The offline world's proxy settings: registries, chart archives and the `gitlab>` presets. */
  worldEnv: Record<string, string>;
  onProgress?: (message: string) => void;
}

/**
 * The mixed repository first, then one repository per family at the same N, then the chart
 * families with one chart each.
 */
export function annotateRepos(units: number, seed: number): AnnotateRepo[] {
  return [
    generateAnnotateRepo(units, seed),
    ...annotateFamilies.map((family) => generateAnnotateRepo(units, seed, [family])),
    generateAnnotateRepo(units, seed, oneChartFamilies(units), 'one-chart'),
  ];
}

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function recordingTimer(
  phaseMs: Record<string, number>,
  phaseCpuMs: Record<string, number>,
): PhaseTimer {
  return async (phase, work) => {
    const start = performance.now();
    const startCpu = cpuMs();
    try {
      return await work();
    } finally {
      phaseMs[phase] = (phaseMs[phase] ?? 0) + (performance.now() - start);
      phaseCpuMs[phase] = (phaseCpuMs[phase] ?? 0) + (cpuMs() - startCpu);
    }
  };
}

function counts(plan: AnnotatePlan) {
  return {
    pins: plan.resolution.pins.length,
    edits: plan.edits.length,
    unresolved: plan.resolution.unresolved.length,
    problems: plan.resolution.problems.length + plan.dropped.length,
  };
}

/**
 * `renovate-gitops annotate` as the CLI runs it (plan against the real Renovate, then write),
 * timed by phase, on a fresh committed copy of the files with a fresh chart cache: every run
 * fetches the chart archives it needs from the world, as a CI job without a cache does.
 */
export async function measureAnnotateRun(
  repo: AnnotateRepo,
  worldEnv: Record<string, string>,
): Promise<AnnotateRun> {
  const stage = await mkdtemp(path.join(tmpdir(), 'bench-annotate-stage-'));
  const chartCacheDir = await mkdtemp(path.join(tmpdir(), 'bench-annotate-charts-'));
  try {
    await writeFiles(stage, repo.files);
    const config = `${JSON.stringify(presetConfig.repoConfig, null, 2)}\n`;
    await writeFile(path.join(stage, repoConfigFile), config);
    const git = await tempGitRepo(stage);
    try {
      const phaseMs: Record<string, number> = {};
      const phaseCpuMs: Record<string, number> = {};
      const timer = recordingTimer(phaseMs, phaseCpuMs);
      const loadBefore = loadAverage();
      const start = performance.now();
      const startCpu = cpuMs();
      const plan = await planRepository(git.dir, worldEnv, { chartCacheDir, timer });
      await timer('write', () => writeAnnotations(git.dir, plan));
      const totalMs = performance.now() - start;
      return {
        loadBefore,
        phaseMs,
        phaseCpuMs,
        totalMs,
        oursMs: totalMs - (phaseMs.renovate ?? 0),
        oursCpuMs: cpuMs() - startCpu - (phaseCpuMs.renovate ?? 0),
        ...counts(plan),
      };
    } finally {
      await git.dispose();
    }
  } finally {
    await rm(stage, { recursive: true, force: true });
    await rm(chartCacheDir, { recursive: true, force: true });
  }
}

function totalBytes(repo: AnnotateRepo): number {
  return repo.files.reduce((sum, file) => sum + Buffer.byteLength(file.content), 0);
}

/** Every repository of every size, `runs` times each, one after the other. */
export async function measureAnnotate(
  options: AnnotateOptions,
): Promise<AnnotateSizeMeasurements[]> {
  const sizes: AnnotateSizeMeasurements[] = [];
  for (const units of options.sizes) {
    const repos: AnnotateRepoMeasurements[] = [];
    for (const repo of annotateRepos(units, options.seed)) {
      const runs: AnnotateRun[] = [];
      for (let round = 0; round < options.runs; round++) {
        const run = await measureAnnotateRun(repo, options.worldEnv);
        runs.push(run);
        options.onProgress?.(
          `annotate N=${units} ${repo.name} ${round + 1}/${options.runs}: ${(run.totalMs / 1000).toFixed(1)} s, ours ${(run.oursMs / 1000).toFixed(1)} s (CPU ${(run.oursCpuMs / 1000).toFixed(1)} s), ${run.edits} annotations of ${run.pins} pins (load ${run.loadBefore})`,
        );
      }
      repos.push({
        name: repo.name,
        units,
        familyCounts: repo.familyCounts,
        files: repo.files.length + 1,
        bytes: totalBytes(repo),
        runs,
      });
    }
    sizes.push({ units, repos });
  }
  return sizes;
}
