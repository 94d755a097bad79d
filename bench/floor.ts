import type { FoundDep } from '../src/renovate/report.ts';
import type { TempGitRepo } from '../src/renovate/temp-git-repo.ts';
import { generateClusterRepo } from './cluster-repo.ts';
import type { BenchConfig } from './configs.ts';
import { BenchRunError, measureRun, type RunMeasurement } from './measure-run.ts';
import { createPatchedRenovate, type PatchedRenovate } from './patched-renovate.ts';
import { type RenovatePatch, renovatePatches } from './renovate-patches.ts';
import type { BenchOptions, RepoMeasurements } from './run-benchmark.ts';
import type { GeneratedFile } from './shapes/shape.ts';
import { reposPerConfig } from './write-repo.ts';

/**
 * What the same configs cost with a Renovate that caches what it compiles (a patched copy of
 * the installed one, bench/renovate-patches.ts): the number an upstream change would buy.
 */
export interface FloorResult {
  patches: Omit<RenovatePatch, 'edits'>[];
  /** Each config with the installed Renovate and again (`patchedName`) with the patched one. */
  repos: RepoMeasurements[];
}

/** What the name of a config's runs with the patched Renovate ends with. */
export const patchedSuffix = ' (patched)';

export function patchedName(config: string): string {
  return `${config}${patchedSuffix}`;
}

/** N=1,000, or the size nearest below it that --sizes asks for (one size: the floor is long). */
export function floorSizes(sizes: readonly number[]): number[] {
  if (sizes.length === 0) return [];
  const upToThousand = sizes.filter((size) => size <= 1000);
  return [upToThousand.length > 0 ? Math.max(...upToThousand) : Math.min(...sizes)];
}

/** A dependency as the floor compares it: what extraction decides, nothing about timing. */
export function depLine(dep: FoundDep): string {
  return JSON.stringify([
    dep.manager,
    dep.packageFile,
    dep.depName,
    dep.packageName,
    dep.currentValue,
    dep.currentDigest,
    dep.datasource,
    dep.registryUrls,
    dep.replaceString,
    dep.skipReason,
  ]);
}

/** The lines of `from` that `other` lacks, with multiplicity. */
export function missingFrom(from: readonly string[], other: readonly string[]): string[] {
  const left = new Map<string, number>();
  for (const line of other) left.set(line, (left.get(line) ?? 0) + 1);
  return from.filter((line) => {
    const count = left.get(line) ?? 0;
    left.set(line, count - 1);
    return count <= 0;
  });
}

/**
 * Fails unless a run found exactly the dependencies of the first run of the same config: a
 * cache that changed what Renovate extracts would make the floor a wrong number, not a low one.
 */
export function checkSameDeps(
  label: string,
  variant: string,
  reference: { variant: string; lines: readonly string[] },
  lines: readonly string[],
): void {
  const missing = missingFrom(reference.lines, lines);
  const extra = missingFrom(lines, reference.lines);
  if (missing.length === 0 && extra.length === 0) return;
  const sample = (list: string[]) =>
    list
      .slice(0, 5)
      .map((line) => `    ${line}`)
      .join('\n');
  throw new BenchRunError(
    `${label}: the ${variant} run found other dependencies than the ${reference.variant} run (${missing.length} missing, ${extra.length} extra; manager, file, depName, packageName, currentValue, currentDigest, datasource, registryUrls, replaceString, skipReason):\n  missing:\n${sample(missing)}\n  extra:\n${sample(extra)}`,
  );
}

interface Variant {
  name: string;
  config: BenchConfig;
  entryPoint?: string;
}

/**
 * Every config with each Renovate, interleaved (a, b, a', b', then b', a', b, a, ...) so that a
 * change in machine load falls on all four alike.
 */
async function measureFloorRepo(
  label: string,
  files: readonly GeneratedFile[],
  configs: readonly BenchConfig[],
  patched: PatchedRenovate,
  worldEnv: Record<string, string>,
  options: BenchOptions,
): Promise<RunMeasurement[]> {
  const variants: Variant[] = [
    ...configs.map((config) => ({ name: config.name, config })),
    ...configs.map((config) => ({
      name: patchedName(config.name),
      config,
      entryPoint: patched.entryPoint,
    })),
  ];
  const repos: Map<string, TempGitRepo> = await reposPerConfig(files, configs);
  const references = new Map<string, { variant: string; lines: string[] }>();
  const runs: RunMeasurement[] = [];
  try {
    for (let round = 0; round < options.runs; round++) {
      for (const variant of round % 2 === 0 ? variants : [...variants].reverse()) {
        const repo = repos.get(variant.config.name);
        if (!repo) throw new Error(`no repository for ${variant.config.name}`);
        let lines: string[] = [];
        const run = await measureRun(repo.dir, variant.config, worldEnv, options.logLevel, {
          entryPoint: variant.entryPoint,
          onDeps: (deps) => {
            lines = deps.map(depLine).sort();
          },
        });
        const reference = references.get(variant.config.name);
        if (reference) checkSameDeps(label, variant.name, reference, lines);
        else references.set(variant.config.name, { variant: variant.name, lines });
        runs.push({ ...run, config: variant.name });
        options.onProgress?.(
          `floor ${label} ${variant.name} ${round + 1}/${options.runs}: extract ${(run.extractMs / 1000).toFixed(1)} s, CPU ${(run.cpuMs / 1000).toFixed(1)} s (load ${run.loadBefore})`,
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
 * The floor: the synthetic repository (`floorSizes`) with (a) and (b), each with the installed
 * and with the patched Renovate. Not the adversarial files: each is one file in its own
 * repository, so every pattern is compiled once either way (measured: no gain beyond noise).
 */
export async function measureFloor(
  options: BenchOptions,
  worldEnv: Record<string, string>,
  sizeConfigs: readonly BenchConfig[],
  patches: readonly RenovatePatch[] = renovatePatches,
): Promise<FloorResult> {
  const cases = [
    ...floorSizes(options.sizes).map((size) => {
      const repo = generateClusterRepo(size, options.seed);
      return {
        name: `N=${size}`,
        description: `${size} Argo CD files`,
        files: repo.files,
        configs: sizeConfigs,
      };
    }),
  ];
  if (cases.length === 0) return { patches: [], repos: [] };
  // Written just now, the copy's files are in the page cache: no warm-up round needed.
  const patched = await createPatchedRenovate(patches);
  const repos: RepoMeasurements[] = [];
  try {
    for (const testCase of cases) {
      const runs = await measureFloorRepo(
        testCase.name,
        testCase.files,
        testCase.configs,
        patched,
        worldEnv,
        options,
      );
      const names = testCase.configs.map((config) => config.name);
      repos.push({
        name: testCase.name,
        description: testCase.description,
        files: testCase.files.length,
        bytes: totalBytes(testCase.files),
        configs: [...names, ...names.map(patchedName)],
        runs,
      });
    }
  } finally {
    await patched.dispose();
  }
  return {
    patches: patched.patches.map(({ edits: _, ...patch }) => patch),
    repos,
  };
}
