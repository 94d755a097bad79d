import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { init as initLogger, levels } from 'renovate/dist/logger/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFilesAtomically } from '../src/build/write-files-atomically.ts';
import { closestMatch } from '../src/policy/closest-match.ts';
import {
  type ApplicationDefinition,
  type ClusterRepo,
  detemplate,
  scanClusterRepo,
} from '../src/policy/cluster-repo.ts';
import { compilePolicy, type RenovateChecks } from '../src/policy/compile-policy.ts';
import { formatDiagnostic } from '../src/policy/diagnostics.ts';
import { locateJson5 } from '../src/policy/json5-locate.ts';
import { parsePolicyFile } from '../src/policy/policy-file.ts';
import { mergePolicyRules } from '../src/policy/renovate-config-file.ts';
import { policy } from '../src/presets/policy.ts';
import { tempGitRepo } from '../src/renovate/temp-git-repo.ts';
import { decisionOf } from './harness/decisions.ts';
import { fixturePath } from './harness/offline-renovate.ts';

const file = 'renovate-gitops.json5';

function errorsOf(source: string): string[] {
  const result = parsePolicyFile(file, source);
  return result.ok ? [] : result.errors.map(formatDiagnostic);
}

describe('policy file errors name file, line, column and field', () => {
  it.each`
    case                        | source                                                                                                                                  | errors
    ${'a valid file'}           | ${'{ apps: [{ application: "a", automerge: "patch" }] }'}                                                                               | ${[]}
    ${'invalid JSON5'}          | ${'{\n  apps: [\n    { chart: "a" }\n  ],,\n}'}                                                                                         | ${[`${file}:4:5 invalid JSON5: invalid character ','`]}
    ${'an unclosed file'}       | ${'{ apps: ['}                                                                                                                          | ${[`${file}:1:10 invalid JSON5: invalid end of input`]}
    ${'a wrong enum value'}     | ${'{\n  apps: [\n    { chart: "a" },\n    { chart: "b" },\n    {\n      application: "c",\n      automerge: "major",\n    },\n  ],\n}'} | ${[`${file}:7:18 apps[2].automerge: must be one of none, patch, minor`]}
    ${'an unknown key (typo)'}  | ${"{ apps: [{ chart: 'a', automerg: 'none' }] }"}                                                                                       | ${[`${file}:1:24 apps[0].automerg: unknown key (did you mean "automerge"?); allowed: application, chart, path, datasource, automerge, approveMajor, schedule, labels, reviewers`]}
    ${'an unknown top key'}     | ${'{ apps: [], clusters: [] }'}                                                                                                         | ${[`${file}:1:13 clusters: unknown key; allowed: apps`]}
    ${'an entry naming no app'} | ${'{ apps: [\n  { automerge: "patch" },\n] }'}                                                                                          | ${[`${file}:2:3 apps[0]: names no app: give at least one of application, chart, path, datasource`]}
    ${'wrong types'}            | ${'{ apps: [{ path: 1, approveMajor: "yes", labels: [] }] }'}                                                                           | ${[`${file}:1:18 apps[0].path: must be a string`, `${file}:1:35 apps[0].approveMajor: must be true or false`, `${file}:1:50 apps[0].labels: must not be empty`]}
    ${'no apps'}                | ${'// nothing yet\n{}'}                                                                                                                 | ${[`${file}:2:1 apps: is required`]}
    ${'not an object'}          | ${'[]'}                                                                                                                                 | ${[`${file}:1:1 must be an object`]}
  `('$case', ({ source, errors }: { source: string; errors: string[] }) => {
    expect(errorsOf(source)).toEqual(errors);
  });
});

describe('locateJson5', () => {
  const source = `// policy
{
  /* the apps */ apps: [
    { 'chart': "a,b", labels: ['x', "y"], },
    {application:"c"},
  ],
  "$schema": 'x',
}`;
  it.each`
    path                          | value        | key
    ${['apps']}                   | ${[3, 24]}   | ${[3, 18]}
    ${['apps', 0, 'chart']}       | ${[4, 16]}   | ${[4, 7]}
    ${['apps', 0, 'labels', 1]}   | ${[4, 37]}   | ${undefined}
    ${['apps', 1, 'application']} | ${[5, 18]}   | ${[5, 6]}
    ${['$schema']}                | ${[7, 14]}   | ${[7, 3]}
    ${['apps', 2]}                | ${undefined} | ${undefined}
  `('$path', ({ path: at, value, key }) => {
    const location = locateJson5(source, at);
    const pair = (position?: { line: number; column: number }) =>
      position ? [position.line, position.column] : undefined;
    expect(pair(location?.value)).toEqual(value);
    expect(pair(location?.key)).toEqual(key);
  });
});

