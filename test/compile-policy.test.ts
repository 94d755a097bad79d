import { describe, expect, it } from 'vitest';
import type { ClusterRepo } from '../src/policy/cluster-repo.ts';
import {
  type AppSummary,
  compilePolicy,
  policyRuleMarker,
  type RenovateChecks,
} from '../src/policy/compile-policy.ts';
import { formatDiagnostic } from '../src/policy/diagnostics.ts';
import { parsePolicyFile } from '../src/policy/policy-file.ts';

// The policy compiler on a cluster repository given as data: every rule an entry writes and
// what the `policy` table says of it. policy-file.test.ts runs it on a fixture repository.

const file = 'renovate-gitops.json5';

const clusterRepo: ClusterRepo = {
  root: '/repo',
  files: [
    'apps/web.yaml',
    'apps/platform-a.yaml',
    'apps/platform-b.yaml',
    'charts/platform/values.yaml',
    'clusters/prod/kustomization.yaml',
  ],
  applications: [
    {
      name: 'web',
      kind: 'Application',
      file: 'apps/web.yaml',
      charts: ['web'],
      sourcePaths: [],
      valuesPins: [],
    },
    // One name, two definitions (an ApplicationSet and an Application): both are the entry's.
    {
      name: 'platform',
      kind: 'ApplicationSet',
      file: 'apps/platform-a.yaml',
      charts: [],
      sourcePaths: ['clusters/**'],
      valuesPins: [{ file: 'charts/platform/values.yaml', chart: 'ingress-nginx' }],
    },
    {
      name: 'platform',
      kind: 'Application',
      file: 'apps/platform-b.yaml',
      charts: [],
      sourcePaths: ['clusters/**'],
      valuesPins: [
        { file: 'charts/platform/values.yaml', chart: 'ingress-nginx' },
        { file: 'charts/platform/values.yaml', chart: 'cert-manager' },
      ],
    },
  ],
  charts: ['web', 'ingress-nginx', 'cert-manager'],
};

const emptyRepo: ClusterRepo = { root: '/empty', files: [], applications: [], charts: [] };

/** Renovate's answers: a few datasources, two schedules it parses, one it migrates. */
const renovateChecks: RenovateChecks = {
  datasourceIds: async () => ['docker', 'github-tags', 'helm'],
  scheduleProblem: async (schedule) =>
    ['after 10pm every weekday', 'before 5am'].includes(schedule) ? undefined : 'Failed to parse',
  migrateSchedule: async (schedule) =>
    schedule.map((entry) => (entry === 'after 10pm every weekday' ? '* 22-23 * * 1-5' : entry)),
};

async function compile(source: string, repo = clusterRepo, checks = renovateChecks) {
  const parsed = parsePolicyFile(file, source);
  if (!parsed.ok) throw new Error(parsed.errors.map(formatDiagnostic).join('\n'));
  return compilePolicy(parsed.parsed, repo, checks);
}

/** A rule as the compiler describes it (after the label) and what it sets. */
type Rule = [what: string, settings: object];
/** One way an entry matches: its label in descriptions and its matchers. */
type Alternative = [label: string, match: object];

interface RuleCase {
  entry: string;
  alternatives: Alternative[];
  rules: Rule[];
}

const merged = 'merge by themselves once the pipeline passes';
const review = { automerge: false, dependencyDashboardApproval: false };
const approval = { automerge: false, dependencyDashboardApproval: true };
const automerge = { automerge: true, dependencyDashboardApproval: false };
const zeroMajor = { matchCurrentVersion: '/^v?0\\./', matchUpdateTypes: ['minor'] };
const fromOne = { matchCurrentVersion: '!/^v?0\\./', matchUpdateTypes: ['minor'] };
const zeroMajorApproval: Rule = [
  'below 1.0 a minor update may break (semver 0.y.z), so it waits for approval on the Dependency Dashboard like a major.',
  { ...zeroMajor, ...approval },
];
const zeroMajorReview: Rule = [
  'below 1.0 a minor update may break (semver 0.y.z), so it opens an MR for review like a major.',
  { ...zeroMajor, ...review },
];
const chartWeb = { matchDepNames: ['web', '**/web'], matchDatasources: ['helm', 'docker'] };
const platformFiles = ['apps/platform-a.yaml', 'apps/platform-b.yaml', 'clusters/**'];
const platformValues = (chart: string) => ({
  matchFileNames: ['charts/platform/values.yaml'],
  matchDepNames: [chart],
});

