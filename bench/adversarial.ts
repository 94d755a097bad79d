import type { CustomManager } from 'renovate/dist/modules/manager/custom/types.js';
import { appOfAppsValues } from '../src/managers/app-of-apps-values.ts';
import { applicationHelmImages } from '../src/managers/application-helm-images.ts';
import { applicationHelmParameters } from '../src/managers/application-helm-parameters.ts';
import { applicationKustomizeImages } from '../src/managers/application-kustomize-images.ts';
import { applicationSetGenerators } from '../src/managers/application-set-generators.ts';
import { chartRegistryEntries } from '../src/managers/chart-registry-entries.ts';
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
import { versionedRawUrls } from '../src/managers/versioned-raw-urls.ts';
import type { GeneratedFile } from './shapes/shape.ts';

/** The size of each adversarial file: 5 MiB. */
export const adversarialBytes = 5 * 1024 * 1024;

/** A block of lines aimed at some of our custom managers. */
export interface NearMissBlock {
  managers: readonly CustomManager[];
  lines: readonly string[];
  /**
   * The lines form a document of their own after the ApplicationSet, for managers that leave
   * Argo CD documents to the argocd manager (the registry query skips them whole).
   */
  ownDocument?: boolean;
}

/**
 * Lines that almost match one of our custom managers and must not: each fails at the last
 * piece of its pattern (the version, the tag, the line end), so the regex engine walks as far
 * as it can before giving up. Every block is valid YAML inside the document below, so that
 * YAML-parsing managers (JSONata, argocd, crossplane) do their full work too. The unit test
 * checks that every custom manager of the presets has a block here and matches none of them.
 */
