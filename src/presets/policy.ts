import type { PresetSource } from './preset.ts';

/** Matches 0.x versions with or without a `v`, in any versioning scheme. */
const zeroMajorVersion = '/^v?0\\./';

export const policy: PresetSource = {
  file: 'presets/policy',
  description:
    'Merge minor and patch updates by themselves once the pipeline passes; majors and 0.x minors wait for approval on the Dependency Dashboard.',
  config: {
    dependencyDashboard: true,
    // Give a bad release time to be noticed and pulled before it reaches the cluster.
    minimumReleaseAge: '3 days',
    // OCI registries and git tags carry no release timestamps: with the default
    // (`timestamp-required`) their updates would wait forever (renovatebot/renovate#35435).
    minimumReleaseAgeBehaviour: 'timestamp-optional',
    // Do not open a branch for an update that is still soaking; it shows as pending.
    internalChecksFilter: 'strict',
    packageRules: [
      {
        description:
          'Minor and patch updates merge by themselves once the pipeline passes (GitLab: merge when pipeline succeeds).',
        matchUpdateTypes: ['minor', 'patch'],
        automerge: true,
        automergeType: 'pr',
        platformAutomerge: true,
        addLabels: ['automerge'],
      },
      {
        description: 'Major updates wait for a human to approve them on the Dependency Dashboard.',
        matchUpdateTypes: ['major'],
        automerge: false,
        dependencyDashboardApproval: true,
        addLabels: ['breaking'],
      },
      {
        description:
          'Below 1.0 a minor update may break (semver 0.y.z), so it waits for approval like a major.',
        matchCurrentVersion: zeroMajorVersion,
        matchUpdateTypes: ['minor'],
        automerge: false,
        dependencyDashboardApproval: true,
        addLabels: ['breaking'],
      },
    ],
  },
};
