import { versionedRawUrls } from '../managers/versioned-raw-urls.ts';
import type { PresetSource } from './preset.ts';

export const manifestUrls: PresetSource = {
  file: 'presets/manifest-urls',
  description:
    'Detect versioned manifest URLs (raw.githubusercontent.com, GitHub release downloads, GitLab /-/raw/) in Kustomize resources and any other YAML.',
  config: { customManagers: [...versionedRawUrls] },
};
