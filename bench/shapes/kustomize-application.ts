import {
  annotatedTools,
  charts,
  clusterRepoURL,
  rawUrls,
  remoteBases,
  upstreamGitSources,
  workloadImages,
} from '../catalog.ts';
import type { Random } from '../random.ts';
import { type AppIdentity, appIdentity, cycle, imageReference, yamlLines } from './naming.ts';
import type { GeneratedFile, Shape, ShapeOutput } from './shape.ts';

/** `kustomization.yaml`: remote bases with `?ref=`, raw URLs, image overrides, some helmCharts. */
function kustomization(app: AppIdentity, random: Random): string[] {
  const image = random.pick(workloadImages);
  const resources = [
    ...(random.chance(0.6) ? [`  - ${random.pick(remoteBases)}`] : []),
    ...(random.chance(0.5) ? [`  - ${random.pick(rawUrls)}`] : []),
    ...(random.chance(0.2) ? [`  - ${random.pick(rawUrls)}`] : []),
    '  - deployment.yaml',
  ];
  const helmCharts = random.chance(0.15)
    ? (() => {
        const chart = random.pick(charts.filter((entry) => !entry.oci));
        return [
          'helmCharts:',
          `  - name: ${chart.name}`,
          `    repo: ${chart.repoURL}`,
          `    version: ${random.pick(chart.versions)}`,
          `    releaseName: ${app.name}`,
          `    namespace: ${app.namespace}`,
        ];
      })()
    : [];
  return [
    'apiVersion: kustomize.config.k8s.io/v1beta1',
    'kind: Kustomization',
    `namespace: ${app.namespace}`,
    'resources:',
    ...resources,
    ...helmCharts,
    'images:',
    `  - name: ${image.repository}`,
    `    newTag: ${random.pick(image.tags)}`,
    'labels:',
    '  - pairs:',
    `      app.kubernetes.io/part-of: ${app.team}`,
  ];
}

/** A Deployment with one or two containers, now and then a tool version under `# renovate:`. */
function deployment(app: AppIdentity, random: Random): string[] {
  const tool = random.pick(annotatedTools);
  const env = random.chance(0.3)
    ? [
        '          env:',
        `            - name: ${tool.env}`,
        `              # renovate: datasource=${tool.datasource} depName=${tool.depName}`,
        `              value: ${random.pick(tool.versions)}`,
      ]
    : [];
  const sidecar = random.chance(0.4)
    ? [
        '        - name: proxy',
        `          image: ${imageReference(random.pick(workloadImages), random)}`,
        '          args: ["--upstream=http://127.0.0.1:8080"]',
      ]
    : [];
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${app.name}`,
    'spec:',
    '  replicas: 2',
    '  selector:',
    '    matchLabels:',
    `      app: ${app.name}`,
    '  template:',
    '    metadata:',
    '      labels:',
    `        app: ${app.name}`,
    '    spec:',
    '      containers:',
    '        - name: app',
    `          image: ${imageReference(random.pick(workloadImages), random)}`,
    '          ports:',
    '            - containerPort: 8080',
    ...env,
    ...sidecar,
  ];
}

/**
 * An Application of a Kustomize directory: mostly one in the cluster repository (which gets
 * its `kustomization.yaml` and a Deployment), sometimes an upstream repository at a tag with
 * `kustomize.images` overrides.
 */
function kustomizeApp(index: number, random: Random): GeneratedFile[] {
  const upstream = random.chance(0.3) ? cycle(upstreamGitSources, index) : undefined;
  const app = appIdentity(
    index,
    upstream ? (upstream.path.split('/')[0] ?? 'kustomize') : 'web',
    random,
  );
  const directory = `kustomize/${app.name}`;
  const source = upstream
    ? [
        `    repoURL: ${upstream.repoURL}`,
        `    targetRevision: ${random.pick(upstream.tags)}`,
        `    path: ${upstream.path}`,
        '    kustomize:',
        '      images:',
        `        - ${imageReference(random.pick(workloadImages), random)}`,
      ]
    : [`    repoURL: ${clusterRepoURL}`, '    targetRevision: HEAD', `    path: ${directory}`];
  const application = [
    'apiVersion: argoproj.io/v1alpha1',
    'kind: Application',
    'metadata:',
    `  name: ${app.name}`,
    '  namespace: argocd',
    'spec:',
    `  project: ${app.team}`,
    '  source:',
    ...source,
    '  destination:',
    '    server: https://kubernetes.default.svc',
    `    namespace: ${app.namespace}`,
    '  syncPolicy:',
    '    automated:',
    '      prune: true',
  ];
  const files = [
    {
      path: `apps/${app.environment}/${app.team}/${app.name}.yaml`,
      content: yamlLines(application),
    },
  ];
  if (!upstream) {
    files.push(
      { path: `${directory}/kustomization.yaml`, content: yamlLines(kustomization(app, random)) },
      { path: `${directory}/deployment.yaml`, content: yamlLines(deployment(app, random)) },
    );
  }
  return files;
}

export const kustomizeApplication: Shape = {
  name: 'kustomize-application',
  share: 0.15,
  generate(count, firstIndex, random): ShapeOutput {
    const output: ShapeOutput = { argoFiles: [], supportFiles: [] };
    for (let offset = 0; offset < count; offset++) {
      const [application, ...support] = kustomizeApp(firstIndex + offset, random);
      if (application) output.argoFiles.push(application);
      output.supportFiles.push(...support);
    }
    return output;
  },
};
