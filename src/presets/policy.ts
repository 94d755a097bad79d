import type { PresetSource } from './preset.ts';

/** Matches 0.x versions with or without a `v`, in any versioning scheme. */
export const zeroMajorVersion = '/^v?0\\./';

/**
 * The default merge policy. It carries no `automerge` label: `addLabels` accumulate across
 * package rules and no later rule can take a label away, so once a building block or a
 * per-app policy turns automerge off, such a label would claim the opposite of what happens.
 * GitLab shows an MR set to merge when the pipeline succeeds on its own.
 */
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
    // The soak is enforced above, by not opening branches. Renovate's green
    // `renovate/stability-days` status would only mislead GitLab: posted on a commit without a
    // pipeline, it becomes a successful pipeline of its own, and "merge when the pipeline
    // succeeds" then merges at once, even with "Pipelines must succeed" on (seen end to end).
    statusCheckWhen: { minimumReleaseAge: 'never' },
    // GitLab's "merge when pipeline succeeds": the MR merges as soon as its pipeline passes.
    // Top-level rather than in the rule below, so that a later preset (maintenance-window)
    // can switch it off without a package rule of its own.
    platformAutomerge: true,
    // Renovate opens at most 2 merge requests an hour by default, so a first run on a cluster
    // repository lists most updates as "rate-limited" and a week of releases takes hours to
    // arrive (seen end to end on GitLab). Each MR here waits for its own pipeline, and the
    // concurrent limit (Renovate's default, 10 open at once) still bounds the load.
    prHourlyLimit: 0,
    packageRules: [
      {
        description:
          'Minor and patch updates merge by themselves once the pipeline passes (GitLab: merge when pipeline succeeds).',
        matchUpdateTypes: ['minor', 'patch'],
        automerge: true,
        automergeType: 'pr',
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
