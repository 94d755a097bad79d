import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempGitRepo } from '../src/renovate/temp-git-repo.ts';
import { readRepository } from '../src/resolve/repository-model.ts';
import { resolvePins } from '../src/resolve/resolve-pins.ts';

/** Resolves a small repository given as file contents: data in, data out, no Renovate needed. */
async function resolve(files: Record<string, string>) {
  const dir = await mkdtemp(path.join(tmpdir(), 'resolve-'));
  try {
    for (const [file, content] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await writeFile(path.join(dir, file), content);
    }
    const repo = await tempGitRepo(dir);
    try {
      const { pins, unresolved } = await resolvePins(await readRepository(repo.dir));
      return {
        pins: pins.map(({ file, line, currentValue, datasource, depName, registryUrl }) => ({
          at: `${file}:${line}`,
          currentValue,
          datasource,
          depName,
          ...(registryUrl ? { registryUrl } : {}),
        })),
        unresolved: unresolved.map(({ file, line, reason }) => ({ at: `${file}:${line}`, reason })),
      };
    } finally {
      await repo.dispose();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const mergeAppSet = `apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata:
  name: addons-external-dns
spec:
  generators:
    - merge:
        mergeKeys: [server]
        generators:
          - clusters:
              values:
                addonChart: external-dns
                addonChartVersion: 1.14.5
                addonChartRepository: https://kubernetes-sigs.github.io/external-dns
          - clusters:
              selector:
                matchLabels:
                  environment: prod
              values:
                addonChartVersion: 1.14.3
  template:
    metadata:
      name: 'external-dns-{{name}}'
    spec:
      source:
        chart: '{{values.addonChart}}'
        repoURL: '{{values.addonChartRepository}}'
        targetRevision: '{{values.addonChartVersion}}'
`;

const matrixAppSet = `apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata:
  name: controllers
spec:
  goTemplate: true
  generators:
    - matrix:
        generators:
          - list:
              elements:
                - registry: public.ecr.aws
                  namespace: aws-controllers-k8s
          - list:
              elements:
                - service: s3
                  version: "1.0.14"
                - service: iam
                  version: 1.3.16
  template:
    metadata:
      name: 'ack-{{ .service }}'
    spec:
      source:
        repoURL: '{{ .registry }}'
        chart: '{{ .namespace }}/{{ .service }}-chart'
        targetRevision: '{{ .version }}'
`;

const twoReaders = {
  'charts/apps/Chart.yaml': 'apiVersion: v2\nname: apps\nversion: 1.0.0\n',
  'charts/apps/values.yaml': 'repo: https://charts.example.com\nversion: 2.3.4\n',
  'charts/apps/templates/web.yaml':
    'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: web\nspec:\n  source:\n    repoURL: {{ .Values.repo }}\n    chart: web\n    targetRevision: {{ .Values.version }}\n',
  'charts/apps/templates/api.yaml':
    'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: api\nspec:\n  source:\n    repoURL: {{ .Values.repo }}\n    chart: api\n    targetRevision: {{ .Values.version }}\n',
};

/** An ApplicationSet gives a chart of this repository a values file per cluster, by a relative path. */
const perClusterValueFiles = (valueFile: string) => ({
  'appsets/crossplane.yaml': `apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata:
  name: crossplane
spec:
  generators:
    - list:
        elements:
          - cluster: prod
          - cluster: dev
  template:
    metadata:
      name: 'crossplane-{{cluster}}'
    spec:
      source:
        repoURL: https://gitlab.com/platform/cluster.git
        targetRevision: main
        path: charts/crossplane
        helm:
          valueFiles:
            - ${valueFile}
`,
  'charts/crossplane/Chart.yaml': 'apiVersion: v2\nname: crossplane\nversion: 1.0.0\n',
  'charts/crossplane/templates/providers.yaml':
    'apiVersion: pkg.crossplane.io/v1\nkind: Provider\nmetadata:\n  name: provider-family-aws\nspec:\n  package: xpkg.upbound.io/upbound/provider-family-aws:{{ .Values.familyVersion }}\n',
  'envs/prod/crossplane.yaml': 'familyVersion: v1.15.0\n',
  'envs/dev/crossplane.yaml': 'familyVersion: v1.16.0\n',
});

describe('resolution through ApplicationSet generators and templates', () => {
  it.each([
    ['../../envs/{{cluster}}/crossplane.yaml'],
    ['./../../envs/{{cluster}}/crossplane.yaml'],
    ['../other/../../envs/{{cluster}}/crossplane.yaml'],
    ['$values/envs/{{cluster}}/crossplane.yaml'],
  ])('a templated values file given by %s is read for each cluster', async (valueFile) => {
    const { pins } = await resolve(perClusterValueFiles(valueFile));
    expect(pins).toEqual([
      {
        at: 'envs/dev/crossplane.yaml:1',
        currentValue: 'v1.16.0',
        datasource: 'docker',
        depName: 'xpkg.upbound.io/upbound/provider-family-aws',
      },
      {
        at: 'envs/prod/crossplane.yaml:1',
        currentValue: 'v1.15.0',
        datasource: 'docker',
        depName: 'xpkg.upbound.io/upbound/provider-family-aws',
      },
    ]);
  });

  it('merge: the base and every override are versions of the base chart', async () => {
    expect((await resolve({ 'appsets/external-dns.yaml': mergeAppSet })).pins).toEqual([
      {
        at: 'appsets/external-dns.yaml:13',
        currentValue: '1.14.5',
        datasource: 'helm',
        depName: 'external-dns',
        registryUrl: 'https://kubernetes-sigs.github.io/external-dns',
      },
      {
        at: 'appsets/external-dns.yaml:20',
        currentValue: '1.14.3',
        datasource: 'helm',
        depName: 'external-dns',
        registryUrl: 'https://kubernetes-sigs.github.io/external-dns',
      },
    ]);
  });

  // The same two charts, named by plain placeholders and by Go-template functions (which the
  // preset's per-file query does not render, so only annotate finds them).
  it.each([
    ['placeholders from both sides of a matrix', matrixAppSet],
    [
      'printf and lower',
      matrixAppSet
        .replace('- service: s3', '- service: S3')
        .replace(
          "chart: '{{ .namespace }}/{{ .service }}-chart'",
          `chart: '{{ printf "%s/%s-chart" .namespace (lower .service) }}'`,
        ),
    ],
  ])('matrix with goTemplate: each product names its chart (%s)', async (_how, appSet) => {
    expect((await resolve({ 'appsets/controllers.yaml': appSet })).pins).toEqual([
      {
        at: 'appsets/controllers.yaml:17',
        currentValue: '1.0.14',
        datasource: 'docker',
        depName: 'public.ecr.aws/aws-controllers-k8s/s3-chart',
      },
      {
        at: 'appsets/controllers.yaml:19',
        currentValue: '1.3.16',
        datasource: 'docker',
        depName: 'public.ecr.aws/aws-controllers-k8s/iam-chart',
      },
    ]);
  });

  it('a value two templates read as different charts is unresolved, never guessed', async () => {
    const { pins, unresolved } = await resolve(twoReaders);
    expect(pins).toEqual([]);
    expect(unresolved).toEqual([
      {
        at: 'charts/apps/values.yaml:2',
        reason: expect.stringMatching(/^read as (web|api) \(.*\) and as (api|web) \(.*\)$/),
      },
    ]);
  });
});
