import { detection, detectionBlocks } from './detection.ts';
import { policy } from './policy.ts';
import { approveAll } from './policy-approve-all.ts';
import { automergePatchOnly } from './policy-automerge-patch-only.ts';
import { groupArgocd } from './policy-group-argocd.ts';
import { maintenanceWindow } from './policy-maintenance-window.ts';
import type { PresetSource } from './preset.ts';
import { relativeReference } from './preset.ts';

/** The presets the default extends, in `extends` order. */
export const presets: readonly PresetSource[] = [detection, policy];

/** What users put in `extends`: all detection presets plus the default policy. */
export const defaultPreset: PresetSource = {
  file: 'default',
  description:
    'Keep every version pin in an Argo CD / Kustomize GitOps repository current: minor and patch updates merge by themselves, majors wait for approval.',
  config: {
    extends: presets.map(relativeReference),
  },
};

/**
 * Policy building blocks: not part of the default; users add them to `extends` after it, e.g.
 * `gitlab>platform/renovate-config-gitops//presets/approve-all`.
 */
export const policyBlocks: readonly PresetSource[] = [
  approveAll,
  automergePatchOnly,
  maintenanceWindow,
  groupArgocd,
];

export const allPresets: readonly PresetSource[] = [
  defaultPreset,
  ...presets,
  ...detectionBlocks,
  ...policyBlocks,
];
