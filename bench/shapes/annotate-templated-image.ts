import { teams } from '../catalog.ts';
import type { Random } from '../random.ts';
import { type AnnotateFamily, groups } from './annotate-family.ts';
import { yamlLines } from './naming.ts';
import type { GeneratedFile, ShapeOutput } from './shape.ts';

/** Providers or exporters per chart. */
export const entriesPerChart = 12;

/** Upbound's provider families and some of their service providers (`provider-aws-s3`). */
export const crossplaneFamilies: readonly {
  cloud: string;
  versions: readonly string[];
  services: readonly string[];
}[] = [
  {
    cloud: 'aws',
    versions: ['v1.13.1', 'v1.14.0', 'v1.16.0'],
    services: ['s3', 'ec2', 'iam', 'rds', 'eks', 'lambda', 'sqs', 'sns', 'dynamodb', 'ecr', 'kms'],
  },
  {
    cloud: 'gcp',
    versions: ['v1.8.3', 'v1.11.0'],
    services: ['storage', 'compute', 'container', 'cloudplatform', 'sql', 'pubsub', 'redis'],
  },
  {
    cloud: 'azure',
    versions: ['v1.5.0', 'v1.7.0'],
    services: ['network', 'storage', 'compute', 'containerservice', 'keyvault', 'sql'],
  },
];

/** Prometheus exporters whose image a chart composes from a registry and values. */
export const exporters: readonly { key: string; name: string; tags: readonly string[] }[] = [
  { key: 'postgres', name: 'prometheuscommunity/postgres-exporter', tags: ['v0.15.0', 'v0.16.0'] },
  { key: 'redis', name: 'oliver006/redis_exporter', tags: ['v1.66.0', 'v1.67.0'] },
  { key: 'node', name: 'prometheus/node-exporter', tags: ['v1.8.2'] },
  { key: 'blackbox', name: 'prometheus/blackbox-exporter', tags: ['v0.25.0'] },
  { key: 'mysqld', name: 'prometheus/mysqld-exporter', tags: ['v0.16.0'] },
  {
    key: 'elasticsearch',
    name: 'prometheuscommunity/elasticsearch-exporter',
    tags: ['v1.8.0'],
  },
];

/** The fixture's spellings: a literal package name, and one composed from `registry` and the key. */
const providersTemplate = `{{- if .Values.family.enabled }}
apiVersion: pkg.crossplane.io/v1
kind: Provider
metadata:
  name: provider-family-{{ .Values.cloud }}
spec:
  package: xpkg.upbound.io/upbound/provider-family-{{ .Values.cloud }}:{{ .Values.family.version }}
{{- end }}
{{- range $name, $provider := .Values.providers }}
---
apiVersion: pkg.crossplane.io/v1
kind: Provider
metadata:
  name: provider-{{ $name }}
spec:
  package: "{{ $.Values.registry }}/upbound/provider-{{ $name }}:{{ $provider.version }}"
{{- end }}
`;

const exportersTemplate = `{{- range $key, $exporter := .Values.exporters }}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ $key }}-exporter
spec:
  template:
    spec:
      containers:
        - name: exporter
          image: {{ $.Values.imageRegistry }}/{{ $exporter.name }}:{{ $exporter.version }}
          args: [--web.listen-address=:9100]
{{- end }}
`;

function crossplaneChart(dir: string, size: number, random: Random): GeneratedFile[] {
  const family = random.pick(crossplaneFamilies);
  const start = random.int(family.services.length);
  const providers = Array.from({ length: size }, (_, offset) => {
    const service = family.services[(start + offset) % family.services.length];
    // More providers than services: a second instance of a service gets its own key.
    const round = Math.floor(offset / family.services.length);
    const key = `${family.cloud}-${service}${round ? `-${round}` : ''}`;
    return [`  ${key}:`, `    version: ${random.pick(family.versions)}`];
  }).flat();
  const values = [
    'registry: xpkg.upbound.io',
    `cloud: ${family.cloud}`,
    'family:',
    `  enabled: ${random.chance(0.7)}`,
    `  version: "${random.pick(family.versions)}"`,
    'providers:',
    ...providers,
  ];
  return [
    { path: `${dir}/values.yaml`, content: yamlLines(values) },
    { path: `${dir}/templates/providers.yaml`, content: providersTemplate },
  ];
}

function exportersChart(dir: string, size: number, random: Random): GeneratedFile[] {
  const entries = Array.from({ length: size }, (_, offset) => {
    const exporter = exporters[offset % exporters.length];
    if (!exporter) throw new Error('no exporter');
    const round = Math.floor(offset / exporters.length);
    return [
      `  ${exporter.key}${round ? `-${round}` : ''}:`,
      `    name: ${exporter.name}`,
      `    version: ${random.pick(exporter.tags)}`,
    ];
  }).flat();
  return [
    {
      path: `${dir}/values.yaml`,
      content: yamlLines(['imageRegistry: quay.io', 'exporters:', ...entries]),
    },
    { path: `${dir}/templates/exporters.yaml`, content: exportersTemplate },
  ];
}

/** Crossplane packages and images whose tag a chart template reads from `perChart` entries of its values. */
export function templatedImageFamily(perChart = entriesPerChart): AnnotateFamily {
  return {
    name: 'templated-image',
    share: 0.15,
    resolves:
      'Crossplane `package:` and container `image:` that a chart template composes from a name and a tag in values',
    generate(count, _firstIndex, random): ShapeOutput {
      const output: ShapeOutput = { argoFiles: [], supportFiles: [] };
      groups(count, perChart).forEach((size, group) => {
        const crossplane = group % 3 !== 2;
        const dir = `platform/${random.pick(teams)}-${crossplane ? 'crossplane' : 'exporters'}-${String(group).padStart(3, '0')}`;
        const [values, template] = crossplane
          ? crossplaneChart(dir, size, random)
          : exportersChart(dir, size, random);
        if (values) output.argoFiles.push(values);
        output.supportFiles.push(...(template ? [template] : []), {
          path: `${dir}/Chart.yaml`,
          content: yamlLines(['apiVersion: v2', `name: ${dir.split('/')[1]}`, 'version: 0.2.0']),
        });
      });
      return output;
    },
  };
}

export const templatedImage = templatedImageFamily();
