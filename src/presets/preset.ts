import type { RenovateConfig } from 'renovate/dist/config/types.js';

/** Built-in managers whose file patterns our presets set. */
export type BuiltInManager =
  | 'argocd'
  | 'crossplane'
  | 'gitlabci'
  | 'helm-values'
  | 'helmv3'
  | 'kubernetes'
  | 'kustomize';

export interface ManagerFileConfig {
  managerFilePatterns?: string[];
}

export type PresetConfig = Omit<RenovateConfig, 'description'> & {
  [manager in BuiltInManager]?: ManagerFileConfig;
};

/** A preset as its source defines it; `description` is required, unlike in Renovate's type. */
export interface PresetSource {
  /** Where the preset is written, relative to the package root, without `.json`. */
  file: string;
  description: string;
  config: PresetConfig;
}

/** How another preset of this package refers to it from `extends`. */
export function relativeReference(preset: PresetSource): string {
  return `./${preset.file}`;
}