describe('compilePolicy: the rules of one entry, for each alternative it matches by', () => {
  const patchMerges: Rule = [
    `patch updates ${merged}.`,
    { matchUpdateTypes: ['patch'], ...automerge },
  ];
  const minorMerges: Rule = [`minor updates from 1.0 on ${merged}.`, { ...fromOne, ...automerge }];
  const minorReview: Rule = [
    'minor updates from 1.0 on open an MR for review.',
    { ...fromOne, ...review },
  ];
  const majorReview: Rule = [
    'major updates open an MR for review.',
    { matchUpdateTypes: ['major'], ...review },
  ];
  const majorApproval: Rule = [
    'major updates wait for approval on the Dependency Dashboard.',
    { matchUpdateTypes: ['major'], ...approval },
  ];
  const appsFolder: Alternative = ['path "apps/**"', { matchFileNames: ['apps/**'] }];
  it.each<RuleCase>([
    {
      entry: '{ chart: "web", automerge: "none" }',
      alternatives: [['chart "web"', chartWeb]],
      rules: [
        [
          'patch updates open an MR for review; nothing merges by itself.',
          { matchUpdateTypes: ['patch'], ...review },
        ],
        minorReview,
      ],
    },
    {
      entry: '{ path: "clusters/**", automerge: "patch", approveMajor: false }',
      alternatives: [['path "clusters/**"', { matchFileNames: ['clusters/**'] }]],
      rules: [patchMerges, minorReview, majorReview, zeroMajorReview],
    },
    {
      entry: '{ datasource: "docker", automerge: "minor", approveMajor: true }',
      alternatives: [['datasource "docker"', { matchDatasources: ['docker'] }]],
      rules: [patchMerges, minorMerges, majorApproval, zeroMajorApproval],
    },
    {
      entry: '{ chart: "web", datasource: "docker", approveMajor: true }',
      alternatives: [
        [
          'chart "web" and datasource "docker"',
          { matchDepNames: ['web', '**/web'], matchDatasources: ['docker'] },
        ],
      ],
      rules: [majorApproval, zeroMajorApproval],
    },
    {
      entry: '{ path: "apps/**", labels: ["team-a", "team-b"] }',
      alternatives: [appsFolder],
      rules: [['its MRs are labelled team-a, team-b.', { addLabels: ['team-a', 'team-b'] }]],
    },
    {
      entry: '{ path: "apps/**", reviewers: ["alice", "bob"] }',
      alternatives: [appsFolder],
      rules: [['reviewed by alice, bob.', { reviewers: ['alice', 'bob'] }]],
    },
    {
      entry: '{ path: "apps/**", schedule: ["after 10pm every weekday", "before 5am"] }',
      alternatives: [appsFolder],
      rules: [
        [
          'updates are created and merged only "* 22-23 * * 1-5" or "before 5am".',
          {
            schedule: ['* 22-23 * * 1-5', 'before 5am'],
            automergeSchedule: ['* 22-23 * * 1-5', 'before 5am'],
          },
        ],
      ],
    },
    {
      entry:
        '{ path: "apps/**", schedule: ["before 5am"], labels: ["x"], reviewers: ["y"], automerge: "patch" }',
      alternatives: [appsFolder],
      rules: [
        [
          'updates are created and merged only "before 5am"; its MRs are labelled x; reviewed by y.',
          {
            schedule: ['before 5am'],
            automergeSchedule: ['before 5am'],
            addLabels: ['x'],
            reviewers: ['y'],
          },
        ],
        patchMerges,
        minorReview,
      ],
    },
    {
      entry: '{ application: "platform", automerge: "minor" }',
      alternatives: [
        ['application "platform"', { matchFileNames: platformFiles }],
        [
          'application "platform" (its chart version in charts/platform/values.yaml)',
          platformValues('ingress-nginx'),
        ],
        [
          'application "platform" (its chart version in charts/platform/values.yaml)',
          platformValues('cert-manager'),
        ],
      ],
      rules: [patchMerges, minorMerges],
    },
    {
      entry: '{ application: "web", datasource: "helm", approveMajor: false }',
      alternatives: [
        [
          'application "web" (datasource "helm")',
          { matchFileNames: ['apps/web.yaml'], matchDatasources: ['helm'] },
        ],
      ],
      rules: [majorReview, zeroMajorReview],
    },
  ])('$entry', async ({ entry, alternatives, rules }) => {
    const compiled = await compile(`{ apps: [${entry}] }`);
    expect(compiled.errors).toEqual([]);
    expect(compiled.warnings).toEqual([]);
    expect(compiled.packageRules).toEqual(
      alternatives.flatMap(([label, match]) =>
        rules.map(([what, settings]) => ({
          description: `${policyRuleMarker}${label}: ${what}`,
          ...match,
          ...settings,
        })),
      ),
    );
  });

  it('marks every rule it writes, so that a later run can replace them all', () => {
    expect(policyRuleMarker).toBe('renovate-gitops policy: ');
  });
});

