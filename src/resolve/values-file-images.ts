import {
  type Origin,
  piecesOf,
  Scalar,
  textOf,
  type Value,
  versionLike,
} from './located-values.ts';

/**
 * Values files as Renovate's helm-values manager is given them by the preset: `values.yaml`,
 * `values-prod.yaml`, `prod-values.yaml` (the preset's `valuesFiles` glob, as a pattern).
 */
export const valuesFileName = /(^|\/)(values|values[-.][^/]*|[^/]*[-.]values)\.ya?ml$/i;

export interface ValuesImage {
  tag: { origin: Origin; text: string };
  depName: string;
  path: string[];
}

function literal(value: Value): { origin: Origin; text: string } | undefined {
  if (!(value instanceof Scalar) || !value.origin) return undefined;
  const [piece] = piecesOf(value);
  return piece?.origin ? { origin: piece.origin, text: piece.text } : undefined;
}

/**
 * The image maps helm-values reads in a values file (a key ending in `image` holding
 * `repository` and `tag`, `registry` optional), so that where helm-values drops the whole file
 * (a duplicate key) the same pins can still be annotated. Only literal values count.
 */
export function valuesFileImages(values: Value, base: string[] = [], depth = 0): ValuesImage[] {
  if (!(values instanceof Map) || depth > 32) return [];
  const found: ValuesImage[] = [];
  for (const [key, item] of values) {
    if (/image$/i.test(key) && item instanceof Map && item.has('repository') && item.has('tag')) {
      const tag = literal(item.get('tag'));
      const repository = textOf(item.get('repository')).trim();
      const registry = textOf(item.get('registry')).trim();
      if (tag && versionLike.test(tag.text) && /^[a-z0-9][a-z0-9._/:-]*$/.test(repository)) {
        found.push({
          tag,
          depName: registry ? `${registry}/${repository}` : repository,
          path: [...base, key],
        });
      }
      continue;
    }
    found.push(...valuesFileImages(item, [...base, key], depth + 1));
  }
  return found;
}
