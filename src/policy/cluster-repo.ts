import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse, parseAllDocuments } from 'yaml';

const execFileAsync = promisify(execFile);

/** What a policy entry can match an Application by, besides the file that defines it. */
export interface ApplicationDefinition {
  name: string;
  kind: 'Application' | 'ApplicationSet';
  /** The file that defines it, relative to the repository root. */
  file: string;
  /** Chart names of its sources, literal or read from the App-of-Apps values file. */
  charts: string[];
  /** Folders of this repository its sources deploy (`spec.source.path`), as `dir/**` globs. */
  sourcePaths: string[];
  /** App-of-Apps: the values file that holds its chart version, and the chart pinned there. */
  valuesPins: { file: string; chart: string }[];
}

/** What `renovate-gitops policy` needs to know about a cluster repository. */
export interface ClusterRepo {
  root: string;
  /** Every file git tracks or would track, relative to the root. */
  files: string[];
  applications: ApplicationDefinition[];
  /** Every chart name pinned anywhere: sources, values blocks, Chart.yaml, helmCharts. */
  charts: string[];
}

interface Detemplated {
  text: string;
  /** Placeholder token -> the template expression it stands for. */
  expressions: Map<string, string>;
}

const templateAction = /\{\{[\s\S]*?\}\}/g;

/**
 * Makes a Helm template parseable as YAML, the way Renovate's argocd manager does it, but
 * keeping what inline placeholders said: an action that is alone on its line (`{{- if }}`,
 * `{{- end }}`) is blanked, one inside a value becomes a token (`chart: __tmpl0__`) that
 * remembers its expression, so `{{ .Values.certManager.chart }}` can be looked up later.
 * Line breaks are kept, so YAML line numbers stay those of the file.
 */
export function detemplate(source: string): Detemplated {
  const expressions = new Map<string, string>();
  const others = (text: string) => text.replace(templateAction, '');
  let index = 0;
  const text = source.replace(templateAction, (action: string, offset: number) => {
    const lineStart = source.lastIndexOf('\n', offset - 1) + 1;
    const nextBreak = source.indexOf('\n', offset + action.length);
    const lineEnd = nextBreak < 0 ? source.length : nextBreak;
    const before = others(source.slice(lineStart, offset));
    const after = others(source.slice(offset + action.length, lineEnd));
    const breaks = action.replace(/[^\n]/g, '');
    if (!before.trim() && !after.trim()) {
      return action.replace(/[^\n]/g, ' ');
    }
    const token = `__tmpl${index++}__`;
    expressions.set(token, action.slice(2, -2));
    return token + breaks;
  });
  return { text, expressions };
}

