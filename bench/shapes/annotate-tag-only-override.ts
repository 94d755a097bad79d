import { clusters, teams } from '../catalog.ts';
import type { Random } from '../random.ts';
import { type AnnotateFamily, padded } from './annotate-family.ts';
import { yamlLines } from './naming.ts';
import type { GeneratedFile, ShapeOutput } from './shape.ts';

/**
 * Charts at the versions whose archive the offline world serves (`fixtures/world/charts/`):
 * a tag-only override is named from the chart's default values, which annotate fetches like
 * Helm. Each with the image paths the defaults name, and tags people pin there.
 */
export const chartsWithDefaults = {
  certManager: {
    repoURL: 'https://charts.jetstack.io',
    chart: 'cert-manager',
    version: 'v1.18.2',
    tags: ['v1.18.2', 'v1.18.1'],
  },
  clusterAutoscaler: {
    repoURL: 'https://kubernetes.github.io/autoscaler',
    chart: 'cluster-autoscaler',
    versions: ['9.29.3', '9.35.0'],
    tags: ['v1.27.5', 'v1.27.3', 'v1.29.0'],
  },
  ingressNginx: {
    repoURL: 'https://kubernetes.github.io/ingress-nginx',
    chart: 'ingress-nginx',
    version: '4.13.3',
    tags: ['v1.13.3', 'v1.13.2'],
  },
} as const;

function application(name: string, namespace: string, source: string[]): string[] {
  return [
    'apiVersion: argoproj.io/v1alpha1',
    'kind: Application',
    'metadata:',
    `  name: ${name}`,
    '  namespace: argocd',
    'spec:',
    '  project: default',
    '  source:',
    ...source,
    '  destination:',
    '    server: https://kubernetes.default.svc',
    `    namespace: ${namespace}`,
  ];
}

/** `helm.valuesObject` sets the controller's tag alone (the fixture's ingress-nginx). */
function valuesObject(name: string, random: Random): string[] {
  const chart = chartsWithDefaults.ingressNginx;
  return application(name, 'ingress-nginx', [
    `    repoURL: ${chart.repoURL}`,
    `    chart: ${chart.chart}`,
    `    targetRevision: ${chart.version}`,
    '    helm:',
    '      valuesObject:',
    '        controller:',
    `          replicaCount: ${random.between(1, 3)}`,
    '          image:',
    `            tag: '${random.pick(chart.tags)}'`,
  ]);
}

/** A `helm.values` string sets the manager's and the webhook's tags alone. */
function valuesString(name: string, random: Random): string[] {
  const chart = chartsWithDefaults.certManager;
  return application(name, 'cert-manager', [
    `    repoURL: ${chart.repoURL}`,
    `    chart: ${chart.chart}`,
    `    targetRevision: ${chart.version}`,
    '    helm:',
    '      values: |',
    '        crds:',
    '          enabled: true',
    '        image:',
    `          tag: ${random.pick(chart.tags)}`,
    '        webhook:',
    '          image:',
    `            tag: ${random.pick(chart.tags)}`,
  ]);
}

/** List elements feed the tag into `helm.values` (the fixture's cluster-autoscaler). */
function generatorElements(name: string, random: Random): string[] {
  const chart = chartsWithDefaults.clusterAutoscaler;
  const elements = clusters
    .slice(0, random.between(2, clusters.length))
    .flatMap((cluster) => [
      `          - cluster: ${cluster.name}`,
      `            autoscalerTag: ${random.pick(chart.tags)}`,
    ]);
  return [
    'apiVersion: argoproj.io/v1alpha1',
    'kind: ApplicationSet',
    'metadata:',
    `  name: ${name}`,
    '  namespace: argocd',
    'spec:',
    '  generators:',
    '    - list:',
    '        elements:',
    ...elements,
    '  template:',
    '    metadata:',
    `      name: '${name}-{{cluster}}'`,
    '    spec:',
    '      project: default',
    '      source:',
    `        repoURL: ${chart.repoURL}`,
    `        chart: ${chart.chart}`,
    `        targetRevision: ${random.pick(chart.versions)}`,
    '        helm:',
    '          values: |',
    '            image:',
    '              tag: {{autoscalerTag}}',
    '            awsRegion: eu-west-1',
    '      destination:',
    "        name: '{{cluster}}'",
    '        namespace: kube-system',
  ];
}

/** A wrapper chart: the dependency's values under its name set its images' tags alone. */
function wrapperChart(name: string, random: Random): GeneratedFile[] {
  const chart = chartsWithDefaults.certManager;
  return [
    {
      path: `wrappers/${name}/values.yaml`,
      content: yamlLines([
        'cert-manager:',
        '  crds:',
        '    enabled: true',
        '  image:',
        `    tag: ${random.pick(chart.tags)}`,
        '  webhook:',
        '    image:',
        '      pullPolicy: Always',
        `      tag: "${random.pick(chart.tags)}"`,
      ]),
    },
    {
      path: `wrappers/${name}/Chart.yaml`,
      content: yamlLines([
        'apiVersion: v2',
        `name: ${name}`,
        'version: 0.3.0',
        'dependencies:',
        `  - name: ${chart.chart}`,
        `    version: ${chart.version}`,
        `    repository: ${chart.repoURL}`,
      ]),
    },
  ];
}

function unit(index: number, random: Random): ShapeOutput {
  const team = random.pick(teams);
  const roll = random.next();
  if (roll < 0.25) {
    const name = `${team}-cert-manager-${padded(index)}`;
    const [values, chart] = wrapperChart(name, random);
    return { argoFiles: values ? [values] : [], supportFiles: chart ? [chart] : [] };
  }
  const [name, lines] =
    roll < 0.5
      ? [`${team}-ingress-nginx-${padded(index)}`, valuesObject]
      : roll < 0.75
        ? [`${team}-cert-manager-${padded(index)}`, valuesString]
        : [`${team}-cluster-autoscaler-${padded(index)}`, generatorElements];
  return {
    argoFiles: [{ path: `apps/${team}/${name}.yaml`, content: yamlLines(lines(name, random)) }],
    supportFiles: [],
  };
}

/** Image tags set alone, whose repository is the chart's default. */
export const tagOnlyOverride: AnnotateFamily = {
  name: 'tag-only-override',
  share: 0.2,
  resolves:
    "an image `tag` set alone (wrapper chart values, `helm.valuesObject`, `helm.values`, an ApplicationSet's `helm.values` fed by list elements), named from the chart's default values fetched like Helm",
  generate(count, firstIndex, random): ShapeOutput {
    const output: ShapeOutput = { argoFiles: [], supportFiles: [] };
    for (let offset = 0; offset < count; offset++) {
      const made = unit(firstIndex + offset, random);
      output.argoFiles.push(...made.argoFiles);
      output.supportFiles.push(...made.supportFiles);
    }
    return output;
  },
};
