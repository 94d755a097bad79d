import { apportion } from './cluster-repo.ts';
import { seededRandom } from './random.ts';
import { addonRegistry, addonRegistryFamily } from './shapes/annotate-addon-registry.ts';
import { appOfAppsList, appOfAppsListFamily } from './shapes/annotate-app-of-apps-list.ts';
import { composedChartName } from './shapes/annotate-composed-chart-name.ts';
import type { AnnotateFamily } from './shapes/annotate-family.ts';
import { linkedValuesFile } from './shapes/annotate-linked-values-file.ts';
import { tagOnlyOverride } from './shapes/annotate-tag-only-override.ts';
import { templatedImage, templatedImageFamily } from './shapes/annotate-templated-image.ts';
import type { GeneratedFile } from './shapes/shape.ts';

/** The families `annotate` resolves, and their share of a mixed repository's N units. */
export const annotateFamilies: readonly AnnotateFamily[] = [
  addonRegistry,
  appOfAppsList,
  composedChartName,
  templatedImage,
  linkedValuesFile,
  tagOnlyOverride,
];

/**
 * The families a chart's template renders, each with all its units in one chart: how
 * resolution grows with the size of one values file and one rendering, which the fixed-size
 * charts of the other repositories do not show.
 */
export function oneChartFamilies(units: number): AnnotateFamily[] {
  return [addonRegistryFamily(units), appOfAppsListFamily(units), templatedImageFamily(units)];
}

export interface AnnotateRepo {
  /** `mixed`, `one-chart`, or the one family it holds. */
  name: string;
  units: number;
  seed: number;
  /** Units per family; they sum to `units`. */
  familyCounts: Record<string, number>;
  files: GeneratedFile[];
}

/**
 * A synthetic cluster repository of `units` units of the given families (all of them by
 * default, in their shares; one family alone gets every unit). Each family draws from its own
 * seeded stream, so its files are the same in the mixed repository and alone, up to size.
 */
export function generateAnnotateRepo(
  units: number,
  seed: number,
  families: readonly AnnotateFamily[] = annotateFamilies,
  name?: string,
): AnnotateRepo {
  // Shares are of the whole mix: a subset shares all the units in proportion.
  const total = families.reduce((sum, family) => sum + family.share, 0);
  const counts = apportion(
    units,
    families.map((family) => ({ ...family, share: family.share / total })),
  );
  const files: GeneratedFile[] = [];
  const familyCounts: Record<string, number> = {};
  let firstIndex = 0;
  families.forEach((family, position) => {
    const count = counts[position] ?? 0;
    const stream = annotateFamilies.findIndex((known) => known.name === family.name);
    const random = seededRandom(seed + 104_729 + stream * 7919);
    const output = family.generate(count, firstIndex, random);
    files.push(...output.argoFiles, ...output.supportFiles);
    familyCounts[family.name] = count;
    firstIndex += count;
  });
  const [only] = families;
  return {
    name: name ?? (families.length === 1 && only ? only.name : 'mixed'),
    units,
    seed,
    familyCounts,
    files,
  };
}
