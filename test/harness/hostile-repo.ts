import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** A pin a manager can see in a hostile file, as the report names it. */
export interface VisiblePin {
  manager: string;
  depName: string;
  currentValue: string;
}

/** One file of the hostile repository: what is wrong with it, and what must still be found. */
export interface HostileFile {
  path: string;
  /** What makes the file hostile. */
  trap: string;
  content(): string | Buffer;
  /** Exactly the pins Renovate must report for this file: nothing else is a real pin. */
  finds: VisiblePin[];
  /** Why these pins and no others (which manager can and cannot read the file). */
  why: string;
}

const application = (name: string, chart: string, repoURL: string, version: string) =>
  [
    'apiVersion: argoproj.io/v1alpha1',
    'kind: Application',
    'metadata:',
    `  name: ${name}`,
    '  namespace: argocd',
    'spec:',
    '  project: default',
    '  source:',
    `    chart: ${chart}`,
    `    repoURL: ${repoURL}`,
    `    targetRevision: ${version}`,
    '  destination:',
    '    server: https://kubernetes.default.svc',
    `    namespace: ${name}`,
    '',
  ].join('\n');

const ingressNginx = application(
  'ingress-nginx',
  'ingress-nginx',
  'https://kubernetes.github.io/ingress-nginx',
  '4.11.2',
);
const metricsServer = application(
  'metrics-server',
  'metrics-server',
  'https://kubernetes-sigs.github.io/metrics-server/',
  '3.12.1',
);
const certManager = application(
  'cert-manager',
  'cert-manager',
  'https://charts.jetstack.io',
  'v1.15.3',
);

const deployment = (image: string) =>
  [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: web',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: web',
    `          image: ${image}`,
    '',
  ].join('\n');

const chartPin = (depName: string, currentValue: string): VisiblePin => ({
  manager: 'argocd',
  depName,
  currentValue,
});
const imagePin = (depName: string, currentValue: string): VisiblePin => ({
  manager: 'regex',
  depName,
  currentValue,
});

/** Deterministic bytes that are not text: every value 0-255, NULs included. */
function binaryBytes(length: number): Buffer {
  const bytes = Buffer.alloc(length);
  let state = 0x2545f491;
  for (let index = 0; index < length; index += 1) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    bytes[index] = state >>> 24;
  }
  return bytes;
}

export const fiveMegabytes = 5 * 1024 * 1024;

/**
 * A Helm values file of at least 5 MB, as dashboards-as-code makes them: hundreds of Grafana
 * dashboards inlined as JSON block scalars, then the one image after all of them.
 *
 * Not one flat map of 75,000 keys: Renovate parses YAML with unique-key checks that take
 * time quadratic in the keys of one map (eemeli/yaml), and such a file stalls each parse for
 * about a minute; see the closing note of test/hostile-input.test.ts.
 */
function hugeValues(): string {
  const lines = ['replicaCount: 2', 'dashboards:'];
  let size = 0;
  for (let board = 0; size < fiveMegabytes; board += 1) {
    lines.push(`  dashboard-${String(board).padStart(4, '0')}.json: |`);
    for (let panel = 0; panel < 100; panel += 1) {
      const line = `    {"id": ${panel}, "type": "timeseries", "targets": [{"expr": "sum(rate(http_requests_total{job=\\"web\\"}[5m]))"}]},`;
      lines.push(line);
      size += line.length + 1;
    }
  }
  lines.push('image:', '  repository: ghcr.io/stefanprodan/podinfo', '  tag: 6.7.0', '');
  return lines.join('\n');
}

/** Ten levels of aliases, each ten times the last: ten billion nodes if a parser expanded them. */
function aliasBomb(): string {
  const lines = ['apiVersion: v1', 'kind: ConfigMap', 'data:', '  a0: &a0 ["lol"]'];
  for (let level = 1; level <= 10; level += 1) {
    lines.push(
      `  a${level}: &a${level} [${Array(10)
        .fill(`*a${level - 1}`)
        .join(', ')}]`,
    );
  }
  return `${lines.join('\n')}\n---\n${metricsServer}`;
}

/**
 * The files of the hostile repository. Each states what Renovate must report for it: a
 * regex manager reads lines whatever the YAML around them, while the argocd, kustomize and
 * JSONata managers parse the file and see nothing in one that does not parse.
 */
