import { appOfAppsValues } from '../managers/app-of-apps-values.ts';
import { chartRegistryEntries } from '../managers/chart-registry-entries.ts';
import type { PresetSource } from './preset.ts';

export const appOfApps: PresetSource = {
  file: 'presets/app-of-apps',
  description:
    'Detect chart versions that App-of-Apps Helm charts and add-on registries keep in values next to the chart name and repository, where the templated Application only reads them.',
  config: { customManagers: [appOfAppsValues, chartRegistryEntries] },
};
