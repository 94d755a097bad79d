import { type Chart, charts, clusters } from '../catalog.ts';
import type { Random } from '../random.ts';
import { appIdentity, cycle, yamlLines } from './naming.ts';
import type { GeneratedFile, Shape, ShapeOutput } from './shape.ts';

/** A list generator: one element per cluster, each with its own chart version. */
function listGenerator(chart: Chart, random: Random): { generators: string[]; version: string } {
  const elements = clusters
    .slice(0, random.between(2, clusters.length))
    .flatMap((cluster) => [
      `          - cluster: ${cluster.name}`,
      `            url: ${cluster.server}`,
      `            chartVersion: ${random.pick(chart.versions)}`,
    ]);
  return {
    generators: ['    - list:', '        elements:', ...elements],
    version: '{{.chartVersion}}',
  };
}

/** A cluster generator that passes the version in `values`, as gitops-bridge addons do. */
function clusterGenerator(chart: Chart, random: Random): { generators: string[]; version: string } {
  return {
    generators: [
      '    - clusters:',
      '        selector:',
      '          matchLabels:',
      `            environment: ${random.pick(['staging', 'prod'])}`,
      '        values:',
      `          addonChartVersion: ${random.pick(chart.versions)}`,
    ],
    version: '{{.values.addonChartVersion}}',
  };
}

/** A matrix of the cluster list and a version list. */
function matrixGenerator(chart: Chart, random: Random): { generators: string[]; version: string } {
  return {
    generators: [
      '    - matrix:',
      '        generators:',
      '          - clusters:',
      '              selector:',
      '                matchLabels:',
      '                  argocd.argoproj.io/secret-type: cluster',
      '          - list:',
      '              elements:',
      `                - chartVersion: ${random.pick(chart.versions)}`,
    ],
    version: '{{.chartVersion}}',
  };
}

function applicationSet(index: number, random: Random): GeneratedFile {
  const chart = cycle(charts, index);
  const app = appIdentity(index, chart.name, random);
  const roll = random.next();
  const { generators, version } =
    roll < 0.5
      ? listGenerator(chart, random)
      : roll < 0.75
        ? clusterGenerator(chart, random)
        : matrixGenerator(chart, random);
  const lines = [
    'apiVersion: argoproj.io/v1alpha1',
    'kind: ApplicationSet',
    'metadata:',
    `  name: ${app.name}`,
    '  namespace: argocd',
    'spec:',
    '  goTemplate: true',
    '  goTemplateOptions: ["missingkey=error"]',
    '  generators:',
    ...generators,
    '  template:',
    '    metadata:',
    `      name: '{{.name}}-${app.name}'`,
    '    spec:',
    `      project: ${app.team}`,
    '      source:',
    `        repoURL: ${chart.repoURL}`,
    `        chart: ${chart.name}`,
    `        targetRevision: '${version}'`,
    '        helm:',
    `          releaseName: ${chart.name}`,
    '      destination:',
    "        server: '{{.server}}'",
    `        namespace: ${app.namespace}`,
    '      syncPolicy:',
    '        syncOptions:',
    '          - CreateNamespace=true',
  ];
  return { path: `appsets/${app.team}/${app.name}.yaml`, content: yamlLines(lines) };
}

/** ApplicationSets whose generators (list, cluster values, matrix) feed the chart version. */
export const applicationSetShape: Shape = {
  name: 'application-set',
  share: 0.15,
  generate(count, firstIndex, random): ShapeOutput {
    return {
      argoFiles: Array.from({ length: count }, (_, offset) =>
        applicationSet(firstIndex + offset, random),
      ),
      supportFiles: [],
    };
  },
};
