/**
 * Real charts, images, remote Kustomize bases and release URLs that synthetic cluster repos
 * are made of. Names, repositories and versions are the ones real GitOps repositories pin, so
 * that every manager sees the shapes and value lengths it sees in the wild. The lookup run
 * (lookup-run.ts) looks every one of them up, so each has offline-world data in fixtures/world
 * (test/bench-lookup.test.ts checks it): add the data with the entry.
 */

export interface Image {
  /** Registry host, when values files split it from the repository (`image.registry`). */
  registry?: string;
  repository: string;
  tags: readonly string[];
}

export interface Chart {
  name: string;
  /** A Helm repository URL, or an OCI registry path written without `oci://` as Argo CD wants it. */
  repoURL: string;
  oci: boolean;
  versions: readonly string[];
  /** The main image the chart deploys, which values files override. */
  image: Image;
  /** The top-level values key that holds the image, where it is not `image`. */
  imageKey?: string;
}

export const charts: readonly Chart[] = [
  {
    name: 'kube-prometheus-stack',
    repoURL: 'https://prometheus-community.github.io/helm-charts',
    oci: false,
    versions: ['65.1.1', '65.5.0', '66.3.1', '67.4.0'],
    image: { repository: 'quay.io/prometheus/prometheus', tags: ['v2.54.1', 'v2.55.1'] },
    imageKey: 'prometheusImage',
  },
  {
    name: 'ingress-nginx',
    repoURL: 'https://kubernetes.github.io/ingress-nginx',
    oci: false,
    versions: ['4.11.2', '4.11.3', '4.12.0'],
    image: {
      registry: 'registry.k8s.io',
      repository: 'ingress-nginx/controller',
      tags: ['v1.11.2', 'v1.11.3', 'v1.12.0'],
    },
  },
  {
    name: 'cert-manager',
    repoURL: 'https://charts.jetstack.io',
    oci: false,
    versions: ['v1.15.3', 'v1.16.1', 'v1.16.2'],
    image: { repository: 'quay.io/jetstack/cert-manager-controller', tags: ['v1.15.3', 'v1.16.1'] },
  },
  {
    name: 'argo-cd',
    repoURL: 'https://argoproj.github.io/argo-helm',
    oci: false,
    versions: ['7.6.8', '7.7.3', '7.7.10'],
    image: { repository: 'quay.io/argoproj/argocd', tags: ['v2.12.4', 'v2.13.1', 'v2.13.3'] },
  },
  {
    name: 'metrics-server',
    repoURL: 'https://kubernetes-sigs.github.io/metrics-server/',
    oci: false,
    versions: ['3.12.1', '3.12.2'],
    image: {
      repository: 'registry.k8s.io/metrics-server/metrics-server',
      tags: ['v0.7.1', 'v0.7.2'],
    },
  },
  {
    name: 'external-dns',
    repoURL: 'https://kubernetes-sigs.github.io/external-dns/',
    oci: false,
    versions: ['1.14.5', '1.15.0'],
    image: {
      repository: 'registry.k8s.io/external-dns/external-dns',
      tags: ['v0.14.2', 'v0.15.0'],
    },
  },
  {
    name: 'grafana',
    repoURL: 'https://grafana.github.io/helm-charts',
    oci: false,
    versions: ['8.5.2', '8.6.0', '8.8.2'],
    image: { repository: 'grafana/grafana', tags: ['11.2.2', '11.3.0', '11.4.0'] },
  },
  {
    name: 'loki',
    repoURL: 'https://grafana.github.io/helm-charts',
    oci: false,
    versions: ['6.16.0', '6.21.0', '6.24.0'],
    image: { registry: 'docker.io', repository: 'grafana/loki', tags: ['3.2.0', '3.3.2'] },
  },
  {
    name: 'redis',
    repoURL: 'https://charts.bitnami.com/bitnami',
    oci: false,
    versions: ['20.1.7', '20.3.0', '20.6.1'],
    image: { registry: 'docker.io', repository: 'bitnami/redis', tags: ['7.4.1-debian-12-r0'] },
  },
  {
    name: 'postgresql',
    repoURL: 'https://charts.bitnami.com/bitnami',
    oci: false,
    versions: ['16.0.3', '16.2.1', '16.3.5'],
    image: {
      registry: 'docker.io',
      repository: 'bitnami/postgresql',
      tags: ['17.0.0-debian-12-r6'],
    },
  },
  {
    name: 'external-secrets',
    repoURL: 'https://charts.external-secrets.io',
    oci: false,
    versions: ['0.10.4', '0.10.7', '0.12.1'],
    image: {
      repository: 'ghcr.io/external-secrets/external-secrets',
      tags: ['v0.10.4', 'v0.12.1'],
    },
  },
  {
    name: 'velero',
    repoURL: 'https://vmware-tanzu.github.io/helm-charts',
    oci: false,
    versions: ['7.2.1', '8.1.0'],
    image: { repository: 'velero/velero', tags: ['v1.14.1', 'v1.15.0'] },
  },
  {
    name: 'sealed-secrets',
    repoURL: 'https://bitnami-labs.github.io/sealed-secrets',
    oci: false,
    versions: ['2.16.1', '2.16.2'],
    image: {
      registry: 'docker.io',
      repository: 'bitnami/sealed-secrets-controller',
      tags: ['0.27.1', '0.27.3'],
    },
  },
  {
    name: 'kyverno',
    repoURL: 'https://kyverno.github.io/kyverno/',
    oci: false,
    versions: ['3.2.7', '3.3.3'],
    image: { registry: 'ghcr.io', repository: 'kyverno/kyverno', tags: ['v1.12.6', 'v1.13.2'] },
  },
  {
    name: 'traefik',
    repoURL: 'https://traefik.github.io/charts',
    oci: false,
    versions: ['32.1.0', '33.2.1'],
    image: { registry: 'docker.io', repository: 'traefik', tags: ['v3.1.5', 'v3.2.3'] },
  },
  {
    name: 'cilium',
    repoURL: 'https://helm.cilium.io/',
    oci: false,
    versions: ['1.16.2', '1.16.5'],
    image: { repository: 'quay.io/cilium/cilium', tags: ['v1.16.2', 'v1.16.5'] },
  },
  {
    name: 'podinfo',
    repoURL: 'ghcr.io/stefanprodan/charts',
    oci: true,
    versions: ['6.7.0', '6.7.1'],
    image: { repository: 'ghcr.io/stefanprodan/podinfo', tags: ['6.7.0', '6.7.1'] },
  },
  {
    name: 'kube-prometheus-stack',
    repoURL: 'ghcr.io/prometheus-community/charts',
    oci: true,
    versions: ['66.3.1', '67.4.0'],
    image: { repository: 'quay.io/prometheus/alertmanager', tags: ['v0.27.0'] },
    imageKey: 'alertmanagerImage',
  },
  {
    name: 'karpenter',
    repoURL: 'public.ecr.aws/karpenter',
    oci: true,
    versions: ['1.0.6', '1.1.1'],
    image: { repository: 'public.ecr.aws/karpenter/controller', tags: ['1.0.6', '1.1.1'] },
  },
];

