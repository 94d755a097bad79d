import { createHash } from 'node:crypto';
import path from 'node:path';
import { generatedFiles, staleFiles } from '../src/build/write-presets.ts';
import { presetProject } from '../src/corpus/run-corpus.ts';
import { allPresets } from '../src/presets/index.ts';
import type { FoundDep } from '../src/renovate/report.ts';
import { packageRoot } from '../src/shared/package-root.ts';
import { startOfflineWorld } from '../src/world/offline-world.ts';
import { generateClusterRepo } from './cluster-repo.ts';
import { type BenchConfig, builtInConfig, presetBuiltInManagers } from './configs.ts';
import { checkSameDeps, depLine, missingFrom } from './floor.ts';
import { describeMachine, loadAverage, type Machine } from './machine.ts';
import { type BenchLogLevel, type MeasureRunExtras, repoConfigFile } from './measure-run.ts';
import { type PresetsAtRevision, presetsAtRevision, workingTree } from './presets-at-revision.ts';
import { measureRepo, type SizeMeasurements } from './run-benchmark.ts';

export interface ComparePresetsOptions {
  /** Git revisions of this package, or `.` for the working tree; one row each, in this order. */
  revisions: string[];
  /** Argo CD files of the one synthetic cluster repository. */
  size: number;
  runs: number;
  seed: number;
  logLevel: BenchLogLevel;
  /**
   * `false`: no discarded first run. For the tests, whose tiny repository's numbers nobody reads
   * and whose every Renovate start costs seconds; a comparison always has it.
   */
  warmUp?: boolean;
  onProgress?: (message: string) => void;
}

/** What a config's runs found, beyond the counts per manager its runs carry. */
export interface DepsFound {
  /** sha256 of the sorted dependencies (floor.ts `depLine`), 12 hex digits: equal means equal. */
  digest: string;
  /** Against the revision before; absent for the first revision and for the built-ins. */
  vsPrevious?: DepsChange;
}

export interface DepsChange {
  added: number;
  removed: number;
  /** Up to five of each, as `depLine` writes them, for the report. */
  samples: { added: string[]; removed: string[] };
}

/** One revision's presets, as measured. */
export interface ComparedPresets extends Omit<PresetsAtRevision, 'customManagers'> {
  /** The config name its runs carry. */
  config: string;
  customManagers: number;
  /** The custom managers as JSON, in bytes: what Renovate compiles again for every file. */
  customManagerBytes: number;
  deps: DepsFound;
}

export interface PresetComparison {
  options: Omit<ComparePresetsOptions, 'onProgress'>;
  machine: Machine;
  renovateVersion: string;
  startedAt: string;
  finishedAt: string;
  loadAtStart: number;
  loadAtEnd: number;
  presets: ComparedPresets[];
  /** (b): Renovate's built-in managers alone, the denominator of every a/b. */
  builtIn: { config: string; deps: DepsFound };
  repo: SizeMeasurements;
  warnings: string[];
}

/** How the runs of one revision's presets are named (never `built-in`, whatever the revision). */
export function presetsConfigName(revision: string): string {
  return `presets at ${revision}`;
}

/**
 * A revision's custom managers with this working tree's built-in manager settings: the rows
 * then differ by the custom managers alone, which is what the commits being compared changed.
 * Inline rather than through `extends`, so no revision needs serving by the offline world.
 */
function revisionConfig(presets: PresetsAtRevision): BenchConfig {
  return {
    name: presetsConfigName(presets.revision),
    title: `the custom managers of the presets at ${presets.revision} (${presets.commit})`,
    repoConfig: { ...presetBuiltInManagers(), customManagers: presets.customManagers },
    customManagers: true,
  };
}

function digest(lines: readonly string[]): string {
  return createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 12);
}

function change(previous: readonly string[], current: readonly string[]): DepsChange {
  const added = missingFrom(current, previous);
  const removed = missingFrom(previous, current);
  return {
    added: added.length,
    removed: removed.length,
    samples: { added: added.slice(0, 5), removed: removed.slice(0, 5) },
  };
}

/**
 * Records every config's dependencies on its first run and fails when a later run finds others:
 * extract is deterministic, and a row's "same deps" must hold for all of its runs.
 */