/** `.Values.a.b` of an expression such as `- .Values.a.b | quote -`, as `['a', 'b']`. */
function valuesReference(expression: string): string[] | undefined {
  const match = /^-?\s*\.Values\.([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*)\s*(?:\|[^|]*)*-?$/.exec(
    expression.trim(),
  );
  return match?.[1]?.split('.');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function valueAt(root: unknown, keys: readonly string[]): unknown {
  return keys.reduce<unknown>((node, key) => (isRecord(node) ? node[key] : undefined), root);
}

export async function trackedFiles(root: string): Promise<string[]> {
  const { stdout } = await execFileAsync(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    { cwd: root, maxBuffer: 64 * 1024 * 1024 },
  );
  return [...new Set(stdout.split('\0').filter(Boolean))].sort();
}

/** Every mapping in a document, depth first. */
function* mappings(node: unknown): Generator<Record<string, unknown>> {
  if (Array.isArray(node)) {
    for (const item of node) yield* mappings(item);
  } else if (isRecord(node)) {
    yield node;
    for (const value of Object.values(node)) yield* mappings(value);
  }
}

class ValuesFiles {
  readonly #root: string;
  readonly #files: Set<string>;
  readonly #cache = new Map<string, Promise<unknown>>();

  constructor(root: string, files: readonly string[]) {
    this.#root = root;
    this.#files = new Set(files);
  }

  /** The values file of the chart a template belongs to: `values.yaml` beside the nearest Chart.yaml. */
  of(file: string): string | undefined {
    for (let dir = path.posix.dirname(file); ; dir = path.posix.dirname(dir)) {
      const prefix = dir === '.' ? '' : `${dir}/`;
      if (this.#files.has(`${prefix}Chart.yaml`)) {
        return [`${prefix}values.yaml`, `${prefix}values.yml`].find((name) =>
          this.#files.has(name),
        );
      }
      if (dir === '.') return undefined;
    }
  }

  read(file: string): Promise<unknown> {
    let content = this.#cache.get(file);
    if (!content) {
      content = readFile(path.join(this.#root, file), 'utf8').then(
        (text) => parse(text) as unknown,
        () => undefined,
      );
      this.#cache.set(file, content);
    }
    return content;
  }
}

function sourcesOf(resource: Record<string, unknown>, kind: string): Record<string, unknown>[] {
  const spec =
    kind === 'ApplicationSet' ? valueAt(resource, ['spec', 'template', 'spec']) : resource.spec;
  if (!isRecord(spec)) return [];
  const sources = Array.isArray(spec.sources) ? spec.sources : [spec.source];
  return sources.filter(isRecord);
}

/**
 * Reads every YAML file of a cluster repository for what a policy can name: Argo CD
 * Applications and ApplicationSets (by `metadata.name`) and charts. Helm templating is
 * tolerated; files that are not YAML after all are skipped.
 */
export async function scanClusterRepo(root: string): Promise<ClusterRepo> {
  const files = await trackedFiles(root);
  const values = new ValuesFiles(root, files);
  const applications: ApplicationDefinition[] = [];
  const charts = new Set<string>();
  const isFolderInRepo = (folder: string) => files.some((file) => file.startsWith(`${folder}/`));

  for (const file of files.filter((name) => /\.ya?ml$/.test(name))) {
    const source = await readFile(path.join(root, file), 'utf8').catch(() => '');
    const { text, expressions } = detemplate(source);
    const literal = (value: unknown): string | undefined =>
      typeof value === 'string' && !/__tmpl\d+__/.test(value) && value ? value : undefined;
    const fromValues = async (
      value: unknown,
    ): Promise<{ file: string; value: unknown } | undefined> => {
      const expression = typeof value === 'string' ? expressions.get(value) : undefined;
      const keys = expression === undefined ? undefined : valuesReference(expression);
      const valuesFile = keys ? values.of(file) : undefined;
      if (!keys || !valuesFile) return undefined;
      return { file: valuesFile, value: valueAt(await values.read(valuesFile), keys) };
    };

    let documents: unknown[];
    try {
      documents = parseAllDocuments(text).map((document) =>
        document.errors.length > 0 ? undefined : (document.toJS() as unknown),
      );
    } catch {
      continue;
    }
    for (const document of documents) {
      for (const mapping of mappings(document)) {
        const chart = literal(mapping.chart);
        if (chart) charts.add(chart);
      }
      if (path.posix.basename(file) === 'Chart.yaml' && isRecord(document)) {
        for (const dependency of Array.isArray(document.dependencies)
          ? document.dependencies
          : []) {
          const name = isRecord(dependency) ? literal(dependency.name) : undefined;
          if (name) charts.add(name);
        }
      }
      if (/(^|\/)kustomization\.ya?ml$/.test(file) && isRecord(document)) {
        for (const helmChart of Array.isArray(document.helmCharts) ? document.helmCharts : []) {
          const name = isRecord(helmChart) ? literal(helmChart.name) : undefined;
          if (name) charts.add(name);
        }
      }
      if (!isRecord(document) || !String(document.apiVersion ?? '').startsWith('argoproj.io/')) {
        continue;
      }
      const kind = document.kind;
      const name = literal(valueAt(document, ['metadata', 'name']));
      if ((kind !== 'Application' && kind !== 'ApplicationSet') || !name) continue;

      const definition: ApplicationDefinition = {
        name,
        kind,
        file,
        charts: [],
        sourcePaths: [],
        valuesPins: [],
      };
      for (const appSource of sourcesOf(document, kind)) {
        const chartFromValues = await fromValues(appSource.chart);
        const chartName = literal(appSource.chart) ?? literal(chartFromValues?.value);
        if (chartName) {
          charts.add(chartName);
          definition.charts.push(chartName);
        }
        const revisionFromValues = await fromValues(appSource.targetRevision);
        if (chartName && revisionFromValues && literal(revisionFromValues.value)) {
          definition.valuesPins.push({ file: revisionFromValues.file, chart: chartName });
        }
        const sourcePath = literal(appSource.path)?.replace(/^\.\//, '').replace(/\/+$/, '');
        if (
          !appSource.chart &&
          sourcePath &&
          sourcePath !== '.' &&
          !sourcePath.split('/').includes('..') &&
          isFolderInRepo(sourcePath)
        ) {
          definition.sourcePaths.push(`${sourcePath}/**`);
        }
      }
      applications.push(definition);
    }
  }
  return { root, files, applications, charts: [...charts].sort() };
}
