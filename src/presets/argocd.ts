import { applicationHelmImages } from '../managers/application-helm-images.ts';
import { applicationHelmParameters } from '../managers/application-helm-parameters.ts';
import { applicationKustomizeImages } from '../managers/application-kustomize-images.ts';
import { applicationSetGenerators } from '../managers/application-set-generators.ts';
import type { PresetSource } from './preset.ts';

/**
 * Argo CD's built-in manager has no default file patterns. Application and ApplicationSet
 * files live anywhere (`apps/`, `bootstrap/`, a chart's `templates/`, one `manifest.yaml` per
 * app), so every YAML file is offered to it; the manager skips a file after one regex test when
 * it has no `argoproj.io` apiVersion. Files that can never hold one are left out.
 */
export const argocd: PresetSource = {
  file: 'presets/argocd',
  description:
    "Detect chart, OCI and git pins in Argo CD Application and ApplicationSet files wherever they live (Renovate's argocd manager), image tags in their inline Helm values, and chart versions fed by ApplicationSet generators.",
  config: {
    argocd: {
      managerFilePatterns: ['/\\.ya?ml$/'],
    },
    customManagers: [
      applicationHelmImages,
      applicationHelmParameters,
      applicationKustomizeImages,
      applicationSetGenerators,
    ],
  },
};
