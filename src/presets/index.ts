import { annotations } from './annotations.ts';
import { appOfApps } from './app-of-apps.ts';
import { argocd } from './argocd.ts';
import { manifestUrls } from './manifest-urls.ts';
import { policy } from './policy.ts';
import type { PresetSource } from './preset.ts';
import { relativeReference } from './preset.ts';

/** Every preset this package publishes besides the default, in `extends` order. */
export const presets: readonly PresetSource[] = [
  argocd,
  appOfApps,
  manifestUrls,
  annotations,
  policy,
];

/** What users put in `extends`: all detection presets plus the default policy. */
export const defaultPreset: PresetSource = {
  file: 'default',
  description:
    'Keep every version pin in an Argo CD / Kustomize GitOps repository current: minor and patch updates merge by themselves, majors wait for approval.',
  config: {
    extends: presets.map(relativeReference),
  },
};

export const allPresets: readonly PresetSource[] = [defaultPreset, ...presets];
