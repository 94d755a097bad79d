import { clusterRepoURL, teams } from '../catalog.ts';
import type { Random } from '../random.ts';
import { type AnnotateFamily, groups } from './annotate-family.ts';
import { indented, yamlLines } from './naming.ts';
import type { GeneratedFile, ShapeOutput } from './shape.ts';

/** Clusters per component chart: one values file each under `envs/<cluster>/`. */
export const clusterNames: readonly string[] = [
  'dev-eu-1',
  'staging-eu-1',
  'staging-us-1',
  'prod-eu-1',
  'prod-eu-2',
  'prod-us-1',
  'prod-us-2',
  'prod-ap-1',
];

const familyVersions = ['v1.13.1', 'v1.14.0', 'v1.16.0'];
const agents: readonly { name: string; versions: readonly string[] }[] = [
  { name: 'cr.fluentbit.io/fluent/fluent-bit', versions: ['3.1.9', '3.2.2'] },
  { name: 'docker.io/grafana/alloy', versions: ['v1.4.3', 'v1.5.1'] },
  { name: 'docker.io/otel/opentelemetry-collector-contrib', versions: ['0.114.0', '0.116.1'] },
];

/** The chart's template reads the versions its values files set: the fixture's Crossplane spelling, and an image. */
const componentTemplate = `{{- if .Values.providers.aws.enabled }}
apiVersion: pkg.crossplane.io/v1
kind: Provider
metadata:
  name: provider-family-aws
spec:
  package: xpkg.upbound.io/upbound/provider-family-aws:{{ .Values.providers.aws.familyVersion }}
{{- end }}
---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: {{ .Chart.Name }}-agent
spec:
  template:
    spec:
      containers:
        - name: agent
          image: "{{ .Values.agent.name }}:{{ .Values.agent.version }}"
`;

function componentValues(agent: (typeof agents)[number], random: Random): string[] {
  return [
    'providers:',
    '  aws:',
    `    enabled: ${random.chance(0.7)}`,
    `    familyVersion: "${random.pick(familyVersions)}"`,
    'agent:',
    `  name: ${agent.name}`,
    `  version: ${random.pick(agent.versions)}`,
  ];
}

/** A cluster's overrides: the versions differ from the chart's defaults, as they do mid-rollout. */
function clusterValues(agent: (typeof agents)[number], random: Random): string[] {
  return [
    "# This cluster's overrides, given to the chart by its Application.",
    'providers:',
    '  aws:',
    `    familyVersion: ${random.pick(familyVersions)}`,
    'agent:',
    `  version: "${random.pick(agent.versions)}"`,
  ];
}

function application(name: string, source: string[]): string[] {
  return [
    'apiVersion: argoproj.io/v1alpha1',
    'kind: Application',
    'metadata:',
    `  name: ${name}`,
    '  namespace: argocd',
    'spec:',
    '  project: default',
    ...source,
    '  destination:',
    '    server: https://kubernetes.default.svc',
    '    namespace: platform-agents',
  ];
}

/** A single source with paths from the chart, or a multi-source one with `$values/` from the root. */
function applicationFor(component: string, dir: string, cluster: string, multi: boolean): string[] {
  const envFile = `envs/${cluster}/${component}.yaml`;
  if (!multi) {
    return application(`${component}-${cluster}`, [
      '  source:',
      `    repoURL: ${clusterRepoURL}`,
      '    targetRevision: main',
      `    path: ${dir}`,
      '    helm:',
      '      valueFiles:',
      '        - values.yaml',
      `        - ../../${envFile}`,
    ]);
  }
  return application(`${component}-${cluster}`, [
    '  sources:',
    `    - repoURL: ${clusterRepoURL}`,
    '      targetRevision: main',
    `      path: ${dir}`,
    '      helm:',
    '        valueFiles:',
    `          - $values/${envFile}`,
    `    - repoURL: ${clusterRepoURL}`,
    '      targetRevision: main',
    '      ref: values',
  ]);
}

/**
 * One ApplicationSet for every cluster of the component: its values file path is templated,
 * from the root (`$values/`), as multi-source ApplicationSets write it.
 */
function applicationSetFor(component: string, dir: string, clusters: readonly string[]): string[] {
  return [
    'apiVersion: argoproj.io/v1alpha1',
    'kind: ApplicationSet',
    'metadata:',
    `  name: ${component}`,
    '  namespace: argocd',
    'spec:',
    '  goTemplate: true',
    '  generators:',
    '    - list:',
    '        elements:',
    ...indented(
      clusters.map((cluster) => `- cluster: ${cluster}`),
      10,
    ),
    '  template:',
    '    metadata:',
    `      name: '${component}-{{ .cluster }}'`,
    '    spec:',
    '      project: default',
    '      sources:',
    `        - repoURL: ${clusterRepoURL}`,
    '          targetRevision: main',
    `          path: ${dir}`,
    '          helm:',
    '            valueFiles:',
    '              - values.yaml',
    `              - $values/envs/{{ .cluster }}/${component}.yaml`,
    `        - repoURL: ${clusterRepoURL}`,
    '          targetRevision: main',
    '          ref: values',
    '      destination:',
    '        server: https://kubernetes.default.svc',
    '        namespace: platform-agents',
  ];
}

function component(group: number, size: number, random: Random): GeneratedFile[] {
  const name = `${random.pick(teams)}-agent-${String(group).padStart(3, '0')}`;
  const dir = `charts/${name}`;
  const agent = random.pick(agents);
  const clusters = clusterNames.slice(0, size);
  const roll = random.next();
  const envFiles = clusters.map((cluster) => ({
    path: `envs/${cluster}/${name}.yaml`,
    content: yamlLines(clusterValues(agent, random)),
  }));
  const argo: GeneratedFile[] =
    roll < 0.25
      ? [{ path: `apps/${name}.yaml`, content: yamlLines(applicationSetFor(name, dir, clusters)) }]
      : clusters.map((cluster) => ({
          path: `clusters/${cluster}/${name}.yaml`,
          content: yamlLines(applicationFor(name, dir, cluster, roll >= 0.6)),
        }));
  return [
    ...envFiles,
    ...argo,
    {
      path: `${dir}/Chart.yaml`,
      content: yamlLines(['apiVersion: v2', `name: ${name}`, 'version: 0.1.0']),
    },
    { path: `${dir}/values.yaml`, content: yamlLines(componentValues(agent, random)) },
    { path: `${dir}/templates/agent.yaml`, content: componentTemplate },
  ];
}

/** Charts of the repository rendered with the values files their Applications give them. */
export const linkedValuesFile: AnnotateFamily = {
  name: 'linked-values-file',
  share: 0.1,
  resolves:
    "a cluster's values file that an Application (relative or multi-source `$values/` path, or an ApplicationSet's templated path) gives a chart of the repository, whose template reads the versions in it",
  generate(count, _firstIndex, random): ShapeOutput {
    const output: ShapeOutput = { argoFiles: [], supportFiles: [] };
    groups(count, clusterNames.length).forEach((size, group) => {
      const files = component(group, size, random);
      output.argoFiles.push(...files.slice(0, size));
      output.supportFiles.push(...files.slice(size));
    });
    return output;
  },
};
