import { annotationManagers } from '../managers/renovate-annotations.ts';
import type { PresetSource } from './preset.ts';

export const annotations: PresetSource = {
  file: 'presets/annotations',
  description:
    'Update any YAML value marked with a `# renovate: datasource=... depName=...` comment on the line above it, unless another manager already reads that line: each pin is found once.',
  config: { customManagers: [...annotationManagers] },
};
