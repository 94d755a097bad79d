import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { appOfAppsValues } from '../src/managers/app-of-apps-values.ts';
import { applicationHelmImages } from '../src/managers/application-helm-images.ts';
import { applicationHelmParameters } from '../src/managers/application-helm-parameters.ts';
import { applicationKustomizeImages } from '../src/managers/application-kustomize-images.ts';
import { applicationSetGenerators } from '../src/managers/application-set-generators.ts';
import { crossplanePackagesInChartTemplates } from '../src/managers/crossplane-chart-templates.ts';
import { manifestImages } from '../src/managers/manifest-images.ts';
import {
  qualifiedImageRefsInManifests,
  qualifiedImageRefsInValues,
} from '../src/managers/qualified-image-refs.ts';
import {
  renovateAnnotations,
  renovateAnnotationsInKustomizeAndCharts,
  renovateAnnotationsInValues,
} from '../src/managers/renovate-annotations.ts';
import {
  githubRawUrls,
  githubReleaseDownloads,
  gitlabRawUrls,
} from '../src/managers/versioned-raw-urls.ts';
import { jsonataDeps } from './harness/jsonata-deps.ts';
import { managerMatches } from './harness/regex-matches.ts';

/** Each case: a YAML snippet and the groups Renovate gets from it (RE2, `g` flag, as Renovate runs it). */
describe.each`
  manager                      | yaml                                                                                                                                                                                 | expected
  ${githubRawUrls}             | ${'  - https://raw.githubusercontent.com/argoproj/argo-cd/v2.13.3/manifests/install.yaml'}                                                                                           | ${[{ depName: 'argoproj/argo-cd', currentValue: 'v2.13.3' }]}
  ${githubRawUrls}             | ${'- https://raw.githubusercontent.com/o/r/refs/tags/1.2.0/x.yaml'}                                                                                                                  | ${[{ depName: 'o/r', currentValue: '1.2.0' }]}
  ${githubRawUrls}             | ${'- https://raw.githubusercontent.com/o/r/3f9a1c2e5b7d4f60a8c1e2d3b4a5968778695a4b/x.yaml'}                                                                                         | ${[]}
  ${githubRawUrls}             | ${'- https://raw.githubusercontent.com/o/r/main/x.yaml'}                                                                                                                             | ${[]}
  ${githubRawUrls}             | ${'# - https://raw.githubusercontent.com/o/r/v1.0.0/x.yaml'}                                                                                                                         | ${[]}
  ${githubReleaseDownloads}    | ${'  - https://github.com/cert-manager/cert-manager/releases/download/v1.15.3/cert-manager.yaml'}                                                                                    | ${[{ depName: 'cert-manager/cert-manager', currentValue: 'v1.15.3' }]}
  ${githubReleaseDownloads}    | ${'  - https://github.com/o/r/releases/latest/download/x.yaml'}                                                                                                                      | ${[]}
  ${gitlabRawUrls}             | ${'- https://gitlab.com/group/sub/project/-/raw/v1.4.0/deploy.yaml'}                                                                                                                 | ${[{ registryUrl: 'https://gitlab.com', depName: 'group/sub/project', currentValue: 'v1.4.0' }]}
  ${gitlabRawUrls}             | ${'- https://gitlab.example.com/g/p/-/raw/main/deploy.yaml'}                                                                                                                         | ${[]}
  ${manifestImages}            | ${'      - image: ghcr.io/stefanprodan/podinfo:6.7.0\n        name: x'}                                                                                                              | ${[{ depName: 'ghcr.io/stefanprodan/podinfo', currentValue: '6.7.0' }]}
  ${manifestImages}            | ${'    image: "nginx:1.27.1-alpine"  # pinned\r\n'}                                                                                                                                  | ${[{ depName: 'nginx', currentValue: '1.27.1-alpine' }]}
  ${manifestImages}            | ${`image: nginx:1.27.1@sha256:${'a'.repeat(64)}`}                                                                                                                                    | ${[{ depName: 'nginx', currentValue: '1.27.1', currentDigest: `sha256:${'a'.repeat(64)}` }]}
  ${manifestImages}            | ${`image: nginx@sha256:${'b'.repeat(64)}`}                                                                                                                                           | ${[{ depName: 'nginx', currentDigest: `sha256:${'b'.repeat(64)}` }]}
  ${manifestImages}            | ${'image: localhost:5000/team/app:2.0.1'}                                                                                                                                            | ${[{ depName: 'localhost:5000/team/app', currentValue: '2.0.1' }]}
  ${manifestImages}            | ${'image: nginx:{{ .Values.tag }}'}                                                                                                                                                  | ${[]}
  ${manifestImages}            | ${'image: "{{ .Values.image }}"'}                                                                                                                                                    | ${[]}
  ${manifestImages}            | ${'# image: nginx:1.25.0'}                                                                                                                                                           | ${[]}
  ${manifestImages}            | ${'initImage: nginx:1.25.0'}                                                                                                                                                         | ${[]}
  ${manifestImages}            | ${'image:\n  repository: nginx\n  tag: 1.25.0'}                                                                                                                                      | ${[]}
  ${applicationHelmImages}     | ${'grafana:\n  image:\n    repository: grafana/grafana\n    tag: 11.2.2\n'}                                                                                                          | ${[{ repository: 'grafana/grafana', currentValue: '11.2.2' }]}
  ${applicationHelmImages}     | ${'image:\n  registry: docker.io\n  repository: grafana/grafana\n  tag: "11.2.2"'}                                                                                                   | ${[{ registry: 'docker.io', repository: 'grafana/grafana', currentValue: '11.2.2' }]}
  ${applicationHelmImages}     | ${'image:\r\n  tag: v1.2.3\r\n  repository: app/x\r\n'}                                                                                                                              | ${[{ repository: 'app/x', currentValue: 'v1.2.3' }]}
  ${applicationHelmImages}     | ${'image:\n  repository: app/x\n  tag: "{{ .Values.tag }}"'}                                                                                                                         | ${[]}
  ${applicationHelmImages}     | ${'source:\n  repository: app/x\n  tag: 1.0.0'}                                                                                                                                      | ${[]}
  ${applicationHelmParameters} | ${'- name: image.repository\n  value: bitnami/redis\n- name: image.tag\n  value: 7.4.0-debian-12-r0'}                                                                                | ${[{ depName: 'bitnami/redis', currentValue: '7.4.0-debian-12-r0' }]}
  ${applicationHelmParameters} | ${'- name: controller.image.tag\n  value: "v1.11.2"\n  forceString: true\n- name: controller.image.repository\n  value: registry.k8s.io/ingress-nginx/controller'}                   | ${[{ depName: 'registry.k8s.io/ingress-nginx/controller', currentValue: 'v1.11.2' }]}
  ${applicationHelmParameters} | ${'- name: image.tag\n  value: latest\n- name: image.repository\n  value: app/x'}                                                                                                    | ${[]}
  ${appOfAppsValues}           | ${'certManager:\n  chart: cert-manager\n  repoURL: https://charts.jetstack.io\n  targetRevision: v1.15.3\n'}                                                                         | ${[{ depName: 'cert-manager', registryUrl: 'https://charts.jetstack.io', currentValue: 'v1.15.3' }]}
  ${appOfAppsValues}           | ${'x:\n  targetRevision: "4.11.2"\n  chart: ingress-nginx\n  repoURL: https://kubernetes.github.io/ingress-nginx\ny:\n  repoURL: https://a.io\n  chart: b\n  targetRevision: 1.0.0'} | ${[{ depName: 'b', registryUrl: 'https://a.io', currentValue: '1.0.0' }, { depName: 'ingress-nginx', registryUrl: 'https://kubernetes.github.io/ingress-nginx', currentValue: '4.11.2' }]}
  ${appOfAppsValues}           | ${'app:\n  chart: a\n  repoURL: https://a.io\n  targetRevision: HEAD'}                                                                                                               | ${[]}
  ${renovateAnnotations}       | ${'spec:\n  # renovate: datasource=docker depName=grafana/grafana\n  version: 11.2.2'}                                                                                               | ${[{ datasource: 'docker', depName: 'grafana/grafana', currentValue: '11.2.2' }]}
  ${renovateAnnotations}       | ${'# renovate: datasource=github-releases depName=x/y versioning=semver extractVersion=^v(?<version>.+)$\nVERSION: "v1.2.3"'}                                                        | ${[{ datasource: 'github-releases', depName: 'x/y', versioning: 'semver', extractVersion: '^v(?<version>.+)$', currentValue: 'v1.2.3' }]}
  ${renovateAnnotations}       | ${'# renovate: datasource=docker depName=a\nversion: "{{ .Values.v }}"'}                                                                                                             | ${[]}
  ${renovateAnnotations}       | ${'# renovate: ignore\nversion: 1.2.3'}                                                                                                                                              | ${[]}
`('$manager.description', ({ manager, yaml, expected }) => {
  it(`reads ${JSON.stringify(yaml).slice(0, 60)}`, () => {
    expect(managerMatches(manager, yaml)).toEqual(expected);
  });
});

