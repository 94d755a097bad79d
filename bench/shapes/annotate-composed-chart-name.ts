import { charts, clusters, teams } from '../catalog.ts';
import type { Random } from '../random.ts';
import { type AnnotateFamily, ociParts, padded } from './annotate-family.ts';
import { yamlLines } from './naming.ts';
import type { GeneratedFile, ShapeOutput } from './shape.ts';

/** AWS Controllers for Kubernetes: OCI charts `public.ecr.aws/aws-controllers-k8s/<service>-chart`. */
export const ackControllers: readonly { service: string; versions: readonly string[] }[] = [
  { service: 's3', versions: ['1.0.14', '1.0.18'] },
  { service: 'iam', versions: ['1.3.16', '1.3.21'] },
  { service: 'ec2', versions: ['1.2.27', '1.3.2'] },
  { service: 'rds', versions: ['1.4.8', '1.4.14'] },
  { service: 'eks', versions: ['1.5.3', '1.6.1'] },
  { service: 'lambda', versions: ['1.5.5', '1.5.8'] },
  { service: 'sqs', versions: ['1.1.4', '1.1.6'] },
  { service: 'sns', versions: ['1.0.15', '1.1.2'] },
  { service: 'dynamodb', versions: ['1.3.2', '1.4.1'] },
  { service: 'ecr', versions: ['1.0.25', '1.0.29'] },
  { service: 'kms', versions: ['1.0.17', '1.0.20'] },
];

const ociCharts = charts.filter((chart) => chart.oci);

/**
 * Cluster-generator values name the chart; the template composes `namespace/chart` (Karpenter's
 * spelling), with placeholders alone (the preset's ApplicationSet manager renders those) or
 * with `printf` (Go template functions: only annotate evaluates them).
 */
function clusterValues(name: string, random: Random): string[] {
  const chart = random.pick(ociCharts);
  const { registry, namespace } = ociParts(chart);
  const goTemplate = random.chance(0.5);
  return [
    'spec:',
    ...(goTemplate ? ['  goTemplate: true'] : []),
    '  generators:',
    '    - clusters:',
    '        selector:',
    '          matchLabels:',
    `            environment: ${random.pick(['staging', 'prod'])}`,
    '        values:',
    `          addonChart: ${chart.name}`,
    `          addonChartNamespace: ${namespace}`,
    `          addonChartVersion: ${random.pick(chart.versions)}`,
    `          addonChartRepository: ${registry}`,
    '  template:',
    '    metadata:',
    goTemplate ? `      name: '${name}-{{ .name }}'` : `      name: '${name}-{{name}}'`,
    '    spec:',
    '      project: default',
    '      source:',
    ...(goTemplate
      ? [
          "        repoURL: '{{ .values.addonChartRepository }}'",
          '        chart: \'{{ printf "%s/%s" .values.addonChartNamespace .values.addonChart }}\'',
          "        targetRevision: '{{ .values.addonChartVersion }}'",
        ]
      : [
          "        repoURL: '{{values.addonChartRepository}}'",
          "        chart: '{{values.addonChartNamespace}}/{{values.addonChart}}'",
          "        targetRevision: '{{values.addonChartVersion}}'",
        ]),
    '      destination:',
    goTemplate ? "        name: '{{ .name }}'" : "        name: '{{name}}'",
    `        namespace: ${chart.name}`,
  ];
}

/** A matrix of a registry and a list of ACK controllers, each chart composed from both (goTemplate). */
function ackMatrix(name: string, random: Random): string[] {
  const count = random.between(2, 5);
  const start = random.int(ackControllers.length);
  const elements = Array.from({ length: count }, (_, offset) => {
    const controller = ackControllers[(start + offset) % ackControllers.length];
    if (!controller) throw new Error('no ACK controller');
    return [
      `                - service: ${controller.service}`,
      `                  version: "${random.pick(controller.versions)}"`,
    ];
  }).flat();
  return [
    'spec:',
    '  goTemplate: true',
    '  generators:',
    '    - matrix:',
    '        generators:',
    '          - list:',
    '              elements:',
    '                - registry: public.ecr.aws',
    '                  namespace: aws-controllers-k8s',
    '          - list:',
    '              elements:',
    ...elements,
    '  template:',
    '    metadata:',
    `      name: '${name}-{{ .service }}'`,
    '    spec:',
    '      project: default',
    '      source:',
    "        repoURL: '{{ .registry }}'",
    random.chance(0.5)
      ? "        chart: '{{ .namespace }}/{{ .service }}-chart'"
      : '        chart: \'{{ .namespace }}/{{ printf "%s-chart" .service }}\'',
    "        targetRevision: '{{ .version }}'",
    '      destination:',
    `        server: ${random.pick(clusters).server}`,
    '        namespace: ack-system',
  ];
}

function applicationSet(index: number, random: Random): GeneratedFile {
  const team = random.pick(teams);
  const ack = random.chance(0.5);
  const name = `${team}-${ack ? 'ack' : 'oci-addon'}-${padded(index)}`;
  const lines = [
    'apiVersion: argoproj.io/v1alpha1',
    'kind: ApplicationSet',
    'metadata:',
    `  name: ${name}`,
    '  namespace: argocd',
    ...(ack ? ackMatrix(name, random) : clusterValues(name, random)),
  ];
  return { path: `appsets/${team}/${name}.yaml`, content: yamlLines(lines) };
}

/** ApplicationSets whose chart name the template composes from generator values. */
export const composedChartName: AnnotateFamily = {
  name: 'composed-chart-name',
  share: 0.15,
  resolves:
    'chart versions in ApplicationSet generator values (cluster `values`, matrix of lists) whose chart name the template composes (`{{values.ns}}/{{values.chart}}`, `{{ .namespace }}/{{ .service }}-chart`)',
  generate(count, firstIndex, random): ShapeOutput {
    return {
      argoFiles: Array.from({ length: count }, (_, offset) =>
        applicationSet(firstIndex + offset, random),
      ),
      supportFiles: [],
    };
  },
};
