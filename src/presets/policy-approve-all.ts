import type { PresetSource } from './preset.ts';

/**
 * A rule, not the top-level `dependencyDashboardApproval` of Renovate's own
 * `:dependencyDashboardApproval` preset: package rules apply after top-level options, so the
 * default policy's automerge rule would otherwise still let minor and patch updates through.
 */
export const approveAll: PresetSource = {
  file: 'presets/approve-all',
  description:
    'Every update waits for approval on the Dependency Dashboard and is merged by a human: nothing reaches the cluster by itself. Extend it after the default preset.',
  config: {
    packageRules: [
      {
        description:
          'Every update, whatever its type, waits for approval on the Dependency Dashboard; the MR it then opens is merged by a human.',
        matchPackageNames: ['*'],
        automerge: false,
        dependencyDashboardApproval: true,
      },
    ],
  },
};