/** Images of plain Deployments, CronJobs and Jobs in Kustomize bases. */
export const workloadImages: readonly Image[] = [
  { repository: 'nginx', tags: ['1.27.2', '1.27.3-alpine'] },
  { repository: 'ghcr.io/stefanprodan/podinfo', tags: ['6.7.0', '6.7.1'] },
  { repository: 'ealen/echo-server', tags: ['0.9.2'] },
  { repository: 'busybox', tags: ['1.36.1', '1.37.0'] },
  { repository: 'redis', tags: ['7.4.1', '7.4.1-alpine'] },
  { repository: 'bitnami/kubectl', tags: ['1.31.2', '1.31.4'] },
  { repository: 'registry.k8s.io/pause', tags: ['3.10'] },
  { repository: 'quay.io/oauth2-proxy/oauth2-proxy', tags: ['v7.7.1'] },
  { repository: 'docker.io/library/postgres', tags: ['16.4', '17.2'] },
];

/** Remote Kustomize bases (`?ref=`), as `kustomization.yaml` `resources` name them. */
export const remoteBases: readonly string[] = [
  'https://github.com/argoproj/argo-cd//manifests/cluster-install?ref=v2.13.3',
  'https://github.com/kubernetes-sigs/external-dns//kustomize?ref=v0.15.0',
  'https://github.com/kubernetes-sigs/gateway-api//config/crd?ref=v1.2.0',
  'github.com/prometheus-operator/kube-prometheus?ref=v0.14.0',
  'https://github.com/kubernetes-sigs/metrics-server//manifests/release?ref=v0.7.2',
  'https://github.com/kubernetes-csi/external-snapshotter//client/config/crd?ref=v8.1.0',
  'https://github.com/rancher/local-path-provisioner//deploy?ref=v0.0.30',
  'https://gitlab.com/gitlab-org/cluster-integration/gitlab-agent//build/deployment?ref=v17.5.1',
];

