import type { PresetSource } from './preset.ts';

export const automergePatchOnly: PresetSource = {
  file: 'presets/automerge-patch-only',
  description:
    'Only patch updates merge by themselves; minor updates open an MR for a human to review and merge. Extend it after the default preset.',
  config: {
    packageRules: [
      {
        description:
          'Minor updates open an MR for review instead of merging by themselves; patch updates still merge once the pipeline passes.',
        matchUpdateTypes: ['minor'],
        automerge: false,
      },
    ],
  },
};