export const nearMisses: readonly NearMissBlock[] = [
  {
    // image: name:tag on one line, but templated, unterminated, upper-case, with a short
    // digest, or commented out.
    managers: [manifestImages],
    lines: [
      '      containers:',
      '        - name: templated-tag',
      '          image: ghcr.io/example/app:{{ .Values.image.tag }}',
      '        - name: templated-image',
      '          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"',
      '        - name: short-digest',
      '          image: ghcr.io/example/app@sha256:0123456789abcdef',
      '        - name: trailing-word',
      '          image: registry.k8s.io/ingress-nginx/controller:v1.11.3 extra',
      '        - name: upper-case',
      '          image: Registry.Example.com/Team/App:V1',
      '        - name: commented',
      '          # image: nginx:1.27.2',
      '          imagePullPolicy: IfNotPresent',
    ],
  },
  {
    // An image object whose tag is missing, templated, not a version, or split off by a key.
    managers: [applicationHelmImages],
    lines: [
      '      helmValues:',
      '        image:',
      '          repository: ghcr.io/example/app',
      '          pullPolicy: IfNotPresent',
      '        sidecarImage:',
      '          registry: quay.io',
      '          repository: example/sidecar',
      '          tag: "{{ .Values.sidecar.tag }}"',
      '        initImage:',
      '          tag: latest',
      '          repository: busybox',
      '        proxyImage:',
      '          repository: quay.io/oauth2-proxy/oauth2-proxy',
      '          digest: sha256:0123456789abcdef0123456789abcdef',
      '          tag: v7.7.1',
    ],
  },
  {
    // Image parameters that are not consecutive, or whose tag is templated or `latest`.
    managers: [applicationHelmParameters],
    lines: [
      '      parameters:',
      '        - name: image.repository',
      '          value: ghcr.io/example/app',
      '        - name: image.pullPolicy',
      '          value: IfNotPresent',
      '        - name: image.tag',
      '          value: latest',
      '        - name: controller.image.tag',
      '          value: "{{ .Values.controllerTag }}"',
      '        - name: controller.image.repository',
      '          value: registry.k8s.io/ingress-nginx/controller',
    ],
  },
  {
    // kustomize.images items: `latest`, templated, digest-only, or the alias form.
    managers: [applicationKustomizeImages],
    lines: [
      '      kustomize:',
      '        images:',
      '          - ghcr.io/example/app:latest',
      '          - nginx:{{ .Values.tag }}',
      '          - quay.io/argoproj/argocd@sha256:0123456789abcdef',
      '          - argocd=quay.io/argoproj/argocd:v2.13.3',
    ],
  },
  {
    // chart, repoURL and targetRevision, but never all three valid and consecutive.
    managers: [appOfAppsValues],
    lines: [
      '      certManager:',
      '        chart: cert-manager',
      '        repoURL: https://charts.jetstack.io',
      '        targetRevision: main',
      '      ingressNginx:',
      '        chart: ingress-nginx',
      '        repoURL: oci://ghcr.io/kubernetes/charts',
      '        targetRevision: 4.11.3',
      '      metricsServer:',
      '        repoURL: https://kubernetes-sigs.github.io/metrics-server/',
      '        chart: "{{ .Values.chart }}"',
      '        targetRevision: 3.12.2',
      '      externalDns:',
      '        chart: external-dns',
      '        repoURL: https://kubernetes-sigs.github.io/external-dns/',
      '        path: charts/external-dns',
      '        targetRevision: 1.15.0',
    ],
  },
  {
    // `# renovate:` comments that are malformed, or govern a line with no usable value.
    managers: [
      renovateAnnotations,
      renovateAnnotationsInValues,
      renovateAnnotationsInKustomizeAndCharts,
    ],
    lines: [
      '      tools:',
      '        # renovate: datasource=github-releases packageName=helm/helm',
      '        helm: v3.16.2',
      '        # renovate: datasource=docker depName=',
      '        busybox: 1.36.1',
      '        # renovate datasource=github-releases depName=mikefarah/yq',
      '        yq: v4.44.3',
      '        # renovate: datasource=github-releases depName=kubernetes/kubernetes',
      '',
      '        kubectl: v1.31.2',
      '        # renovate: datasource=github-releases depName=kubernetes-sigs/kustomize',
      '        kustomize: "{{ .Values.kustomizeVersion }}"',
    ],
  },
  {
    // Raw and release URLs at commit SHAs, branches, `latest`, a blob page, or commented out.
    managers: versionedRawUrls,
    lines: [
      '      resources:',
      '        - https://raw.githubusercontent.com/argoproj/argo-cd/3f4c2a1b9e0d8c7b6a5f4e3d2c1b0a9f8e7d6c5b/manifests/install.yaml',
      '        - https://raw.githubusercontent.com/argoproj/argo-cd/master/manifests/install.yaml',
      '        - https://raw.githubusercontent.com/argoproj/argo-cd/refs/heads/release-2.13/manifests/install.yaml',
      '        - https://raw.githubusercontent.com/kubernetes/autoscaler/v2/install.yaml',
      '        # - https://raw.githubusercontent.com/argoproj/argo-cd/v2.13.3/manifests/install.yaml',
      '        - https://github.com/cert-manager/cert-manager/releases/download/latest/cert-manager.yaml',
      '        - https://github.com/cert-manager/cert-manager/releases/latest/download/cert-manager.yaml',
      '        - https://github.com/kubernetes-sigs/gateway-api/releases/download/nightly/standard-install.yaml',
      '        - https://gitlab.com/gitlab-org/cluster-integration/gitlab-agent/-/raw/main/build/crds.yaml',
      '        - https://gitlab.com/gitlab-org/cluster-integration/gitlab-agent/-/raw/3f4c2a1b9e0d8c7b/build/crds.yaml',
      '        - https://gitlab.com/gitlab-org/cluster-integration/gitlab-agent/-/blob/v17.5.1/build/crds.yaml',
      '        - https://git.example.com/platform/manifests/-/raw/v1.2.3/install.yaml',
    ],
  },
  {
    // Whole image references under any key, but templated, `latest`, followed by words, part
    // of a URL, a taint, or without a registry host.
    managers: [qualifiedImageRefsInValues, qualifiedImageRefsInManifests],
    lines: [
      '      sidecars:',
      '        logShipper: ghcr.io/example/shipper:{{ .Values.shipperTag }}',
      '        proxy: quay.io/oauth2-proxy/oauth2-proxy:latest',
      '        note: ghcr.io/example/app:1.2.3 is the last release with the old API',
      '        docs: https://ghcr.io/example/app:1.2.3',
      '        taint: node-role.kubernetes.io/control-plane:NoSchedule',
      '        bare: example/app:1.2.3',
      '        pinned: ghcr.io/example/app@sha256:0123456789abcdef',
    ],
  },
  {
    // Crossplane packages whose tag is templated or missing.
    managers: [crossplanePackagesInChartTemplates],
    lines: [
      '      provider:',
      '        apiVersion: pkg.crossplane.io/v1',
      '        kind: Provider',
      '        spec:',
      '          package: xpkg.upbound.io/upbound/provider-family-aws:{{ .Values.familyVersion }}',
      '          packagePullPolicy: IfNotPresent',
      '      function:',
      '        apiVersion: pkg.crossplane.io/v1beta1',
      '        kind: Function',
      '        spec:',
      '          package: xpkg.upbound.io/crossplane-contrib/function-patch-and-transform',
    ],
  },
  {
    // Add-on registry entries with a templated or branch version, a repository without a
    // scheme, the App-of-Apps trio, or a chart name that is not a string.
    managers: [chartRegistryEntries],
    ownDocument: true,
    lines: [
      'addons:',
      '  cert-manager:',
      '    chartName: cert-manager',
      '    chartRepository: https://charts.jetstack.io',
      "    defaultVersion: '{{ .Values.certManagerVersion }}'",
      '  ack-s3:',
      '    chartName: s3-chart',
      '    chartRepository: public.ecr.aws',
      '    defaultVersion: 1.0.14',
      '  podinfo:',
      '    chart: podinfo',
      '    repository: https://stefanprodan.github.io/podinfo',
      '    chartVersion: main',
      '  metrics:',
      '    chart: metrics-server',
      '    repoURL: https://kubernetes-sigs.github.io/metrics-server',
      '    targetRevision: HEAD',
      '  odd:',
      '    chartName: [not, a, name]',
      '    chartRepository: https://charts.example.com',
      '    chartVersion: 1.0.0',
    ],
  },
  {
    // The document around the blocks is itself the near miss for the generator query: its
    // generators give `targetRevision` a template, a branch or `HEAD`, never a version.
    managers: [applicationSetGenerators],
    lines: [],
  },
];

