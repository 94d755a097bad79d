import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { flattenPackagePreset, packagePresetFiles } from '../src/scan/package-presets.ts';
import { projectRoot } from './harness/paths.ts';

async function preset(file: string): Promise<Record<string, unknown[]>> {
  return JSON.parse(await readFile(path.join(projectRoot, `${file}.json`), 'utf8')) as Record<
    string,
    unknown[]
  >;
}

describe("this package's presets, flattened to stand in for local>", () => {
  it('lists default and every file in presets/', async () => {
    expect(await packagePresetFiles()).toEqual([
      'default',
      'presets/annotations',
      'presets/app-of-apps',
      'presets/approve-all',
      'presets/argocd',
      'presets/automerge-patch-only',
      'presets/detection',
      'presets/group-argocd',
      'presets/maintenance-window',
      'presets/manifest-urls',
      'presets/manifests',
      'presets/policy',
    ]);
  });

  it('merges the presets default.json extends, in its order, as Renovate does', async () => {
    const parts = await Promise.all(
      ((await preset('default')).extends as string[]).map((reference) =>
        preset(reference.replace(/^\.\//, '')),
      ),
    );
    const flattened = await flattenPackagePreset('default');
    expect(flattened.customManagers).toEqual(parts.flatMap((part) => part.customManagers ?? []));
    expect(flattened.packageRules).toEqual(parts.flatMap((part) => part.packageRules ?? []));
    expect(flattened).not.toHaveProperty('extends');
    expect(flattened).not.toHaveProperty('description');
    expect(flattened).not.toHaveProperty('$schema');
  });

  it('takes a single preset as it is, without description and $schema', async () => {
    const { $schema, description, ...rules } = await preset('presets/approve-all');
    expect(await flattenPackagePreset('presets/approve-all')).toEqual(rules);
  });
});
