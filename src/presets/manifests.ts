import { crossplanePackagesInChartTemplates } from '../managers/crossplane-chart-templates.ts';
import { valuesFiles, yamlOutsideChartTemplatesAndValues } from '../managers/file-patterns.ts';
import { manifestImages } from '../managers/manifest-images.ts';
import {
  qualifiedImageRefsInManifests,
  qualifiedImageRefsInValues,
} from '../managers/qualified-image-refs.ts';
import type { PresetSource } from './preset.ts';

/**
 * Renovate's crossplane manager has no default file patterns, and helm-values only reads
 * files named exactly `values.yaml`. Values files are split off from plain manifests so that
 * an inline `image: repo:tag` in a values file is read by helm-values alone, never twice.
 * The crossplane manager parses YAML and drops a chart template that does not parse, so it
 * reads everything but chart templates, where our Crossplane manager reads the package.
 */
export const manifests: PresetSource = {
  file: 'presets/manifests',
  description:
    'Detect image tags in plain Kubernetes manifests (also Jobs in chart templates), Helm values files whatever their name, whole image references with a registry under any key, and Crossplane packages (also in chart templates).',
  config: {
    'helm-values': { managerFilePatterns: [valuesFiles] },
    crossplane: { managerFilePatterns: [yamlOutsideChartTemplatesAndValues] },
    customManagers: [
      manifestImages,
      qualifiedImageRefsInValues,
      qualifiedImageRefsInManifests,
      crossplanePackagesInChartTemplates,
    ],
  },
};
