import { appOfAppsValues } from '../managers/app-of-apps-values.ts';
import type { PresetSource } from './preset.ts';

export const appOfApps: PresetSource = {
  file: 'presets/app-of-apps',
  description:
    'Detect chart versions that App-of-Apps Helm charts keep in values files next to chart and repoURL, where the templated Application only reads them.',
  config: { customManagers: [appOfAppsValues] },
};