describe('detemplate', () => {
  it('blanks actions alone on their line and keeps inline ones as tokens, line numbers intact', () => {
    const source = [
      '{{- if .Values.enabled }}',
      'chart: {{ .Values.certManager.chart }}',
      'targetRevision: "{{ .Values.certManager.targetRevision | quote }}"',
      '{{- end }}',
    ].join('\n');
    const { text, expressions } = detemplate(source);
    expect(text.split('\n')).toEqual([
      ' '.repeat(25),
      'chart: __tmpl0__',
      'targetRevision: "__tmpl1__"',
      ' '.repeat(10),
    ]);
    expect([...expressions.values()]).toEqual([
      ' .Values.certManager.chart ',
      ' .Values.certManager.targetRevision | quote ',
    ]);
  });
});

describe('scanClusterRepo on the article repository', () => {
  let repo: ClusterRepo;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    const copy = await tempGitRepo(fixturePath('gitops-with-monitoring'), ['expected.json']);
    dispose = copy.dispose;
    repo = await scanClusterRepo(copy.dir);
  });
  afterAll(() => dispose?.());

  it('finds every Application by name, through Helm templating, with what it deploys', () => {
    const templates = 'applications/templates';
    expect(repo.applications).toEqual([
      {
        name: 'cert-manager',
        kind: 'Application',
        file: `${templates}/app-cert-manager.yaml`,
        charts: ['cert-manager'],
        sourcePaths: [],
        valuesPins: [{ file: 'applications/values.yaml', chart: 'cert-manager' }],
      },
      {
        name: 'dummy-echo-server',
        kind: 'Application',
        file: `${templates}/app-dummy-echo-server.yaml`,
        charts: [],
        sourcePaths: [],
        valuesPins: [],
      },
      {
        name: 'ingress-nginx',
        kind: 'Application',
        file: `${templates}/app-ingress-nginx.yaml`,
        charts: ['ingress-nginx'],
        sourcePaths: [],
        valuesPins: [],
      },
      {
        name: 'kube-prometheus-stack',
        kind: 'Application',
        file: `${templates}/app-kube-prometheus-stack.yaml`,
        charts: ['kube-prometheus-stack'],
        sourcePaths: [],
        valuesPins: [],
      },
      {
        name: 'metrics-server',
        kind: 'Application',
        file: `${templates}/app-metrics-server.yaml`,
        charts: ['metrics-server'],
        sourcePaths: [],
        valuesPins: [],
      },
      {
        name: 'applications',
        kind: 'Application',
        file: 'argocd-bootstrap.yml',
        charts: [],
        sourcePaths: ['applications/**'],
        valuesPins: [],
      },
    ]);
    expect(repo.charts).toEqual([
      'cert-manager',
      'ingress-nginx',
      'kube-prometheus-stack',
      'metrics-server',
    ]);
  });

  const checks: RenovateChecks = {
    datasourceIds: async () => ['docker', 'git-tags', 'github-tags', 'helm'],
    scheduleProblem: async (schedule) => (schedule === 'sometimes' ? 'Failed to parse' : undefined),
    migrateSchedule: async (schedule) => [...schedule],
  };
  async function compile(source: string) {
    const parsed = parsePolicyFile(file, source);
    if (!parsed.ok) throw new Error(parsed.errors.map(formatDiagnostic).join('\n'));
    return compilePolicy(parsed.parsed, repo, checks);
  }

  it('writes an application whose chart version lives in values.yaml as two alternatives', async () => {
    const compiled = await compile(
      `{ apps: [{ application: "cert-manager", automerge: "minor" }] }`,
    );
    expect(compiled.errors).toEqual([]);
    expect(compiled.warnings).toEqual([]);
    const marker = 'renovate-gitops policy: application "cert-manager"';
    // 0.x minors stay with the presets (approval): the entry does not set approveMajor.
    const rules = (match: object, label: string) => [
      {
        description: `${marker}${label}: patch updates merge by themselves once the pipeline passes.`,
        ...match,
        matchUpdateTypes: ['patch'],
        automerge: true,
        dependencyDashboardApproval: false,
      },
      {
        description: `${marker}${label}: minor updates from 1.0 on merge by themselves once the pipeline passes.`,
        ...match,
        matchCurrentVersion: '!/^v?0\\./',
        matchUpdateTypes: ['minor'],
        automerge: true,
        dependencyDashboardApproval: false,
      },
    ];
    expect(compiled.packageRules).toEqual([
      ...rules({ matchFileNames: ['applications/templates/app-cert-manager.yaml'] }, ''),
      ...rules(
        { matchFileNames: ['applications/values.yaml'], matchDepNames: ['cert-manager'] },
        ' (its chart version in applications/values.yaml)',
      ),
    ]);
  });

  it('warns about unknown names with the closest match, and errors on what Renovate rejects', async () => {
    const compiled = await compile(`{
  apps: [
    { application: "kube-prometheus", automerge: "patch" },
    { chart: "cert-manger" },
    { path: "clusters/**", labels: ["x"] },
    { datasource: "dockr" },
    { application: "ingress-nginx", path: "x/**" },
    { datasource: "helm", schedule: ["at any time", "sometimes"] },
  ],
}`);
    expect(compiled.warnings.map(formatDiagnostic)).toEqual([
      `${file}:3:20 apps[0].application: no Application or ApplicationSet named "kube-prometheus" in this repository (closest: "kube-prometheus-stack"); entry skipped`,
      `${file}:4:14 apps[1].chart: no chart "cert-manger" is pinned in this repository (closest: "cert-manager"); the rules are written anyway`,
      `${file}:5:13 apps[2].path: "clusters/**" matches no file in this repository; the rules are written anyway`,
    ]);
    expect(compiled.errors.map(formatDiagnostic)).toEqual([
      `${file}:6:19 apps[3].datasource: Renovate has no datasource "dockr" (did you mean "docker"?)`,
      `${file}:7:43 apps[4].path: cannot be combined with application, which already names the files: use a separate entry`,
      `${file}:8:53 apps[5].schedule[1]: Failed to parse`,
    ]);
    expect(compiled.apps[0]?.patch).toBe('skipped');
  });
});

