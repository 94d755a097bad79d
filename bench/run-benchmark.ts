import path from 'node:path';
import { generatedFiles, staleFiles } from '../src/build/write-presets.ts';
import { presetProject } from '../src/corpus/run-corpus.ts';
import { allPresets } from '../src/presets/index.ts';
import type { TempGitRepo } from '../src/renovate/temp-git-repo.ts';
import { packageRoot } from '../src/shared/package-root.ts';
import { startOfflineWorld } from '../src/world/offline-world.ts';
import { adversarialCases } from './adversarial.ts';
import { type AnnotateSizeMeasurements, measureAnnotate } from './annotate-scaling.ts';
import { attributionConfigs } from './attribution.ts';
import { generateClusterRepo } from './cluster-repo.ts';
import {
  type BenchConfig,
  builtInConfig,
  presetConfig,
  presetWithoutCustomManagersConfig,
} from './configs.ts';
import { type FloorResult, measureFloor } from './floor.ts';
import { type LookupMeasurements, measureLookup } from './lookup-run.ts';
import { describeMachine, loadAverage, type Machine } from './machine.ts';
import {
  type BenchLogLevel,
  type MeasureRunExtras,
  measureRun,
  type RunMeasurement,
} from './measure-run.ts';
import { measureOurSteps, type OurStepsOptions, type OurStepsResult } from './our-steps.ts';
import { snapshotPresets } from './preset-snapshot.ts';
import type { GeneratedFile } from './shapes/shape.ts';
import { reposPerConfig } from './write-repo.ts';

export interface BenchOptions {
  /** Numbers of Argo CD files of the synthetic repositories. */
  sizes: number[];
  /** Runs per configuration and repository; medians are taken over them. */
  runs: number;
  seed: number;
  adversarial: boolean;
  adversarialBytes: number;
  logLevel: BenchLogLevel;
  /** Measure each custom manager's share instead of comparing (a) with (b). */
  attribute: boolean;
  /** Also measure the floor: the same configs with a Renovate that caches compiled patterns. */
  floor: boolean;
  /** Also the lookup run (bench/lookup-run.ts) on a repository of this N; none when absent. */
  lookupSize?: number;
  /** Also time our own steps after Renovate (bench/our-steps.ts); skipped when absent. */
  ourSteps?: OurStepsOptions;
  /** Also time `renovate-gitops annotate` (bench/annotate-scaling.ts); skipped when absent. */
  annotate?: { sizes: number[]; runs: number };
  onProgress?: (message: string) => void;
}

/** The measurements on one repository: every run of every config, in the order they ran. */
export interface RepoMeasurements {
  name: string;
  description: string;
  files: number;
  bytes: number;
  configs: string[];
  runs: RunMeasurement[];
}

export interface SizeMeasurements extends RepoMeasurements {
  applicationFiles: number;
  shapeCounts: Record<string, number>;
}

export interface BenchResult {
  options: Omit<BenchOptions, 'onProgress'>;
  machine: Machine;
  /** Which presets (a) resolved: digest of the served files, and the package's commit. */
  presets: { digest: string; commit: string };
  /** As Renovate itself reported it ("Repository started"). */
  renovateVersion: string;
  startedAt: string;
  finishedAt: string;
  loadAtStart: number;
  loadAtEnd: number;
  sizes: SizeMeasurements[];
  adversarial: RepoMeasurements[];
  /** With --floor: the configs again with the installed and with a patched Renovate (floor.ts). */
  floor?: FloorResult;
  /** With a lookup size: (a) and (b) with `dryRun: lookup` (lookup-run.ts). */
  lookup?: LookupMeasurements;
  /** Our steps after Renovate, each timed at two sizes of each case (our-steps.ts). */
  ourSteps?: OurStepsResult;
  /** `annotate` timed by phase on each family's repository at each size (annotate-scaling.ts). */
  annotate?: AnnotateSizeMeasurements[];
  warnings: string[];
}

/** The configs of the size sweep: (a) and (b). */
export const sweepConfigs: readonly BenchConfig[] = [presetConfig, builtInConfig];

/**
 * The adversarial target is about what our custom managers add, so the files are measured with
 * (a) and with (a0), the same built-in settings without the custom managers.
 */
export const adversarialConfigs: readonly BenchConfig[] = [
  presetConfig,
  presetWithoutCustomManagersConfig,
];

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/**
 * Runs every config `runs` times on one repository, interleaved (a, b, b, a, a, b, ...) so
 * that a change in machine load during the measurement falls on both configs alike; the
 * ratio a/b is therefore taken within one measurement, never across two. `extrasFor` gives a
 * config's runs what only some measurements need (bench/compare-presets.ts: the deps found).
 */
