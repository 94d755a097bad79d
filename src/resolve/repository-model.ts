import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { trackedFiles } from '../policy/cluster-repo.ts';
import { TemplateSyntaxError } from './go-template/lex.ts';
import { type ParsedTemplate, parseTemplate } from './go-template/parse.ts';
import type { Value, YamlProblem } from './located-values.ts';
import { fileDocuments } from './rendered-yaml.ts';

/** A Helm chart of the repository: its folder, templates as Go-template text, values files. */
export interface ChartModel {
  dir: string;
  name: string;
  /** Templates that render Kubernetes objects, parsed. */
  templates: { file: string; parsed: ParsedTemplate }[];
  /** Named templates of every file of the chart (`_helpers.tpl` included). */
  defines: Map<string, ParsedTemplate['nodes']>;
  /** The chart's own `values.yaml`, as Helm reads it by default. */
  values: Value;
  /** `Chart.yaml` dependencies: their values sit under `alias ?? name` in this chart's values. */
  dependencies: ChartDependency[];
}

export interface ChartDependency {
  name: string;
  alias?: string;
  version: string;
  repository: string;
}

function chartDependencies(chartYaml: string): ChartDependency[] {
  let parsed: unknown;
  try {
    parsed = parse(chartYaml);
  } catch {
    return [];
  }
  const list = (parsed as { dependencies?: unknown } | null)?.dependencies;
  if (!Array.isArray(list)) return [];
  return list.flatMap((entry: Record<string, unknown>) => {
    const { name, alias, version, repository } = entry ?? {};
    if (typeof name !== 'string' || typeof repository !== 'string') return [];
    return [
      {
        name,
        ...(typeof alias === 'string' ? { alias } : {}),
        version: String(version ?? ''),
        repository,
      },
    ];
  });
}

/** A YAML file outside chart templates, read as located values. */
export interface PlainFile {
  file: string;
  text: string;
  documents: Value[];
}

/** Why a file was left out: shown to the user with file:line. */
export interface ModelProblem extends YamlProblem {}

export interface RepositoryModel {
  root: string;
  files: string[];
  charts: ChartModel[];
  plainFiles: PlainFile[];
  problems: ModelProblem[];
}

const yamlFile = /\.ya?ml$/;
const templateFile = /(^|\/)templates\/.+\.(ya?ml|tpl)$/;

/** The chart folder a template belongs to, or undefined when it is not under `<chart>/templates/`. */
function chartDirOf(file: string, chartDirs: Set<string>): string | undefined {
  const at = file.lastIndexOf('templates/');
  if (at < 0) return undefined;
  const dir = file.slice(0, at).replace(/\/$/, '');
  return chartDirs.has(dir) ? dir : undefined;
}

/** Reads a cluster repository once: charts with their templates and values, and plain YAML. */
export async function readRepository(root: string): Promise<RepositoryModel> {
  const files = await trackedFiles(root);
  const tracked = new Set(files);
  const problems: ModelProblem[] = [];
  const read = (file: string) => readFile(path.join(root, file), 'utf8').catch(() => undefined);
  const chartDirs = new Set(
    files
      .filter((file) => path.posix.basename(file) === 'Chart.yaml')
      .map((file) => path.posix.dirname(file).replace(/^\.$/, '')),
  );
  const charts = new Map<string, ChartModel>();
  for (const dir of [...chartDirs].sort()) {
    const chartText = (await read(path.posix.join(dir, 'Chart.yaml'))) ?? '';
    const name = /^name:\s*["']?([^"'\s#]+)/m.exec(chartText)?.[1] ?? path.posix.basename(dir);
    const valuesFile = path.posix.join(dir, 'values.yaml');
    const valuesText = tracked.has(valuesFile) ? await read(valuesFile) : undefined;
    const values = valuesText === undefined ? undefined : fileDocuments(valuesText, valuesFile);
    for (const problem of values?.problems ?? []) problems.push({ file: valuesFile, ...problem });
    charts.set(dir, {
      dir,
      name,
      templates: [],
      defines: new Map(),
      values: values?.documents[0],
      dependencies: chartDependencies(chartText),
    });
  }
  const plainFiles: PlainFile[] = [];
  for (const file of files) {
    const chartDir = templateFile.test(file) ? chartDirOf(file, chartDirs) : undefined;
    if (chartDir !== undefined) {
      const chart = charts.get(chartDir);
      const text = await read(file);
      if (!chart || text === undefined) continue;
      try {
        const parsed = parseTemplate(text);
        for (const [name, body] of parsed.defines) chart.defines.set(name, body);
        if (yamlFile.test(file)) chart.templates.push({ file, parsed });
      } catch (err) {
        if (!(err instanceof TemplateSyntaxError)) throw err;
        const line = text.slice(0, err.offset).split('\n').length;
        problems.push({ file, line, reason: `not a readable Helm template: ${err.message}` });
      }
      continue;
    }
    if (!yamlFile.test(file)) continue;
    const text = await read(file);
    if (text === undefined) continue;
    const { documents, problems: unreadable } = fileDocuments(text, file);
    for (const problem of unreadable) problems.push({ file, ...problem });
    plainFiles.push({ file, text, documents });
  }
  return { root, files, charts: [...charts.values()], plainFiles, problems };
}
