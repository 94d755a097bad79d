import { annotations } from './annotations.ts';
import { appOfApps } from './app-of-apps.ts';
import { argocd } from './argocd.ts';
import { manifestUrls } from './manifest-urls.ts';
import { manifests } from './manifests.ts';
import { mergeManagersByFileClass } from './merge-managers.ts';
import type { PresetConfig, PresetSource } from './preset.ts';

/** The detection building blocks, one per concern, for users who pick single presets. */
export const detectionBlocks: readonly PresetSource[] = [
  argocd,
  appOfApps,
  manifests,
  manifestUrls,
  annotations,
];

function combinedConfig(blocks: readonly PresetSource[]): PresetConfig {
  const config: PresetConfig = {};
  for (const block of blocks) {
    const { customManagers = [], ...builtIns } = block.config;
    for (const [key, value] of Object.entries(builtIns)) {
      if (key in config) throw new Error(`${block.file} sets ${key} again`);
      Object.assign(config, { [key]: value });
    }
    config.customManagers = [...(config.customManagers ?? []), ...customManagers];
  }
  return { ...config, customManagers: mergeManagersByFileClass(config.customManagers ?? []) };
}

/**
 * Every detection block at once, as the default uses it: the same built-in settings and the
 * same patterns, with the custom managers merged by file class so that Renovate reads and
 * compiles once per file what the blocks would make it do once per block and shape.
 */
export const detection: PresetSource = {
  file: 'presets/detection',
  description:
    'Detect every version pin of an Argo CD / Kustomize GitOps repository: all detection presets of this package at once, their custom managers merged by file class so Renovate reads each file once per manager type.',
  config: combinedConfig(detectionBlocks),
};
