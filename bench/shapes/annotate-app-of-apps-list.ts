import { type Chart, charts, teams } from '../catalog.ts';
import type { Random } from '../random.ts';
import { type AnnotateFamily, groups, padded } from './annotate-family.ts';
import { yamlLines } from './naming.ts';
import type { GeneratedFile, ShapeOutput } from './shape.ts';

/** Applications per parent chart, as `bench/shapes/app-of-apps-template.ts` has it. */
export const appsPerList = 25;

/**
 * The fixture's App-of-Apps template: the repository URL defaults to one set elsewhere in
 * values; an entry's image, where it names one, goes to the chart as an image map.
 */
const applicationsTemplate = `{{- $repo := .Values.helmRepository }}
{{- range .Values.apps }}
---
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: {{ .name }}
  namespace: argocd
spec:
  project: {{ $.Values.project | default "default" }}
  source:
    repoURL: {{ default $repo .repoURL }}
    chart: {{ index . "chart" }}
    targetRevision: {{ .version }}
    {{- if .imageTag }}
    helm:
      valuesObject:
        image:
          repository: {{ .imageRepository }}
          tag: {{ .imageTag | quote }}
    {{- end }}
  destination:
    server: https://kubernetes.default.svc
    namespace: {{ .name }}
{{- end }}
`;

const helmCharts = charts.filter((chart) => !chart.oci);

/**
 * A list entry: charts of the list's default repository leave `repoURL` out (only the
 * template joins the two: annotate's), others name theirs (the preset reads those). Some name
 * the image the template hands the chart, under keys no values manager reads.
 */
function entry(name: string, chart: Chart, inDefault: boolean, random: Random): string[] {
  const version = random.pick(chart.versions);
  const { registry, repository } = chart.image;
  const image = random.chance(0.4)
    ? [
        `    imageRepository: ${registry ? `${registry}/${repository}` : repository}`,
        `    imageTag: ${random.pick(chart.image.tags)}`,
      ]
    : [];
  return [
    `  - name: ${name}`,
    `    chart: ${chart.name}`,
    ...(inDefault ? [] : [`    repoURL: ${chart.repoURL}`]),
    `    version: ${random.chance(0.3) ? `"${version}"` : version}`,
    ...image,
  ];
}

function parentChart(group: number, firstIndex: number, size: number, random: Random) {
  const team = random.pick(teams);
  const name = `${team}-platform-${String(group).padStart(3, '0')}`;
  const home = random.pick(helmCharts);
  const inHome = helmCharts.filter((chart) => chart.repoURL === home.repoURL);
  const lines = [`project: ${team}`, `helmRepository: ${home.repoURL}`, 'apps:'];
  for (let offset = 0; offset < size; offset++) {
    const index = firstIndex + offset;
    const inDefault = random.chance(0.5);
    const chart = inDefault ? random.pick(inHome) : random.pick(helmCharts);
    lines.push(...entry(`${chart.name}-${padded(index)}`, chart, inDefault, random));
  }
  const files: GeneratedFile[] = [
    { path: `platform/${name}/values.yaml`, content: yamlLines(lines) },
    {
      path: `platform/${name}/Chart.yaml`,
      content: yamlLines(['apiVersion: v2', `name: ${team}-platform`, 'version: 1.0.0']),
    },
    { path: `platform/${name}/templates/applications.yaml`, content: applicationsTemplate },
  ];
  return files;
}

/** App-of-Apps parent charts ranging over a list of `perChart` applications in their values. */
export function appOfAppsListFamily(perChart = appsPerList): AnnotateFamily {
  return {
    name: 'app-of-apps-list',
    share: 0.2,
    resolves:
      'App-of-Apps lists in values (`apps: [{name, chart, version}]`) through a template that ranges over them, the `repoURL` defaulting to one written elsewhere in the values, and the image map it hands each chart (`image: {repository, tag}` from `imageRepository`/`imageTag`)',
    generate(count, firstIndex, random): ShapeOutput {
      const output: ShapeOutput = { argoFiles: [], supportFiles: [] };
      let done = 0;
      groups(count, perChart).forEach((size, group) => {
        const [values, ...rest] = parentChart(group, firstIndex + done, size, random);
        if (values) output.argoFiles.push(values);
        output.supportFiles.push(...rest);
        done += size;
      });
      return output;
    },
  };
}

export const appOfAppsList = appOfAppsListFamily();