describe('compilePolicy: what the policy table says of each entry', () => {
  it.each`
    entry                                                                                                     | summary
    ${'{ chart: "web" }'}                                                                                     | ${{ app: 'chart "web"', matches: ['web', '**/web'], patch: 'preset', minor: 'preset', major: 'preset' }}
    ${'{ datasource: "docker", automerge: "none" }'}                                                          | ${{ app: 'datasource "docker"', matches: ['docker'], patch: 'review', minor: 'review', major: 'preset' }}
    ${'{ path: "apps/**", automerge: "patch", approveMajor: true }'}                                          | ${{ app: 'path "apps/**"', matches: ['apps/**'], patch: 'automerge', minor: 'review', major: 'approval' }}
    ${'{ path: "apps/**", automerge: "minor", approveMajor: false }'}                                         | ${{ app: 'path "apps/**"', matches: ['apps/**'], patch: 'automerge', minor: 'automerge', major: 'review' }}
    ${'{ application: "platform", schedule: ["after 10pm every weekday"], labels: ["x"], reviewers: ["y"] }'} | ${{ app: 'application "platform"', matches: [...platformFiles, 'charts/platform/values.yaml'], patch: 'preset', minor: 'preset', major: 'preset', schedule: ['* 22-23 * * 1-5'], labels: ['x'], reviewers: ['y'] }}
    ${'{ application: "gone", automerge: "minor", approveMajor: true }'}                                      | ${{ app: 'application "gone"', matches: [], patch: 'skipped', minor: 'skipped', major: 'skipped' }}
  `('$entry', async ({ entry, summary }: { entry: string; summary: Omit<AppSummary, 'entry'> }) => {
    const compiled = await compile(`{ apps: [${entry}] }`);
    expect(compiled.apps).toEqual([{ entry: 'apps[0]', ...summary }]);
  });
});

