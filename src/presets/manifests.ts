import { valuesFiles, yamlOtherThanValues } from '../managers/file-patterns.ts';
import { manifestImages } from '../managers/manifest-images.ts';
import type { PresetSource } from './preset.ts';

/**
 * Renovate's crossplane manager has no default file patterns, and helm-values only reads
 * files named exactly `values.yaml`. Values files are split off from plain manifests so that
 * an inline `image: repo:tag` in a values file is read by helm-values alone, never twice.
 */
export const manifests: PresetSource = {
  file: 'presets/manifests',
  description:
    'Detect image tags in plain Kubernetes manifests (also Jobs in chart templates), Helm values files whatever their name, and Crossplane packages.',
  config: {
    'helm-values': { managerFilePatterns: [valuesFiles] },
    crossplane: { managerFilePatterns: [yamlOtherThanValues] },
    customManagers: [manifestImages],
  },
};