/** Versioned raw manifest URLs: raw.githubusercontent.com and GitHub release downloads. */
export const rawUrls: readonly string[] = [
  'https://raw.githubusercontent.com/argoproj/argo-cd/v2.13.3/notifications_catalog/install.yaml',
  'https://raw.githubusercontent.com/prometheus-operator/prometheus-operator/v0.77.1/example/prometheus-operator-crd/monitoring.coreos.com_servicemonitors.yaml',
  'https://raw.githubusercontent.com/kubernetes/autoscaler/cluster-autoscaler-1.31.0/cluster-autoscaler/cloudprovider/aws/examples/cluster-autoscaler-autodiscover.yaml',
  'https://github.com/cert-manager/cert-manager/releases/download/v1.16.2/cert-manager.yaml',
  'https://github.com/kubernetes-sigs/gateway-api/releases/download/v1.2.0/standard-install.yaml',
  'https://github.com/kubernetes-sigs/metrics-server/releases/download/v0.7.2/components.yaml',
  'https://github.com/external-secrets/external-secrets/releases/download/v0.10.7/external-secrets.yaml',
  'https://gitlab.com/gitlab-org/cluster-integration/gitlab-agent/-/raw/v17.5.1/build/deployment/gitlab-agent/crds.yaml',
];

/** Upstream git repositories that Applications deploy at a tag, with the path they use. */
export const upstreamGitSources: readonly { repoURL: string; path: string; tags: string[] }[] = [
  {
    repoURL: 'https://github.com/argoproj/argocd-example-apps.git',
    path: 'kustomize-guestbook',
    tags: ['v0.2.0'],
  },
  {
    repoURL: 'https://github.com/kubernetes-sigs/external-dns.git',
    path: 'kustomize',
    tags: ['v0.14.2', 'v0.15.0'],
  },
  {
    repoURL: 'https://github.com/stefanprodan/podinfo.git',
    path: 'kustomize',
    tags: ['6.7.0', '6.7.1'],
  },
  {
    repoURL: 'https://github.com/kubernetes-sigs/gateway-api.git',
    path: 'config/crd/standard',
    tags: ['v1.1.0', 'v1.2.0'],
  },
];

/** Tools whose versions teams pin in env vars, under a `# renovate:` comment. */
export const annotatedTools: readonly {
  env: string;
  datasource: string;
  depName: string;
  versions: string[];
}[] = [
  {
    env: 'KUBECTL_VERSION',
    datasource: 'github-releases',
    depName: 'kubernetes/kubernetes',
    versions: ['v1.31.2', 'v1.31.4'],
  },
  {
    env: 'HELM_VERSION',
    datasource: 'github-releases',
    depName: 'helm/helm',
    versions: ['v3.16.2', 'v3.16.4'],
  },
  {
    env: 'KUSTOMIZE_VERSION',
    datasource: 'github-releases',
    depName: 'kubernetes-sigs/kustomize',
    versions: ['kustomize/v5.5.0'],
  },
  {
    env: 'YQ_VERSION',
    datasource: 'github-releases',
    depName: 'mikefarah/yq',
    versions: ['v4.44.3', 'v4.44.6'],
  },
];

export const environments = ['dev', 'staging', 'prod'] as const;
export const teams = ['platform', 'payments', 'search', 'identity', 'data', 'observability'];

/** The cluster repository itself, which multi-source Applications read values from. */
export const clusterRepoURL = 'https://gitlab.com/platform/cluster-config.git';

export const clusters: readonly { name: string; server: string }[] = [
  { name: 'dev-eu-1', server: 'https://dev-eu-1.k8s.example.com' },
  { name: 'staging-eu-1', server: 'https://staging-eu-1.k8s.example.com' },
  { name: 'prod-eu-1', server: 'https://prod-eu-1.k8s.example.com' },
  { name: 'prod-us-1', server: 'https://prod-us-1.k8s.example.com' },
];
