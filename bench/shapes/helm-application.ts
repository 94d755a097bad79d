import { type Chart, charts } from '../catalog.ts';
import type { Random } from '../random.ts';
import {
  appIdentity,
  chartSource,
  cycle,
  imageKey,
  imageObject,
  imageReference,
  indented,
  yamlLines,
} from './naming.ts';
import type { GeneratedFile, Shape, ShapeOutput } from './shape.ts';

/**
 * How the Application overrides the chart's image: inline `helm.valuesObject`, a `helm.values`
 * string with an image object or with a plain `image: name:tag`, or not at all.
 */
function helmValues(chart: Chart, random: Random): string[] {
  const roll = random.next();
  if (roll < 0.45) {
    return [
      'helm:',
      '  releaseName: release',
      '  valuesObject:',
      '    replicaCount: 2',
      ...imageObject(imageKey(chart), chart.image, 4, random),
      '    resources:',
      '      requests:',
      '        cpu: 100m',
      '        memory: 128Mi',
    ];
  }
  if (roll < 0.65) {
    return [
      'helm:',
      '  values: |',
      ...imageObject(imageKey(chart), chart.image, 4, random),
      '    podAnnotations:',
      '      prometheus.io/scrape: "true"',
    ];
  }
  if (roll < 0.75) {
    return [
      'helm:',
      '  values: |',
      '    sidecar:',
      `      image: ${imageReference(chart.image, random)}`,
    ];
  }
  return ['helm:', '  releaseName: release'];
}

function application(index: number, random: Random): GeneratedFile {
  const chart = cycle(charts, index);
  const app = appIdentity(index, chart.name, random);
  const lines = [
    'apiVersion: argoproj.io/v1alpha1',
    'kind: Application',
    'metadata:',
    `  name: ${app.name}`,
    '  namespace: argocd',
    '  labels:',
    `    team: ${app.team}`,
    '  finalizers:',
    '    - resources-finalizer.argocd.argoproj.io',
    'spec:',
    `  project: ${app.team}`,
    '  source:',
    ...indented(chartSource(chart, random), 4),
    ...indented(helmValues(chart, random), 4),
    '  destination:',
    '    server: https://kubernetes.default.svc',
    `    namespace: ${app.namespace}`,
    '  syncPolicy:',
    '    automated:',
    '      prune: true',
    '      selfHeal: true',
    '    syncOptions:',
    '      - CreateNamespace=true',
  ];
  return {
    path: `apps/${app.environment}/${app.team}/${app.name}.yaml`,
    content: yamlLines(lines),
  };
}

/** A single-source Application of a Helm chart (Helm repository or OCI), the commonest file. */
export const helmApplication: Shape = {
  name: 'helm-application',
  share: 0.3,
  generate(count, firstIndex, random): ShapeOutput {
    const argoFiles = Array.from({ length: count }, (_, offset) =>
      application(firstIndex + offset, random),
    );
    return { argoFiles, supportFiles: [] };
  },
};
