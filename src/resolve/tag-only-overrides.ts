import type { ChartDefaults, ChartRef } from '../helm/chart-defaults.ts';
import {
  lookupPath,
  type Origin,
  piecesOf,
  textOf,
  type Value,
  versionLike,
} from './located-values.ts';
import { fileDocuments } from './rendered-yaml.ts';

/**
 * An image map that sets only `tag` (`image: {tag: v2.44.0}`): the repository is the chart's
 * default, written in the chart, not in this repository.
 */
export interface TagOnlyOverride {
  tag: { origin: Origin; text: string };
  /** The image map's path in the chart's values. */
  path: string[];
  chart: ChartRef | { reason: string };
  where: string;
}

/** Image maps with a tag and no repository, anywhere under `values`. */
export function tagOnlyImages(
  values: Value,
  base: string[] = [],
  depth = 0,
): { path: string[]; tag: { origin: Origin; text: string } }[] {
  if (!(values instanceof Map) || depth > 32) return [];
  const found: { path: string[]; tag: { origin: Origin; text: string } }[] = [];
  for (const [key, item] of values) {
    if (
      /image$/i.test(key) &&
      item instanceof Map &&
      item.has('tag') &&
      !item.has('repository') &&
      !item.has('image') &&
      !item.has('name')
    ) {
      const pieces = piecesOf(item.get('tag')).filter((piece) => piece.text !== '');
      const [only] = pieces;
      if (pieces.length === 1 && only?.origin && versionLike.test(only.text))
        found.push({ path: [...base, key], tag: { origin: only.origin, text: only.text } });
      continue;
    }
    found.push(...tagOnlyImages(item, [...base, key], depth + 1));
  }
  return found;
}

/** What the chart's default values name at the image map's path: `registry/repository`. */
export function defaultImageName(defaults: Value, path: readonly string[]): string | undefined {
  const image = lookupPath(defaults, path);
  if (!(image instanceof Map)) return undefined;
  const repository = textOf(image.get('repository') ?? image.get('image')).trim();
  if (!repository || repository.includes('{{')) return undefined;
  const registry = textOf(image.get('registry')).trim();
  return registry ? `${registry}/${repository}` : repository;
}

export interface ResolvedOverride {
  override: TagOnlyOverride;
  depName?: string;
  reason?: string;
  source?: string;
}

/** Names each override from its chart's default values, fetching and reading each chart once. */
export async function resolveOverrides(
  overrides: readonly TagOnlyOverride[],
  defaults: ChartDefaults,
): Promise<ResolvedOverride[]> {
  // A chart's values.yaml runs to thousands of lines; the overrides of one chart are many.
  const read = new Map<string, Value>();
  const parsedValues = (text: string, source: string): Value => {
    if (!read.has(source)) read.set(source, fileDocuments(text, source).documents[0]);
    return read.get(source);
  };
  return Promise.all(
    overrides.map(async (override): Promise<ResolvedOverride> => {
      if ('reason' in override.chart) return { override, reason: override.chart.reason };
      const values = await defaults.values(override.chart);
      if ('reason' in values) return { override, reason: values.reason };
      const parsed = parsedValues(values.text, values.source);
      const depName = defaultImageName(parsed, override.path);
      if (!depName)
        return {
          override,
          reason: `the chart's default values (${values.source}) name no image repository at ${override.path.join('.')}`,
        };
      return { override, depName, source: values.source };
    }),
  );
}