/**
 * One ApplicationSet document whose generators never give the template a version: the
 * version key is templated, a branch, or missing, so the JSONata query walks every generator
 * and source and keeps nothing. The near-miss blocks sit under `spec.template.spec.info`.
 */
function nearMissDocument(index: number): string {
  const blocks = nearMisses.filter((block) => !block.ownDocument).flatMap((block) => block.lines);
  const ownDocuments = nearMisses
    .filter((block) => block.ownDocument)
    .map((block) => ['---', ...block.lines].join('\n'));
  return [
    '---',
    'apiVersion: argoproj.io/v1alpha1',
    'kind: ApplicationSet',
    'metadata:',
    `  name: near-miss-${index}`,
    'spec:',
    '  generators:',
    '    - list:',
    '        elements:',
    "          - cluster: dev-eu-1\n            chartVersion: '{{ .Values.version }}'",
    '          - cluster: prod-eu-1\n            chartVersion: main',
    '    - clusters:',
    '        values:',
    '          addonChartVersion: HEAD',
    '  template:',
    '    spec:',
    '      source:',
    '        repoURL: https://charts.jetstack.io',
    "        chart: '{{.chart}}'",
    "        targetRevision: '{{.chartVersion}}'",
    '      info:',
    ...blocks.map((line) => (line ? `  ${line}` : line)),
    ...ownDocuments,
    '',
  ].join('\n');
}

/** Repeats `unit` (with an index) until the text reaches `bytes`. */
function fill(bytes: number, unit: (index: number) => string, separator = ''): string {
  const parts: string[] = [];
  let size = 0;
  for (let index = 0; size < bytes; index++) {
    const part = unit(index);
    parts.push(part);
    size += part.length + separator.length;
  }
  return parts.join(separator);
}

/** A file of `bytes` bytes made only of near-miss ApplicationSet documents. */
export function nearMatchContent(bytes = adversarialBytes): string {
  return fill(bytes, nearMissDocument);
}

/**
 * A file of `bytes` bytes on a single line, as a minified JSON document is (JSON is YAML): an
 * ApplicationSet whose list generator has tens of thousands of elements, every one carrying
 * near-miss strings for each pattern, with no line break for a `(?:^|\n)` anchor to start at.
 */
export function singleLineContent(bytes = adversarialBytes): string {
  const element = (index: number) =>
    JSON.stringify({
      cluster: `c${index}`,
      chartVersion: index % 2 ? 'main' : '{{ .Values.version }}',
      image: `ghcr.io/example/app:{{ .Values.tag${index} }}`,
      manifest: `https://raw.githubusercontent.com/argoproj/argo-cd/${index.toString(16).padStart(40, 'f')}/install.yaml`,
      release:
        'https://github.com/cert-manager/cert-manager/releases/download/latest/cert-manager.yaml',
      note: 'renovate: datasource=docker depName= image: nginx',
      chart: 'cert-manager repoURL: https://charts.jetstack.io targetRevision: main',
    });
  const head =
    '{"apiVersion":"argoproj.io/v1alpha1","kind":"ApplicationSet","metadata":{"name":"one-line"},"spec":{"generators":[{"list":{"elements":[';
  const tail =
    ']}}],"template":{"spec":{"source":{"repoURL":"https://charts.jetstack.io","chart":"cert-manager","targetRevision":"{{.chartVersion}}"}}}}}';
  return `${head}${fill(bytes - head.length - tail.length, element, ',')}${tail}`;
}

export interface AdversarialCase {
  name: string;
  description: string;
  files: GeneratedFile[];
}

/**
 * The adversarial repositories, one file each. The near-match content is offered twice, under
 * a manifest name and a values-file name, since our managers split YAML by file name: the
 * values name reaches the App-of-Apps patterns, the other the image patterns.
 */
export function adversarialCases(bytes = adversarialBytes): AdversarialCase[] {
  const nearMatches = nearMatchContent(bytes);
  return [
    {
      name: 'single-line',
      description: `${(bytes / 2 ** 20).toFixed(0)} MiB on one line (minified JSON ApplicationSet)`,
      files: [{ path: 'manifests/one-line.yaml', content: `${singleLineContent(bytes)}\n` }],
    },
    {
      name: 'near-matches',
      description: `${(bytes / 2 ** 20).toFixed(0)} MiB of near-matches, manifest file name`,
      files: [{ path: 'manifests/near-matches.yaml', content: nearMatches }],
    },
    {
      name: 'near-matches-values',
      description: `${(bytes / 2 ** 20).toFixed(0)} MiB of near-matches, values file name`,
      files: [{ path: 'values/values-near-matches.yaml', content: nearMatches }],
    },
  ];
}