/**
 * Renovate's own rule matcher (lib/util/package-rules/index.ts), which ships without type
 * declarations: imported by a plain string and typed by what this file calls.
 */
interface PackageRulesModule {
  applyPackageRules(config: Record<string, unknown>): Promise<Record<string, unknown>>;
}
const packageRulesModule: string = 'renovate/dist/util/package-rules/index.js';

function application(
  name: string,
  file: string,
  found: Partial<Pick<ApplicationDefinition, 'charts' | 'sourcePaths' | 'valuesPins'>> = {},
): ApplicationDefinition {
  return { name, kind: 'Application', file, charts: [], sourcePaths: [], valuesPins: [], ...found };
}

/**
 * What the README promises when entries overlap, checked on the compiled rules as the pinned
 * Renovate applies them, after the default policy's rules (renovate.json's own rules come after
 * the presets it extends). fixtures/policy-cases/policy-conflicts* check the same through a
 * whole Renovate run.
 */
describe('overlapping policy entries: the later one wins, as Renovate applies the rules', () => {
  // The shapes of fixtures/policy-repos/platform-cluster and the article's App of Apps, as
  // scanClusterRepo reads them (tested above): root and applications deploy a folder of this
  // repository, cert-manager's chart version lives in the App of Apps' values file.
  const cluster: ClusterRepo = {
    root: '/cluster',
    files: [
      'apps/argo-cd.yaml',
      'apps/echo-server.yaml',
      'apps/kube-prometheus-stack.yaml',
      'apps/podinfo.yaml',
      'applications/Chart.yaml',
      'applications/templates/app-cert-manager.yaml',
      'applications/values.yaml',
      'argocd-bootstrap.yml',
      'bootstrap/argocd/kustomization.yaml',
      'bootstrap/root.yaml',
      'workloads/podinfo/kustomization.yaml',
    ],
    applications: [
      application('root', 'bootstrap/root.yaml', { sourcePaths: ['apps/**'] }),
      application('argo-cd', 'apps/argo-cd.yaml', { charts: ['argo-cd'] }),
      application('echo-server', 'apps/echo-server.yaml'),
      application('kube-prometheus-stack', 'apps/kube-prometheus-stack.yaml', {
        charts: ['kube-prometheus-stack'],
      }),
      application('podinfo', 'apps/podinfo.yaml', { sourcePaths: ['workloads/podinfo/**'] }),
      application('applications', 'argocd-bootstrap.yml', { sourcePaths: ['applications/**'] }),
      application('cert-manager', 'applications/templates/app-cert-manager.yaml', {
        charts: ['cert-manager'],
        valuesPins: [{ file: 'applications/values.yaml', chart: 'cert-manager' }],
      }),
    ],
    charts: ['argo-cd', 'cert-manager', 'kube-prometheus-stack'],
  };
  const checks: RenovateChecks = {
    datasourceIds: async () => ['docker', 'github-tags', 'helm'],
    scheduleProblem: async () => undefined,
    migrateSchedule: async (schedule) => [...schedule],
  };
  let applyPackageRules: PackageRulesModule['applyPackageRules'];
  beforeAll(async () => {
    await initLogger();
    levels('stdout', 'fatal');
    ({ applyPackageRules } = (await import(packageRulesModule)) as PackageRulesModule);
  });

  /** The decision, then labels and reviewers when there are any: `review +apps,image @sre`. */
  async function outcome(apps: string, update: string): Promise<string> {
    const [updateType, dep, currentValue, packageFile] = update.split(' ');
    const [datasource, depName] = (dep ?? '').split(':');
    const parsed = parsePolicyFile(file, `{ apps: [${apps}] }`);
    if (!parsed.ok) throw new Error(parsed.errors.map(formatDiagnostic).join('\n'));
    const compiled = await compilePolicy(parsed.parsed, cluster, checks);
    expect([...compiled.errors, ...compiled.warnings].map(formatDiagnostic)).toEqual([]);
    const config = await applyPackageRules({
      packageRules: [...(policy.config.packageRules ?? []), ...compiled.packageRules],
      packageFile,
      datasource,
      depName,
      currentValue,
      updateType,
    });
    const decision = decisionOf({ branchName: 'unused', upgrades: [], ...config });
    const labels = [...((config.addLabels as string[] | undefined) ?? [])].sort();
    const reviewers = (config.reviewers as string[] | undefined) ?? [];
    return [
      decision,
      ...(labels.length > 0 ? [`+${labels.join(',')}`] : []),
      ...(reviewers.length > 0 ? [`@${reviewers.join(',')}`] : []),
    ].join(' ');
  }

  it.each`
    case                                                              | apps                                                                                                                                 | update                                                                                    | expected
    ${'a later chart entry wins over an application entry'}           | ${"{ application: 'argo-cd', automerge: 'none' }, { chart: 'argo-cd', automerge: 'minor' }"}                                         | ${'minor helm:argo-cd 7.7.13 apps/argo-cd.yaml'}                                          | ${'automerge'}
    ${'... and an application after a chart wins over it'}            | ${"{ chart: 'argo-cd', automerge: 'minor' }, { application: 'argo-cd', automerge: 'none' }"}                                         | ${'minor helm:argo-cd 7.7.13 apps/argo-cd.yaml'}                                          | ${'review'}
    ${'a chart entry leaves the rest of its file to the application'} | ${"{ application: 'argo-cd', automerge: 'none' }, { chart: 'argo-cd', automerge: 'minor' }"}                                         | ${'minor docker:quay.io/argoproj/argocd v2.13.3 apps/argo-cd.yaml'}                       | ${'review'}
    ${'a later path wins over a datasource entry'}                    | ${"{ datasource: 'docker', automerge: 'minor' }, { path: 'apps/kube-*.yaml', automerge: 'patch' }"}                                  | ${'minor docker:grafana/grafana 11.2.2 apps/kube-prometheus-stack.yaml'}                  | ${'review'}
    ${'... and a datasource after a path wins over it'}               | ${"{ path: 'apps/kube-*.yaml', automerge: 'patch' }, { datasource: 'docker', automerge: 'minor' }"}                                  | ${'minor docker:grafana/grafana 11.2.2 apps/kube-prometheus-stack.yaml'}                  | ${'automerge'}
    ${'a later broad entry wins over a narrow one'}                   | ${"{ application: 'podinfo', automerge: 'minor' }, { datasource: 'docker', automerge: 'none' }"}                                     | ${'patch docker:ghcr.io/stefanprodan/podinfo 6.9.0 workloads/podinfo/kustomization.yaml'} | ${'review'}
    ${'a later approveMajor: false wins over true on a chart major'}  | ${"{ application: 'argo-cd', approveMajor: true }, { chart: 'argo-cd', approveMajor: false }"}                                       | ${'major helm:argo-cd 7.7.13 apps/argo-cd.yaml'}                                          | ${'review +breaking'}
    ${'a later approveMajor: true wins over false on an image major'} | ${"{ path: 'apps/**', approveMajor: false }, { datasource: 'docker', approveMajor: true }"}                                          | ${'major docker:grafana/grafana 11.2.2 apps/kube-prometheus-stack.yaml'}                  | ${'approval +breaking'}
    ${'approveMajor: false: an image major opens an MR for review'}   | ${"{ application: 'kube-prometheus-stack', approveMajor: false }"}                                                                   | ${'major docker:grafana/grafana 11.2.2 apps/kube-prometheus-stack.yaml'}                  | ${'review +breaking'}
    ${'approveMajor: false: a 0.x minor opens an MR for review'}      | ${"{ application: 'root', automerge: 'none' }, { application: 'echo-server', approveMajor: false }"}                                 | ${'minor github-tags:Ealenn/Echo-Server 0.8.12 apps/echo-server.yaml'}                    | ${'review +breaking'}
    ${'a later approveMajor leaves a 1.x minor to the earlier entry'} | ${"{ application: 'kube-prometheus-stack', automerge: 'none' }, { path: 'apps/**', approveMajor: false }"}                           | ${'minor helm:kube-prometheus-stack 65.1.1 apps/kube-prometheus-stack.yaml'}              | ${'review'}
    ${'approveMajor: true: a 0.x minor waits for approval'}           | ${"{ application: 'echo-server', automerge: 'minor', approveMajor: true }"}                                                          | ${'minor github-tags:Ealenn/Echo-Server 0.8.12 apps/echo-server.yaml'}                    | ${'approval +breaking'}
    ${'an application covers the folder its source.path deploys'}     | ${"{ application: 'podinfo', automerge: 'none', labels: ['podinfo'] }"}                                                              | ${'patch docker:ghcr.io/stefanprodan/podinfo 6.9.0 workloads/podinfo/kustomization.yaml'} | ${'review +podinfo'}
    ${'... and every Application file in it (App of Apps)'}           | ${"{ application: 'root', automerge: 'none', labels: ['apps'] }"}                                                                    | ${'patch helm:cert-manager v1.18.0 apps/cert-manager.yaml'}                               | ${'review +apps'}
    ${'... but no folder outside it'}                                 | ${"{ application: 'root', automerge: 'none', labels: ['apps'] }"}                                                                    | ${'minor github-tags:argoproj/argo-cd v2.13.3 bootstrap/argocd/kustomization.yaml'}       | ${'automerge'}
    ${'a later application wins in the App of Apps values file'}      | ${"{ application: 'applications', automerge: 'none' }, { application: 'cert-manager', automerge: 'minor' }"}                         | ${'minor helm:cert-manager v1.15.3 applications/values.yaml'}                             | ${'automerge'}
    ${'... for its own chart only'}                                   | ${"{ application: 'applications', automerge: 'none' }, { application: 'cert-manager', automerge: 'minor' }"}                         | ${'minor helm:ingress-nginx 4.11.2 applications/values.yaml'}                             | ${'review'}
    ${'a later entry silent about approveMajor, on a major'}          | ${"{ application: 'root', approveMajor: false }, { path: 'apps/**', automerge: 'none' }"}                                            | ${'major helm:argo-cd 7.7.13 apps/argo-cd.yaml'}                                          | ${'review +breaking'}
    ${'a later entry silent about approveMajor, on a 0.x minor'}      | ${"{ application: 'root', approveMajor: false }, { path: 'apps/**', automerge: 'none' }"}                                            | ${'minor github-tags:Ealenn/Echo-Server 0.8.12 apps/echo-server.yaml'}                    | ${'review +breaking'}
    ${'automerge minor leaves a 0.x minor to the presets'}            | ${"{ application: 'echo-server', automerge: 'minor' }"}                                                                              | ${'minor github-tags:Ealenn/Echo-Server 0.8.12 apps/echo-server.yaml'}                    | ${'approval +breaking'}
    ${'... and a 0.x patch merges by itself'}                         | ${"{ application: 'echo-server', automerge: 'minor' }"}                                                                              | ${'patch github-tags:Ealenn/Echo-Server 0.8.12 apps/echo-server.yaml'}                    | ${'automerge'}
    ${'a later entry replaces reviewers; labels add up'}              | ${"{ path: 'apps/**', labels: ['apps'], reviewers: ['platform'] }, { datasource: 'docker', labels: ['image'], reviewers: ['sre'] }"} | ${'patch docker:grafana/grafana 11.2.2 apps/kube-prometheus-stack.yaml'}                  | ${'automerge +apps,image @sre'}
  `(
    '$case',
    async ({ apps, update, expected }: { apps: string; update: string; expected: string }) => {
      expect(await outcome(apps, update)).toBe(expected);
    },
  );
});