const digest = `sha256:${'c'.repeat(64)}`;

/** Whole image references under any key, Crossplane packages in chart templates, `# renovate: ignore`. */
describe.each`
  manager                               | yaml                                                                                                                                                                                                                                           | expected
  ${qualifiedImageRefsInValues}         | ${'images:\n  tags:\n    keystone_api: "quay.io/airshipit/keystone:2024.1"\n    db_sync: quay.io/airshipit/heat:2024.1'}                                                                                                                       | ${[{ depName: 'quay.io/airshipit/keystone', currentValue: '2024.1' }, { depName: 'quay.io/airshipit/heat', currentValue: '2024.1' }]}
  ${qualifiedImageRefsInValues}         | ${'images:\r\n  - public.ecr.aws/seb-demo/ray:2.49.0-py311-gpu\r\n  - jupyter/base-notebook:latest\r\n'}                                                                                                                                       | ${[{ depName: 'public.ecr.aws/seb-demo/ray', currentValue: '2.49.0-py311-gpu' }]}
  ${qualifiedImageRefsInValues}         | ${`- 'localhost:5000/team/app@${digest}'`}                                                                                                                                                                                                     | ${[{ depName: 'localhost:5000/team/app', currentDigest: digest }]}
  ${qualifiedImageRefsInValues}         | ${'- name: HELPER\n  value: registry:5000/tools/helper:1.2.0  # pinned'}                                                                                                                                                                       | ${[{ depName: 'registry:5000/tools/helper', currentValue: '1.2.0' }]}
  ${qualifiedImageRefsInValues}         | ${'initImage: docker.io/library/busybox:1.36.1\n"proxyImage": quay.io/o/proxy:1.0'}                                                                                                                                                            | ${[]}
  ${qualifiedImageRefsInValues}         | ${'sidecar: ghcr.io/o/app:1.0 # renovate: ignore\n# renovate: ignore\nother: ghcr.io/o/app:2.0'}                                                                                                                                               | ${[]}
  ${qualifiedImageRefsInValues}         | ${'taints:\n  - node-role.kubernetes.io/control-plane:NoSchedule'}                                                                                                                                                                             | ${[]}
  ${qualifiedImageRefsInValues}         | ${'docs: https://ghcr.io/o/app:1.0\n# sidecar: ghcr.io/o/app:1.0\nkey:ghcr.io/o/app:1.0'}                                                                                                                                                      | ${[]}
  ${qualifiedImageRefsInValues}         | ${'app: ghcr.io/o/app:1.0-{{ .Values.flavor }}\nbare: nginx:1.27.1\nnoTag: ghcr.io/o/app'}                                                                                                                                                     | ${[]}
  ${qualifiedImageRefsInManifests}      | ${'env:\n  - name: TARGET\n    value: quay.io/org/app:v1.2.3\n  - name: OTHER\n    value: "quay.io/org/other:v2.0.0"'}                                                                                                                         | ${[{ depName: 'quay.io/org/app', currentValue: 'v1.2.3' }, { depName: 'quay.io/org/other', currentValue: 'v2.0.0' }]}
  ${qualifiedImageRefsInManifests}      | ${'spec:\n  images:\n    - ghcr.io/o/a:1.0\n  sidecar: ghcr.io/o/b:2.0\n  "image": ghcr.io/o/c:3.0'}                                                                                                                                           | ${[{ depName: 'ghcr.io/o/b', currentValue: '2.0' }, { depName: 'ghcr.io/o/c', currentValue: '3.0' }]}
  ${qualifiedImageRefsInManifests}      | ${'image: ghcr.io/o/app:1.0\npackage: xpkg.upbound.io/o/provider:v1.0.0'}                                                                                                                                                                      | ${[]}
  ${crossplanePackagesInChartTemplates} | ${'{{- if .Values.aws.enabled -}}\napiVersion: pkg.crossplane.io/v1\nkind: Provider\nmetadata:\n  name: {{ .Values.name }}\nspec:\n  package: xpkg.upbound.io/upbound/provider-family-aws:v1.14.0\n{{- end }}'}                                | ${[{ kind: 'Provider', depName: 'xpkg.upbound.io/upbound/provider-family-aws', currentValue: 'v1.14.0' }]}
  ${crossplanePackagesInChartTemplates} | ${`kind: Configuration\r\napiVersion: pkg.crossplane.io/v1\r\nspec:\r\n  package: 'xpkg.upbound.io/o/c:v1.3.0@${digest}'\r\n`}                                                                                                                 | ${[{ kind: 'Configuration', depName: 'xpkg.upbound.io/o/c', currentValue: 'v1.3.0', currentDigest: digest }]}
  ${crossplanePackagesInChartTemplates} | ${'apiVersion: pkg.crossplane.io/v1\nkind: Function\nspec:\n  package: {{ .Values.fn.package }}\n---\napiVersion: pkg.crossplane.io/v1\nkind: Provider\nspec:\n  package: "xpkg.upbound.io/o/p:v{{ .Chart.AppVersion }}"'}                     | ${[]}
  ${crossplanePackagesInChartTemplates} | ${'apiVersion: pkg.crossplane.io/v1\nkind: Function\nspec:\n  # renovate: ignore\n  package: xpkg.upbound.io/o/f:v0.4.1\n---\napiVersion: pkg.crossplane.io/v1beta1\nkind: DeploymentRuntimeConfig\nspec:\n  package: xpkg.upbound.io/o/x:v1'} | ${[]}
  ${manifestImages}                     | ${'# renovate: ignore\nimage: nginx:1.25.0\n---\nimage: nginx:1.26.0 # renovate: ignore'}                                                                                                                                                      | ${[]}
  ${applicationKustomizeImages}         | ${'images:\n  - ghcr.io/o/a:1.0\n  - ghcr.io/o/b:2.0 # renovate: ignore\n'}                                                                                                                                                                    | ${[{ depName: 'ghcr.io/o/a', currentValue: '1.0' }]}
  ${githubReleaseDownloads}             | ${'# renovate: ignore\n- https://github.com/o/r/releases/download/v1.0.0/x.yaml'}                                                                                                                                                              | ${[]}
`('$manager.description', ({ manager, yaml, expected }) => {
  it(`reads ${JSON.stringify(yaml).slice(0, 60)}`, () => {
    expect(managerMatches(manager, yaml)).toEqual(expected);
  });
});

