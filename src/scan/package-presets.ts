import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { mergeableOptions } from '../renovate/renovate-internals.ts';
import { packageRoot } from '../shared/package-root.ts';

/** A Renovate config as JSON: what presets and repository configs hold. */
export type RenovateConfig = Record<string, unknown>;

/** The preset files this package ships, without `.json`: `default`, `presets/argocd`, ... */
export async function packagePresetFiles(root = packageRoot): Promise<string[]> {
  const presets = await readdir(path.join(root, 'presets')).catch(() => []);
  return [
    'default',
    ...presets
      .filter((name) => name.endsWith('.json'))
      .map((name) => `presets/${name.slice(0, -'.json'.length)}`)
      .sort(),
  ];
}

function isObject(value: unknown): value is RenovateConfig {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `child` over `parent` as Renovate merges a preset into the config that extends it
 * (mergeChildConfig, lib/config/utils.ts): mergeable arrays such as packageRules and
 * customManagers are concatenated, mergeable objects such as a manager's settings are merged,
 * everything else is replaced.
 */
export function mergeConfig(
  parent: RenovateConfig,
  child: RenovateConfig,
  mergeable: ReadonlyMap<string, string>,
): RenovateConfig {
  const merged: RenovateConfig = { ...parent, ...child };
  for (const [name, type] of mergeable) {
    const [before, after] = [parent[name], child[name]];
    if (!before || !after) continue;
    if (type === 'array' && Array.isArray(before) && Array.isArray(after)) {
      merged[name] = [...before, ...after];
    } else if (isObject(before) && isObject(after)) {
      merged[name] =
        name === 'constraints' ? { ...before, ...after } : mergeConfig(before, after, mergeable);
    }
  }
  return merged;
}

/** Where a relative preset reference inside `file` points (lib/config/presets/relative.ts). */
function relativeTarget(file: string, reference: string): string {
  const target = reference.startsWith('/')
    ? path.posix.normalize(reference.slice(1))
    : path.posix.join(path.posix.dirname(file), reference);
  return target.replace(/\.json5?$/, '');
}

/**
 * One of this package's presets with its relative `./presets/...` references resolved and
 * merged in, as a single config that can stand in for `extends: ["local>.../<file>"]` where
 * Renovate cannot read the project. Any other reference (a built-in preset) stays in `extends`
 * for Renovate to resolve.
 */
export async function flattenPackagePreset(
  file: string,
  root = packageRoot,
  mergeable?: ReadonlyMap<string, string>,
): Promise<RenovateConfig> {
  const options = mergeable ?? (await mergeableOptions());
  const preset = JSON.parse(await readFile(path.join(root, `${file}.json`), 'utf8')) as unknown;
  if (!isObject(preset)) throw new Error(`${file}.json is not a preset: not a JSON object`);
  const { $schema, description, extends: references, ...own } = preset;
  let flattened: RenovateConfig = {};
  const builtIn: string[] = [];
  for (const reference of Array.isArray(references) ? references : []) {
    if (typeof reference !== 'string') continue;
    if (/^\.{0,2}\//.test(reference)) {
      const { extends: inherited, ...inner } = await flattenPackagePreset(
        relativeTarget(file, reference),
        root,
        options,
      );
      if (Array.isArray(inherited)) builtIn.push(...(inherited as string[]));
      flattened = mergeConfig(flattened, inner, options);
    } else {
      builtIn.push(reference);
    }
  }
  flattened = mergeConfig(flattened, own, options);
  return builtIn.length > 0 ? { extends: builtIn, ...flattened } : flattened;
}
