import { seededRandom } from './random.ts';
import { appOfAppsTemplate } from './shapes/app-of-apps-template.ts';
import { applicationSetShape } from './shapes/application-set.ts';
import { helmApplication } from './shapes/helm-application.ts';
import { kustomizeApplication } from './shapes/kustomize-application.ts';
import { multiSourceApplication } from './shapes/multi-source-application.ts';
import type { GeneratedFile, Shape } from './shapes/shape.ts';

/** The mix of a cluster repository, by share of its Argo CD files. Shares sum to 1. */
export const shapes: readonly Shape[] = [
  helmApplication,
  multiSourceApplication,
  kustomizeApplication,
  applicationSetShape,
  appOfAppsTemplate,
];

export const defaultSeed = 20260101;

export interface ClusterRepo {
  applicationFiles: number;
  seed: number;
  /** Argo CD files per shape; they sum to `applicationFiles`. */
  shapeCounts: Record<string, number>;
  files: GeneratedFile[];
}

/**
 * How many of `total` files each shape gets: its share rounded down, the remainder to the
 * largest fractions (largest remainder), so the counts always sum to `total`.
 */
export function apportion(total: number, all: readonly Shape[] = shapes): number[] {
  const exact = all.map((shape) => shape.share * total);
  const counts = exact.map(Math.floor);
  const order = exact
    .map((value, index) => ({ index, fraction: value - Math.floor(value) }))
    .sort((a, b) => b.fraction - a.fraction || a.index - b.index);
  let left = total - counts.reduce((sum, count) => sum + count, 0);
  for (const { index } of order) {
    if (left-- <= 0) break;
    counts[index] = (counts[index] ?? 0) + 1;
  }
  return counts;
}

/**
 * A synthetic cluster repository with `applicationFiles` Argo CD files (Applications,
 * ApplicationSets, App-of-Apps templates) in the mix of `shapes`, plus the values files,
 * Kustomize directories and parent charts they use. The same seed gives the same files.
 */
export function generateClusterRepo(applicationFiles: number, seed = defaultSeed): ClusterRepo {
  const counts = apportion(applicationFiles);
  const files: GeneratedFile[] = [];
  const shapeCounts: Record<string, number> = {};
  let firstIndex = 0;
  shapes.forEach((shape, position) => {
    const count = counts[position] ?? 0;
    // One stream per shape: changing one shape's content leaves the others' files alone.
    const random = seededRandom(seed + position * 7919);
    const output = shape.generate(count, firstIndex, random);
    files.push(...output.argoFiles, ...output.supportFiles);
    shapeCounts[shape.name] = output.argoFiles.length;
    firstIndex += count;
  });
  return { applicationFiles, seed, shapeCounts, files };
}
