import { detectionConfigs } from '../src/corpus/run-corpus.ts';
import { manifestImages } from '../src/managers/manifest-images.ts';
import { presets } from '../src/presets/index.ts';
import type { ManagerFileConfig } from '../src/presets/preset.ts';

/** The repository configs a benchmark compares, by the name its tables use. */
export interface BenchConfig {
  name: string;
  title: string;
  repoConfig: Record<string, unknown>;
  /** Whether the run must show this package's custom managers at work. */
  customManagers: boolean;
}

/**
 * The built-in manager settings of our detection presets (`argocd`, `helm-values`,
 * `crossplane`, ... with their `managerFilePatterns`), read from the preset sources so the
 * baseline can never drift from what the preset offers the same managers.
 */
export function presetBuiltInManagers(): Record<string, ManagerFileConfig> {
  const managers: Record<string, ManagerFileConfig> = {};
  for (const preset of presets) {
    for (const [key, value] of Object.entries(preset.config)) {
      if (value && typeof value === 'object' && 'managerFilePatterns' in value) {
        managers[key] = value as ManagerFileConfig;
      }
    }
  }
  return managers;
}

/** (a): what a user's repository has, resolved by Renovate through `gitlab>` from the offline world. */
export const presetConfig: BenchConfig = {
  name: 'preset',
  title: detectionConfigs.preset.title,
  repoConfig: { ...detectionConfigs.preset.repoConfig },
  customManagers: true,
};

/**
 * (b): Renovate's built-in managers alone, configured to read the same YAML the preset reads:
 * the preset's own built-in settings, plus `kubernetes` on the files our manifest-images
 * manager reads (the built-in that finds `image: name:tag` there). No custom managers, no
 * `extends`; every other manager at its defaults.
 */
export const builtInConfig: BenchConfig = {
  name: 'built-in',
  title:
    "Renovate's built-in managers alone, on the same files: the preset's argocd, helm-values and crossplane patterns, plus kubernetes on every non-values YAML file",
  repoConfig: {
    ...presetBuiltInManagers(),
    kubernetes: { managerFilePatterns: [...manifestImages.managerFilePatterns] },
  },
  customManagers: false,
};

/**
 * (a0), adversarial case only: the preset's built-in settings without its custom managers, so
 * that (a) minus (a0) is exactly what the custom managers add.
 */
export const presetWithoutCustomManagersConfig: BenchConfig = {
  name: 'preset-built-ins',
  title: "the preset's built-in manager settings alone (the preset minus its custom managers)",
  repoConfig: { ...presetBuiltInManagers() },
  customManagers: false,
};
