import { type Chart, charts, teams } from '../catalog.ts';
import type { Random } from '../random.ts';
import { type AnnotateFamily, groups, ociParts, padded } from './annotate-family.ts';
import { cycle, yamlLines } from './naming.ts';
import type { GeneratedFile, ShapeOutput } from './shape.ts';

/** Add-ons per registry chart: gitops-bridge style registries list a few dozen. */
export const addonsPerRegistry = 24;

/** The fixture's registry template: one ApplicationSet per enabled entry, version in generator values. */
const applicationSetsTemplate = `{{- range $name, $addon := .Values }}
{{- if and (kindIs "map" $addon) (hasKey $addon "enabled") }}
{{- if eq (toString $addon.enabled) "true" }}
---
apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata:
  name: {{ $name }}
  labels:
    {{- include "addons.labels" $ | nindent 4 }}
spec:
  goTemplate: true
  generators:
    - clusters:
        selector:
          matchLabels:
            enable_{{ $name | replace "-" "_" }}: "true"
        values:
          addonChartVersion: {{ $addon.defaultVersion | quote }}
          addonChartRepository: {{ $addon.chartRepository | quote }}
          {{- if $addon.chartNamespace }}
          chart: {{ printf "%s/%s" $addon.chartNamespace $addon.chartName | quote }}
          {{- else }}
          chart: {{ $addon.chartName | default $name | quote }}
          {{- end }}
  template:
    metadata:
      name: '{{ $name }}-{{\`{{ .name }}\`}}'
    spec:
      project: default
      source:
        repoURL: '{{\`{{ .values.addonChartRepository }}\`}}'
        chart: '{{\`{{ .values.chart }}\`}}'
        targetRevision: '{{\`{{ .values.addonChartVersion }}\`}}'
      destination:
        name: '{{\`{{ .name }}\`}}'
        namespace: {{ default $name $addon.namespace }}
{{- end }}
{{- end }}
{{- end }}
`;

const helpers = `{{- define "addons.labels" -}}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}
`;

/**
 * One registry entry, in one of the spellings people write: the chart named by `chartName`
 * and an https repository (the preset's registry manager reads those), the chart named by the
 * entry's key, an OCI chart composed from `chartRepository` without scheme and
 * `chartNamespace` (annotate's), or an `oci://` repository.
 */
function entry(key: string, chart: Chart, random: Random): string[] {
  const version = random.pick(chart.versions);
  const quoted = random.chance(0.3) ? `'${version}'` : version;
  const common = [`  enabled: ${random.chance(0.8)}`, `  namespace: ${chart.name}`];
  if (chart.oci) {
    const { registry, namespace } = ociParts(chart);
    if (random.chance(0.7)) {
      return [
        `${key}:`,
        ...common,
        `  defaultVersion: ${quoted}`,
        `  chartNamespace: ${namespace}`,
        `  chartName: ${chart.name}`,
        `  chartRepository: ${registry}`,
      ];
    }
    return [
      `${key}:`,
      ...common,
      `  chartName: ${chart.name}`,
      `  chartRepository: oci://${chart.repoURL}`,
      `  defaultVersion: ${quoted}`,
    ];
  }
  const named = key === chart.name ? [] : [`  chartName: ${chart.name}`];
  return [
    `${key}:`,
    ...common,
    ...named,
    `  chartRepository: ${random.chance(0.5) ? `"${chart.repoURL}"` : chart.repoURL}`,
    `  defaultVersion: ${quoted}`,
  ];
}

function registryChart(group: number, firstIndex: number, size: number, random: Random) {
  const team = random.pick(teams);
  const dir = `addons/${team}-addons-${String(group).padStart(3, '0')}`;
  const used = new Set<string>();
  const lines = ['# One entry per add-on; an ApplicationSet per enabled entry.'];
  for (let offset = 0; offset < size; offset++) {
    const index = firstIndex + offset;
    const chart = cycle(charts, index);
    // The key names the chart where the registry lists it once; repeats need their own keys.
    const byKey = !chart.oci && !used.has(chart.name) && random.chance(0.5);
    const key = byKey ? chart.name : `${chart.name}-${padded(index)}`;
    used.add(key);
    lines.push(...entry(key, chart, random));
  }
  lines.push('# Not an add-on: no `enabled` key.', 'global:', '  defaultVersion: 9.9.9');
  const files: GeneratedFile[] = [
    { path: `${dir}/values.yaml`, content: yamlLines(lines) },
    {
      path: `${dir}/Chart.yaml`,
      content: yamlLines(['apiVersion: v2', `name: ${team}-addons`, 'version: 0.1.0']),
    },
    { path: `${dir}/templates/applicationsets.yaml`, content: applicationSetsTemplate },
    { path: `${dir}/templates/_helpers.tpl`, content: helpers },
    {
      path: `bootstrap/${team}-addons-${String(group).padStart(3, '0')}.yaml`,
      content: yamlLines([
        'apiVersion: argoproj.io/v1alpha1',
        'kind: Application',
        'metadata:',
        `  name: ${team}-addons-${String(group).padStart(3, '0')}`,
        '  namespace: argocd',
        'spec:',
        '  project: default',
        '  source:',
        '    repoURL: https://gitlab.com/platform/cluster-config.git',
        '    targetRevision: main',
        `    path: ${dir}`,
        '  destination:',
        '    server: https://kubernetes.default.svc',
        '    namespace: argocd',
      ]),
    },
  ];
  return files;
}

/**
 * Add-on registries in values, ranged over by a chart that renders an ApplicationSet per entry;
 * `perChart` add-ons in each registry.
 */
export function addonRegistryFamily(perChart = addonsPerRegistry): AnnotateFamily {
  return {
    name: 'addon-registry',
    share: 0.2,
    resolves:
      'registry entries in values (`chartName`/`chartRepository`/`defaultVersion`, OCI composed from `chartNamespace`) through a chart template that ranges over `.Values` and renders ApplicationSets',
    generate(count, firstIndex, random): ShapeOutput {
      const output: ShapeOutput = { argoFiles: [], supportFiles: [] };
      let done = 0;
      groups(count, perChart).forEach((size, group) => {
        const [values, ...rest] = registryChart(group, firstIndex + done, size, random);
        if (values) output.argoFiles.push(values);
        output.supportFiles.push(...rest);
        done += size;
      });
      return output;
    },
  };
}

export const addonRegistry = addonRegistryFamily();