describe('mergePolicyRules', () => {
  const rule = (description: string) => ({ description, matchDatasources: ['docker'] });
  const own = (n: number) => rule(`renovate-gitops policy: datasource "docker": rule ${n}.`);

  it('keeps every other key and rule, and puts the new rules where the old ones were', () => {
    const text = `{
    "$schema": "https://docs.renovatebot.com/renovate-schema.json",
    "extends": ["gitlab>platform/renovate-config-gitops"],
    "packageRules": [${JSON.stringify(rule('mine, first'))}, ${JSON.stringify(own(1))}, ${JSON.stringify(own(2))}, ${JSON.stringify(rule('mine, last'))}],
    "timezone": "Europe/Berlin"
}`;
    const merged = mergePolicyRules('renovate.json', text, [own(3)]);
    expect(JSON.parse(merged)).toEqual({
      $schema: 'https://docs.renovatebot.com/renovate-schema.json',
      extends: ['gitlab>platform/renovate-config-gitops'],
      packageRules: [rule('mine, first'), own(3), rule('mine, last')],
      timezone: 'Europe/Berlin',
    });
    expect(merged).toMatch(/^ {4}"timezone"/m);
    expect(mergePolicyRules('renovate.json', merged, [own(3)])).toBe(merged);
  });

  it('adds packageRules at the end when there are none, and removes them again when empty', () => {
    const text = '{\n  "extends": ["x"]\n}\n';
    const withRules = mergePolicyRules('renovate.json', text, [own(1)]);
    expect(Object.keys(JSON.parse(withRules))).toEqual(['extends', 'packageRules']);
    expect(JSON.parse(mergePolicyRules('renovate.json', withRules, []))).toEqual({
      extends: ['x'],
    });
  });

  it('leaves a file whose config does not change exactly as it is, formatting and all', () => {
    const text = `{ "extends": ["x"], "packageRules": [${JSON.stringify(own(1))}] }`;
    expect(mergePolicyRules('renovate.json', text, [own(1)])).toBe(text);
  });

  it.each`
    text                        | message
    ${'{ "extends": [}'}        | ${/^renovate\.json: not valid JSON: /}
    ${'[]'}                     | ${/^renovate\.json: must hold a JSON object$/}
    ${'{ "packageRules": {} }'} | ${/^renovate\.json: packageRules must be a list$/}
  `('refuses $text', ({ text, message }: { text: string; message: RegExp }) => {
    expect(() => mergePolicyRules('renovate.json', text, [])).toThrow(message);
  });
});

describe('writeFilesAtomically', () => {
  it('writes nothing at all when one file cannot be written', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'atomic-'));
    try {
      await writeFile(path.join(dir, 'blocker'), 'a file where a folder should be');
      await expect(
        writeFilesAtomically(dir, [
          { path: 'renovate.json', content: '{}\n' },
          { path: 'blocker/ci.yml', content: 'x: 1\n' },
        ]),
      ).rejects.toThrow();
      expect((await readdir(dir)).sort()).toEqual(['blocker']);
      expect(await readFile(path.join(dir, 'blocker'), 'utf8')).toBe(
        'a file where a folder should be',
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('closestMatch', () => {
  it.each`
    name               | candidates                                     | closest
    ${'kube-prom'}     | ${['metrics-server', 'kube-prometheus-stack']} | ${'kube-prometheus-stack'}
    ${'Ingress-Nginx'} | ${['ingress-nginx', 'cert-manager']}           | ${'ingress-nginx'}
    ${'anything'}      | ${[]}                                          | ${undefined}
  `('$name -> $closest', ({ name, candidates, closest }) => {
    expect(closestMatch(name, candidates)).toBe(closest);
  });
});