export const hostileFiles: readonly HostileFile[] = [
  {
    path: 'apps/invalid-yaml.yaml',
    trap: 'invalid YAML (an unclosed flow sequence)',
    content: () => `${ingressNginx}  syncPolicy: [unclosed\n`,
    finds: [],
    why: 'the argocd manager cannot parse the file; no regex manager reads Application charts',
  },
  {
    path: 'apps/unclosed-template.yaml',
    trap: 'an unclosed `{{` Helm placeholder',
    content: () => ingressNginx.replace('  name: ingress-nginx', '  name: {{ .Values.name'),
    finds: [],
    why: "Renovate's argocd manager only strips closed `{{ }}`, and `{{ .Values.name` does not parse as YAML",
  },
  {
    path: 'platform/huge/values.yaml',
    trap: 'a 5 MB values file (500 dashboards inlined as JSON), its one image after them',
    content: hugeValues,
    finds: [
      { manager: 'helm-values', depName: 'ghcr.io/stefanprodan/podinfo', currentValue: '6.7.0' },
    ],
    why: 'helm-values reads the whole file',
  },
  {
    path: 'apps/binary.yaml',
    trap: 'a binary file named .yaml (64 KiB of every byte value, NULs included)',
    content: () => binaryBytes(64 * 1024),
    finds: [],
    why: 'there is nothing to read',
  },
  {
    path: 'apps/byte-order-mark.yaml',
    trap: 'a UTF-8 byte order mark',
    content: () => `\uFEFF${certManager}`,
    finds: [chartPin('cert-manager', 'v1.15.3')],
    why: 'YAML parsers skip the mark',
  },
  {
    path: 'apps/tab-separated.yaml',
    trap: 'tabs between keys and values (valid YAML)',
    content: () =>
      `${metricsServer.replace('targetRevision: ', 'targetRevision:\t').replace('chart: ', 'chart:\t')}---\n${deployment('nginx:1.27.1').replace('image: ', 'image:\t')}`,
    finds: [chartPin('metrics-server', '3.12.1'), imagePin('nginx', '1.27.1')],
    why: 'both documents parse; the image pattern allows tabs',
  },
  {
    path: 'workloads/tab-indented.yaml',
    trap: 'indentation with tabs (invalid YAML)',
    content: () =>
      deployment('nginx:1.27.1').replace(/^( +)/gm, (spaces) => '\t'.repeat(spaces.length / 2)),
    finds: [imagePin('nginx', '1.27.1')],
    why: 'the image pattern reads the line whatever the indentation',
  },
  {
    path: 'apps/long-lines.yaml',
    trap: 'a 1 MiB line (an inline bundle in a ConfigMap), a long comment, no final newline',
    content: () =>
      [
        'apiVersion: v1',
        'kind: ConfigMap',
        'data:',
        `  bundle.js: "${'A'.repeat(1024 * 1024)}"`,
        `# ${'image: nginx:1.0.0 '.repeat(20_000)}`,
        '---',
        ingressNginx.trimEnd(),
      ].join('\n'),
    finds: [chartPin('ingress-nginx', '4.11.2')],
    why: 'the argocd manager parses both documents; the commented-out images are not pins',
  },
  {
    path: 'apps/multi-document.yaml',
    trap: 'four documents, the second one broken',
    content: () =>
      [
        ingressNginx,
        'kind: Broken\nspec: {unclosed: [\n',
        deployment('nginx:1.27.1'),
        metricsServer,
      ].join('---\n'),
    finds: [imagePin('nginx', '1.27.1')],
    why: "Renovate's argocd manager parses the file as a whole and drops it, both valid Applications included; the image pattern still reads the valid Deployment",
  },
  {
    path: 'platform/list/kustomization.yaml',
    trap: 'a kustomization that is a list, not a map',
    content: () =>
      '- https://github.com/argoproj/argo-cd//manifests/cluster-install?ref=v2.13.3\n- namespace.yaml\n',
    finds: [],
    why: 'the kustomize manager needs a map with `resources`',
  },
  {
    path: 'apps/alias-bomb.yaml',
    trap: 'a YAML alias bomb (billion laughs) before a valid Application',
    content: aliasBomb,
    finds: [],
    why: "the YAML parser refuses to expand the aliases, and Renovate's argocd manager then drops the whole file, the valid Application after the bomb included",
  },
  {
    path: 'apps/latin-1.yaml',
    trap: 'bytes that are not UTF-8 (a Latin-1 comment)',
    content: () =>
      Buffer.concat([
        Buffer.from('# Gr\xf6\xdfe: f\xfcr die Abnahme\n', 'latin1'),
        Buffer.from(certManager),
      ]),
    finds: [chartPin('cert-manager', 'v1.15.3')],
    why: 'the comment decodes to replacement characters; the rest is plain YAML',
  },
  {
    path: 'apps/empty.yaml',
    trap: 'an empty file',
    content: () => '',
    finds: [],
    why: 'nothing in it',
  },
  {
    path: 'apps/only-separators.yaml',
    trap: 'only document separators and comments',
    content: () => '---\n# image: nginx:1.27.1\n---\n...\n',
    finds: [],
    why: 'a commented-out image is not a pin',
  },
];

/** Writes the hostile repository (and a renovate.json that extends the presets) into `dir`. */
export async function writeHostileRepo(dir: string): Promise<void> {
  for (const file of hostileFiles) {
    const target = path.join(dir, file.path);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, file.content());
  }
  await writeFile(
    path.join(dir, 'renovate.json'),
    `${JSON.stringify({ extends: ['gitlab>platform/renovate-config-gitops'] }, null, 2)}\n`,
  );
}
