import { type Chart, charts, teams } from '../catalog.ts';
import type { Random } from '../random.ts';
import { cycle, imageObject, yamlLines } from './naming.ts';
import type { GeneratedFile, Shape, ShapeOutput } from './shape.ts';

/** Templates per parent chart: App-of-Apps charts in the wild hold tens of Applications. */
export const templatesPerParentChart = 25;

interface Child {
  key: string;
  chart: Chart;
}

/**
 * A templated Application in a parent chart's `templates/`: `chart`, `repoURL` and
 * `targetRevision` come from the parent's values, so the file is Helm, not YAML.
 */
function template(child: Child, team: string): string[] {
  const values = `.Values.${child.key}`;
  return [
    `{{- if ${values}.enabled }}`,
    'apiVersion: argoproj.io/v1alpha1',
    'kind: Application',
    'metadata:',
    `  name: ${child.key}`,
    '  namespace: argocd',
    '  annotations:',
    '    argocd.argoproj.io/sync-wave: "1"',
    'spec:',
    `  project: {{ .Values.project | default "${team}" }}`,
    '  source:',
    `    repoURL: {{ ${values}.repoURL }}`,
    `    chart: {{ ${values}.chart }}`,
    `    targetRevision: {{ ${values}.targetRevision }}`,
    '    helm:',
    '      valuesObject:',
    `        {{- toYaml ${values}.values | nindent 8 }}`,
    '  destination:',
    '    server: {{ .Values.spec.destination.server }}',
    `    namespace: ${child.key}`,
    '  syncPolicy:',
    '    automated:',
    '      prune: true',
    '{{- end }}',
  ];
}

/** The parent's `values.yaml`: one block per child, keys in the order people write them. */
function parentValues(children: readonly Child[], team: string, random: Random): string[] {
  const blocks = children.flatMap((child) => {
    const keys = [
      `  chart: ${child.chart.name}`,
      `  repoURL: ${child.chart.repoURL}`,
      `  targetRevision: ${random.pick(child.chart.versions)}`,
    ];
    const ordered = random.chance(0.7) ? keys : [keys[1], keys[0], keys[2]];
    return [
      `${child.key}:`,
      '  enabled: true',
      ...(ordered as string[]),
      '  values:',
      ...imageObject('image', child.chart.image, 4, random),
    ];
  });
  return [
    `project: ${team}`,
    'spec:',
    '  destination:',
    '    server: https://kubernetes.default.svc',
    ...blocks,
  ];
}

function parentChart(parent: number, firstIndex: number, count: number, random: Random) {
  const team = random.pick(teams);
  const directory = `charts/${team}-apps-${String(parent).padStart(3, '0')}`;
  const children = Array.from({ length: count }, (_, offset) => {
    const index = firstIndex + offset;
    const chart = cycle(
      charts.filter((entry) => !entry.oci),
      index,
    );
    return { key: `${chart.name.replace(/-/g, '')}${String(index).padStart(4, '0')}`, chart };
  });
  const argoFiles: GeneratedFile[] = children.map((child) => ({
    path: `${directory}/templates/${child.key}.yaml`,
    content: yamlLines(template(child, team)),
  }));
  const supportFiles: GeneratedFile[] = [
    {
      path: `${directory}/Chart.yaml`,
      content: yamlLines([
        'apiVersion: v2',
        `name: ${team}-apps`,
        'description: App of Apps',
        'type: application',
        'version: 0.1.0',
      ]),
    },
    { path: `${directory}/values.yaml`, content: yamlLines(parentValues(children, team, random)) },
  ];
  return { argoFiles, supportFiles };
}

/** Templated Applications in App-of-Apps parent charts, with the values that feed them. */
export const appOfAppsTemplate: Shape = {
  name: 'app-of-apps-template',
  share: 0.25,
  generate(count, firstIndex, random): ShapeOutput {
    const output: ShapeOutput = { argoFiles: [], supportFiles: [] };
    for (let done = 0, parent = 0; done < count; parent++) {
      const batch = Math.min(templatesPerParentChart, count - done);
      const chart = parentChart(parent, firstIndex + done, batch, random);
      output.argoFiles.push(...chart.argoFiles);
      output.supportFiles.push(...chart.supportFiles);
      done += batch;
    }
    return output;
  },
};