function depRecorder(label: string) {
  const lines = new Map<string, string[]>();
  const extrasFor = (config: BenchConfig): MeasureRunExtras => ({
    onDeps(deps: readonly FoundDep[]) {
      const found = deps
        .filter((dep) => dep.packageFile !== repoConfigFile)
        .map(depLine)
        .sort();
      const first = lines.get(config.name);
      if (!first) {
        lines.set(config.name, found);
        return;
      }
      checkSameDeps(label, `${config.name} (again)`, { variant: config.name, lines: first }, found);
    },
  });
  return { lines, extrasFor };
}

/**
 * The extract cost of the presets of several revisions back to back: each revision's custom
 * managers and Renovate's built-in managers alone (b), on one synthetic cluster repository,
 * interleaved run by run (run-benchmark.ts `measureRepo`). Revisions are read before anything
 * runs, so an unknown one fails at once and the working tree may change meanwhile.
 */
export async function comparePresets(options: ComparePresetsOptions): Promise<PresetComparison> {
  const revisions: PresetsAtRevision[] = [];
  for (const revision of options.revisions) {
    revisions.push(await presetsAtRevision(packageRoot, revision));
  }
  const warnings: string[] = [];
  if (options.revisions.includes(workingTree)) {
    const stale = await staleFiles(packageRoot, generatedFiles(allPresets));
    if (stale.length > 0) {
      warnings.push(
        `generated presets differ from src/presets (${stale.join(', ')}): \`.\` used the files on disk; run \`npm run build\``,
      );
    }
  }
  const configs = [...revisions.map(revisionConfig), builtInConfig];
  const startedAt = new Date().toISOString();
  const loadAtStart = loadAverage();
  const label = `N=${options.size}`;
  const recorder = depRecorder(label);
  const repo = generateClusterRepo(options.size, options.seed);
  // No config extends a preset, but every request Renovate makes still goes to the world:
  // nothing leaves the machine, and what it cannot answer becomes a warning.
  const world = await startOfflineWorld({
    dataDir: path.join(packageRoot, 'fixtures/world'),
    presetTree: packageRoot,
    presetProject,
  });
  let runs: SizeMeasurements['runs'];
  try {
    if (options.warmUp !== false) {
      // One discarded run first, as in run-benchmark.ts: the first Renovate start after a while
      // reads its modules from disk, the following ones from the page cache.
      const warmUp = generateClusterRepo(Math.min(options.size, 100), options.seed);
      await measureRepo('warm-up', warmUp.files, [builtInConfig], world.env, {
        ...options,
        runs: 1,
      });
    }
    runs = await measureRepo(label, repo.files, configs, world.env, options, recorder.extrasFor);
    for (const request of world.unanswered) {
      warnings.push(`the offline world could not answer ${request.method} ${request.url}`);
    }
  } finally {
    await world.stop();
  }
  const linesOf = (config: BenchConfig) => recorder.lines.get(config.name) ?? [];
  const presets = revisions.map((atRevision, index): ComparedPresets => {
    const { customManagers, ...described } = atRevision;
    const config = configs[index] as BenchConfig;
    const previous = configs[index - 1];
    return {
      ...described,
      config: config.name,
      customManagers: customManagers.length,
      customManagerBytes: Buffer.byteLength(JSON.stringify(customManagers)),
      deps: {
        digest: digest(linesOf(config)),
        ...(previous ? { vsPrevious: change(linesOf(previous), linesOf(config)) } : {}),
      },
    };
  });
  const { onProgress: _, ...recorded } = options;
  return {
    options: recorded,
    machine: describeMachine(),
    renovateVersion: runs[0]?.renovateVersion ?? 'unknown',
    startedAt,
    finishedAt: new Date().toISOString(),
    loadAtStart,
    loadAtEnd: loadAverage(),
    presets,
    builtIn: { config: builtInConfig.name, deps: { digest: digest(linesOf(builtInConfig)) } },
    repo: {
      name: label,
      description: `${options.size} Argo CD files`,
      applicationFiles: options.size,
      shapeCounts: repo.shapeCounts,
      files: repo.files.length,
      bytes: repo.files.reduce((sum, file) => sum + Buffer.byteLength(file.content), 0),
      configs: configs.map((config) => config.name),
      runs,
    },
    warnings,
  };
}