export async function measureRepo(
  label: string,
  files: readonly GeneratedFile[],
  configs: readonly BenchConfig[],
  worldEnv: Record<string, string>,
  options: Pick<BenchOptions, 'runs' | 'logLevel' | 'onProgress'>,
  extrasFor: (config: BenchConfig) => MeasureRunExtras = () => ({}),
): Promise<RunMeasurement[]> {
  const repos: Map<string, TempGitRepo> = await reposPerConfig(files, configs);
  const runs: RunMeasurement[] = [];
  try {
    for (let round = 0; round < options.runs; round++) {
      const order = round % 2 === 0 ? configs : [...configs].reverse();
      for (const config of order) {
        const repo = repos.get(config.name);
        if (!repo) throw new Error(`no repository for ${config.name}`);
        const run = await measureRun(
          repo.dir,
          config,
          worldEnv,
          options.logLevel,
          extrasFor(config),
        );
        runs.push(run);
        options.onProgress?.(
          `${label} ${config.name} ${round + 1}/${options.runs}: extract ${seconds(run.extractMs)}, wall ${seconds(run.wallMs)}, peak ${run.peakRssMiB.toFixed(0)} MiB (load ${run.loadBefore})`,
        );
      }
    }
    return runs;
  } finally {
    await Promise.all([...repos.values()].map((repo) => repo.dispose()));
  }
}

function totalBytes(files: readonly GeneratedFile[]): number {
  return files.reduce((sum, file) => sum + Buffer.byteLength(file.content), 0);
}

/**
 * The benchmark: synthetic cluster repositories of each size and the adversarial files, each
 * measured with the preset and with the built-in managers alone, in one offline world that
 * serves this working tree's presets (as they were when the bench started) through `gitlab>`,
 * as a user's repository resolves them.
 */
export async function runBenchmark(options: BenchOptions): Promise<BenchResult> {
  const startedAt = new Date().toISOString();
  const loadAtStart = loadAverage();
  const warnings: string[] = [];
  const stale = await staleFiles(packageRoot, generatedFiles(allPresets));
  if (stale.length > 0) {
    warnings.push(
      `generated presets differ from src/presets (${stale.join(', ')}): the preset runs used the files on disk; run \`npm run build\``,
    );
  }
  const presets = await snapshotPresets(packageRoot);
  const world = await startOfflineWorld({
    dataDir: path.join(packageRoot, 'fixtures/world'),
    presetTree: presets.dir,
    presetProject,
  }).catch(async (err: unknown) => {
    await presets.dispose();
    throw err;
  });
  const sizes: SizeMeasurements[] = [];
  const adversarial: RepoMeasurements[] = [];
  let floor: FloorResult | undefined;
  let lookup: LookupMeasurements | undefined;
  let ourSteps: OurStepsResult | undefined;
  let annotate: AnnotateSizeMeasurements[] | undefined;
  try {
    // One discarded round first: the first Renovate start after a while reads its ~600
    // modules from disk, the following ones from the page cache.
    const warmUp = generateClusterRepo(Math.min(...options.sizes, 100), options.seed);
    await measureRepo('warm-up', warmUp.files, sweepConfigs, world.env, { ...options, runs: 1 });

    const sizeConfigs = options.attribute ? attributionConfigs() : sweepConfigs;
    const fileConfigs = options.attribute ? attributionConfigs() : adversarialConfigs;
    for (const size of options.sizes) {
      const repo = generateClusterRepo(size, options.seed);
      const runs = await measureRepo(`N=${size}`, repo.files, sizeConfigs, world.env, options);
      sizes.push({
        name: `N=${size}`,
        description: `${size} Argo CD files`,
        applicationFiles: size,
        shapeCounts: repo.shapeCounts,
        files: repo.files.length,
        bytes: totalBytes(repo.files),
        configs: sizeConfigs.map((config) => config.name),
        runs,
      });
    }
    if (options.adversarial) {
      for (const testCase of adversarialCases(options.adversarialBytes)) {
        const runs = await measureRepo(
          testCase.name,
          testCase.files,
          fileConfigs,
          world.env,
          options,
        );
        adversarial.push({
          name: testCase.name,
          description: testCase.description,
          files: testCase.files.length,
          bytes: totalBytes(testCase.files),
          configs: fileConfigs.map((config) => config.name),
          runs,
        });
      }
    }
    if (options.floor && !options.attribute) {
      floor = await measureFloor(options, world.env, sweepConfigs);
    }
    if (options.lookupSize && !options.attribute) {
      lookup = await measureLookup(world, sweepConfigs, { ...options, size: options.lookupSize });
    }
    if (options.ourSteps && !options.attribute) {
      ourSteps = await measureOurSteps(
        world.env,
        { ...options.ourSteps, seed: options.seed },
        options.onProgress,
      );
    }
    if (options.annotate && !options.attribute) {
      annotate = await measureAnnotate({
        ...options.annotate,
        seed: options.seed,
        worldEnv: world.env,
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      });
    }
    for (const request of world.unanswered) {
      warnings.push(`the offline world could not answer ${request.method} ${request.url}`);
    }
  } finally {
    await world.stop();
    await presets.dispose();
  }
  const { onProgress: _, ...recorded } = options;
  return {
    options: recorded,
    machine: describeMachine(),
    presets: { digest: presets.digest, commit: presets.commit },
    renovateVersion:
      [...sizes, ...adversarial, ...(lookup ? [lookup] : [])].flatMap((repo) => repo.runs)[0]
        ?.renovateVersion ?? 'unknown',
    startedAt,
    finishedAt: new Date().toISOString(),
    loadAtStart,
    loadAtEnd: loadAverage(),
    sizes,
    adversarial,
    ...(floor ? { floor } : {}),
    ...(lookup ? { lookup } : {}),
    ...(ourSteps ? { ourSteps } : {}),
    ...(annotate ? { annotate } : {}),
    warnings,
  };
}