describe('compilePolicy: diagnostics', () => {
  const combined =
    'cannot be combined with application, which already names the files: use a separate entry';
  const writtenAnyway = 'the rules are written anyway';
  it.each<{
    case: string;
    entries: string;
    repo?: ClusterRepo;
    warnings?: string[];
    errors?: string[];
  }>([
    {
      case: 'application with chart',
      entries: '{ application: "web", chart: "web" }',
      errors: [`${file}:1:39 apps[0].chart: ${combined}`],
    },
    {
      case: 'application with path',
      entries: '{ application: "web", path: "apps/**" }',
      errors: [`${file}:1:38 apps[0].path: ${combined}`],
    },
    {
      case: 'a misspelt datasource',
      entries: '{ datasource: "dockr" }',
      errors: [
        `${file}:1:24 apps[0].datasource: Renovate has no datasource "dockr" (did you mean "docker"?)`,
      ],
    },
    {
      case: 'a misspelt chart',
      entries: '{ chart: "wbe" }',
      warnings: [
        `${file}:1:19 apps[0].chart: no chart "wbe" is pinned in this repository (closest: "web"); ${writtenAnyway}`,
      ],
    },
    {
      case: 'a path that matches some files',
      entries: '{ path: "clusters/**" }, { path: "clusters/**" }',
    },
    {
      case: 'a path that matches none, twice',
      entries: '{ path: "x/**" }, { path: "x/**" }',
      warnings: [
        `${file}:1:18 apps[0].path: "x/**" matches no file in this repository; ${writtenAnyway}`,
        `${file}:1:36 apps[1].path: "x/**" matches no file in this repository; ${writtenAnyway}`,
      ],
    },
    {
      case: 'an unknown chart in a repository with none',
      entries: '{ chart: "web" }',
      repo: emptyRepo,
      warnings: [
        `${file}:1:19 apps[0].chart: no chart "web" is pinned in this repository; ${writtenAnyway}`,
      ],
    },
    {
      case: 'an unknown application in a repository with none',
      entries: '{ application: "web" }',
      repo: emptyRepo,
      warnings: [
        `${file}:1:25 apps[0].application: no Application or ApplicationSet named "web" in this repository; entry skipped`,
      ],
    },
    {
      case: 'no schedule to check: none is asked about',
      entries: '{ path: "apps/**", automerge: "patch" }',
    },
    {
      case: 'a schedule Renovate cannot parse',
      entries: '{ path: "apps/**", schedule: ["before 5am", "at noon"] }',
      errors: [`${file}:1:54 apps[0].schedule[1]: Failed to parse`],
    },
  ])('$case', async ({ entries, repo = clusterRepo, warnings = [], errors = [] }) => {
    const compiled = await compile(`{ apps: [${entries}] }`, repo);
    expect(compiled.warnings.map(formatDiagnostic)).toEqual(warnings);
    expect(compiled.errors.map(formatDiagnostic)).toEqual(errors);
  });

  it('suggests the first of equally close application names in name order, not file order', async () => {
    const applications = ['web-b', 'web-a'].map((name) => ({
      name,
      kind: 'Application' as const,
      file: `apps/${name}.yaml`,
      charts: [],
      sourcePaths: [],
      valuesPins: [],
    }));
    const compiled = await compile('{ apps: [{ application: "web-c" }] }', {
      ...emptyRepo,
      applications,
    });
    expect(compiled.warnings.map((warning) => warning.message)).toEqual([
      'no Application or ApplicationSet named "web-c" in this repository (closest: "web-a"); entry skipped',
    ]);
  });

  it('names no datasource to try when Renovate lists none', async () => {
    const compiled = await compile('{ apps: [{ datasource: "helm" }] }', clusterRepo, {
      ...renovateChecks,
      datasourceIds: async () => [],
    });
    expect(compiled.errors.map(formatDiagnostic)).toEqual([
      `${file}:1:24 apps[0].datasource: Renovate has no datasource "helm"`,
    ]);
  });

  it('asks Renovate for its datasource ids only when an entry names a datasource', async () => {
    let asked = 0;
    const checks: RenovateChecks = {
      ...renovateChecks,
      datasourceIds: async () => {
        asked++;
        return ['helm'];
      },
    };
    await compile('{ apps: [{ chart: "web" }] }', clusterRepo, checks);
    expect(asked).toBe(0);
    await compile('{ apps: [{ chart: "web" }, { datasource: "helm" }] }', clusterRepo, checks);
    expect(asked).toBe(1);
  });
});