const docker = (depName: string) => `# renovate: datasource=docker depName=${depName}`;

/** Annotations over lines another manager reads yield nothing; every other annotated line is read. */
describe.each`
  manager                                    | yaml                                                                                                                  | expected
  ${renovateAnnotations}                     | ${`${docker('nginx')}\nimage: nginx:1.27.1`}                                                                          | ${[]}
  ${renovateAnnotations}                     | ${`  - name: X\n    ${docker('quay.io/o/x')}\n    value: quay.io/o/x:1.0`}                                            | ${[]}
  ${renovateAnnotations}                     | ${'    chart: redis\n    # renovate: datasource=helm depName=redis\n    targetRevision: 19.6.4'}                      | ${[]}
  ${renovateAnnotations}                     | ${'# renovate: datasource=github-releases depName=o/r\n  - https://github.com/o/r/releases/download/v1.0.0/x.yaml'}   | ${[]}
  ${renovateAnnotations}                     | ${`spec:\n  ${docker('o/p')}\n  package: xpkg.upbound.io/o/p:v1.0.0`}                                                 | ${[]}
  ${renovateAnnotations}                     | ${`valuesObject:\n  image:\n    repository: bitnami/redis\n    ${docker('bitnami/redis')}\n    tag: 7.4.0`}           | ${[{ datasource: 'docker', depName: 'bitnami/redis', currentValue: '7.4.0' }]}
  ${renovateAnnotationsInValues}             | ${`image:\n  repository: ghcr.io/o/app\n  pullPolicy: Always\n  ${docker('ghcr.io/o/app')}\n  tag: "1.4.2"`}          | ${[]}
  ${renovateAnnotationsInValues}             | ${`a:\n  workerImage:\n    ${docker('w')}\n    version: 1.4.2\n    pullSecrets:\n      - name: x\n    repository: w`} | ${[]}
  ${renovateAnnotationsInValues}             | ${`cli:\n  image: ghcr.io/o/cli\n  ${docker('ghcr.io/o/cli')}\n  tag: v1.2.0`}                                        | ${[]}
  ${renovateAnnotationsInValues}             | ${`cli:\n  ${docker('ghcr.io/o/cli')}\n  tag: v1.2.0\n  image: ghcr.io/o/cli`}                                        | ${[]}
  ${renovateAnnotationsInValues}             | ${`${docker('busybox')}\ninitImage: busybox:1.36.1\n${docker('quay.io/o/r')}\nrenderer: quay.io/o/r:v2.1.0`}          | ${[]}
  ${renovateAnnotationsInValues}             | ${`migrations:\n  image:\n    ${docker('ghcr.io/o/m')}\n    tag: 1.4.2`}                                              | ${[{ datasource: 'docker', depName: 'ghcr.io/o/m', currentValue: '1.4.2' }]}
  ${renovateAnnotationsInValues}             | ${`controller:\n  repository: ghcr.io/o/c\n  ${docker('ghcr.io/o/c')}\n  tag: 0.9.0`}                                 | ${[{ datasource: 'docker', depName: 'ghcr.io/o/c', currentValue: '0.9.0' }]}
  ${renovateAnnotationsInValues}             | ${`job:\n  image:\n  repository: ghcr.io/o/j\n  ${docker('ghcr.io/o/j')}\n  tag: 0.4.7`}                              | ${[{ datasource: 'docker', depName: 'ghcr.io/o/j', currentValue: '0.4.7' }]}
  ${renovateAnnotationsInValues}             | ${`image:\n  repository: ghcr.io/o/app\nother:\n  ${docker('ghcr.io/o/x')}\n  tag: 2.0.0`}                            | ${[{ datasource: 'docker', depName: 'ghcr.io/o/x', currentValue: '2.0.0' }]}
  ${renovateAnnotationsInKustomizeAndCharts} | ${'helmCharts:\n  - name: x\n    repo: https://x.io\n    # renovate: datasource=helm depName=x\n    version: 1.0.0'}  | ${[]}
  ${renovateAnnotationsInKustomizeAndCharts} | ${`images:\n  - name: quay.io/o/x\n    ${docker('quay.io/o/x')}\n    newTag: v1.15.1`}                                | ${[]}
  ${renovateAnnotationsInKustomizeAndCharts} | ${`version: 0.3.0\n${docker('ghcr.io/o/app')}\nappVersion: "1.4.2"`}                                                  | ${[{ datasource: 'docker', depName: 'ghcr.io/o/app', currentValue: '1.4.2' }]}
`('$manager.description', ({ manager, yaml, expected }) => {
  it(`reads ${JSON.stringify(yaml).slice(0, 60)}`, () => {
    expect(managerMatches(manager, yaml)).toEqual(expected);
  });
});

