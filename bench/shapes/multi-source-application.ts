import { charts, clusterRepoURL, workloadImages } from '../catalog.ts';
import type { Random } from '../random.ts';
import { appIdentity, cycle, imageKey, imageObject, yamlLines } from './naming.ts';
import type { GeneratedFile, Shape, ShapeOutput } from './shape.ts';

/**
 * A multi-source Application: the chart from its repository, values from the cluster repository
 * through a `ref` source. The values file it names is generated beside it, with the chart's
 * image and a sidecar image, the way teams override them per environment.
 */
function multiSource(index: number, random: Random): GeneratedFile[] {
  const chart = cycle(charts, index);
  const app = appIdentity(index, chart.name, random);
  const valuesPath = `values/${app.name}/values-${app.environment}.yaml`;
  const application = [
    'apiVersion: argoproj.io/v1alpha1',
    'kind: Application',
    'metadata:',
    `  name: ${app.name}`,
    '  namespace: argocd',
    'spec:',
    `  project: ${app.team}`,
    '  sources:',
    `    - repoURL: ${chart.repoURL}`,
    `      chart: ${chart.name}`,
    `      targetRevision: ${random.pick(chart.versions)}`,
    '      helm:',
    `        releaseName: ${app.name}`,
    '        valueFiles:',
    `          - $values/${valuesPath}`,
    `    - repoURL: ${clusterRepoURL}`,
    '      targetRevision: main',
    '      ref: values',
    '  destination:',
    '    server: https://kubernetes.default.svc',
    `    namespace: ${app.namespace}`,
    '  syncPolicy:',
    '    syncOptions:',
    '      - CreateNamespace=true',
    '      - ServerSideApply=true',
  ];
  const values = [
    `# Values for ${app.name} in ${app.environment}.`,
    `replicaCount: ${random.between(1, 3)}`,
    ...imageObject(imageKey(chart), chart.image, 0, random),
    'sidecar:',
    '  enabled: true',
    ...imageObject('image', random.pick(workloadImages), 2, random),
    'serviceMonitor:',
    '  enabled: true',
    'resources:',
    '  limits:',
    '    memory: 256Mi',
  ];
  return [
    {
      path: `apps/${app.environment}/${app.team}/${app.name}.yaml`,
      content: yamlLines(application),
    },
    { path: valuesPath, content: yamlLines(values) },
  ];
}

export const multiSourceApplication: Shape = {
  name: 'multi-source-application',
  share: 0.15,
  generate(count, firstIndex, random): ShapeOutput {
    const output: ShapeOutput = { argoFiles: [], supportFiles: [] };
    for (let offset = 0; offset < count; offset++) {
      const [application, values] = multiSource(firstIndex + offset, random);
      if (application) output.argoFiles.push(application);
      if (values) output.supportFiles.push(values);
    }
    return output;
  },
};