async function appsetPins(yaml: string): Promise<unknown> {
  const documents = parseAllDocuments(yaml).map((document) => document.toJS());
  const query = applicationSetGenerators.matchStrings[0] ?? '';
  return jsonataDeps(query, documents);
}

const listAppSet = `
apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
spec:
  generators:
    - list:
        elements:
          - chart: argo-cd
            repoURL: https://argoproj.github.io/argo-helm
            version: 7.7.11
          - chart: podinfo
            repoURL: oci://ghcr.io/stefanprodan/charts
            version: "6.7.0"
          - chart: bad
            repoURL: https://x.io
            version: '{{ .cluster.version }}'
  template:
    spec:
      source:
        chart: '{{ .chart }}'
        repoURL: '{{ .repoURL }}'
        targetRevision: '{{ .version }}'
`;

const mergeAppSet = `
kind: ApplicationSet
spec:
  generators:
    - merge:
        generators:
          - clusters:
              values:
                addonChart: karpenter
                addonChartRepository: public.ecr.aws
                addonChartRepositoryNamespace: karpenter
                addonChartVersion: 0.37.0
          - clusters:
              values:
                addonChartVersion: 0.36.2
  template:
    spec:
      sources:
        - repoURL: https://github.com/org/values.git
          targetRevision: main
          ref: values
        - chart: '{{values.addonChartRepositoryNamespace}}/{{values.addonChart}}'
          repoURL: '{{values.addonChartRepository}}'
          targetRevision: '{{values.addonChartVersion}}'
`;

describe('applicationSetGenerators (JSONata)', () => {
  it.each`
    shape                                                | yaml                                                                                                         | expected
    ${'list elements: Helm, OCI, placeholder skipped'}   | ${listAppSet}                                                                                                | ${[{ depName: 'argo-cd', currentValue: '7.7.11', registryUrl: 'https://argoproj.github.io/argo-helm', datasource: 'helm' }, { depName: 'ghcr.io/stefanprodan/charts/podinfo', currentValue: '6.7.0', datasource: 'docker' }]}
    ${'merge: version-only overrides inherit the chart'} | ${mergeAppSet}                                                                                               | ${[{ depName: 'public.ecr.aws/karpenter/karpenter', currentValue: '0.37.0', datasource: 'docker' }, { depName: 'public.ecr.aws/karpenter/karpenter', currentValue: '0.36.2', datasource: 'docker' }]}
    ${'an Application is not read'}                      | ${'kind: Application\nspec:\n  source:\n    chart: a\n    repoURL: https://a.io\n    targetRevision: 1.0.0'} | ${[]}
  `('$shape', async ({ yaml, expected }: { yaml: string; expected: unknown }) => {
    expect(await appsetPins(yaml)).toEqual(expected);
  });
});
