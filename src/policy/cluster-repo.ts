import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseYamlDocuments } from './yaml-documents.ts';

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
 *
 * "Alone on its line" looks at the text beside the action with the other actions of the line
 * taken out, as a regex over that text would take them out: an action that began on an earlier
 * line is text here (its `{{` is not in the line), one running on past the line's end too.
 * Each stretch of text between actions is read once, so a minified template of 5 MB on one
 * line costs one pass, not one per action.
 */
export function detemplate(source: string): Detemplated {
  const actions = [...source.matchAll(templateAction)].map((match) => ({
    start: match.index,
    end: match.index + match[0].length,
    lineStart: 0,
    lineEnd: 0,
  }));
  const blank = (from: number, to: number) => !source.slice(from, to).trim();

  let lastBreak = -1;
  let nextBreak = source.indexOf('\n');
  const passBreaksBefore = (offset: number) => {
    while (nextBreak >= 0 && nextBreak < offset) {
      lastBreak = nextBreak;
      nextBreak = source.indexOf('\n', nextBreak + 1);
    }
  };
  for (const action of actions) {
    passBreaksBefore(action.start);
    action.lineStart = lastBreak + 1;
    passBreaksBefore(action.end);
    action.lineEnd = nextBreak < 0 ? source.length : nextBreak;
  }

  const blankBefore = actions.map(() => false);
  actions.forEach((action, index) => {
    const previous = actions[index - 1];
    if (previous && previous.start >= action.lineStart) {
      blankBefore[index] = (blankBefore[index - 1] ?? false) && blank(previous.end, action.start);
    } else if (previous && previous.end > action.lineStart) {
      const tail = source.slice(action.lineStart, previous.end).replace(templateAction, '');
      blankBefore[index] = !tail.trim() && blank(previous.end, action.start);
    } else {
      blankBefore[index] = blank(action.lineStart, action.start);
    }
  });
  const blankAfter = actions.map(() => false);
  for (let index = actions.length - 1; index >= 0; index--) {
    const action = actions[index] as (typeof actions)[number];
    const next = actions[index + 1];
    if (next && next.start < action.lineEnd) {
      blankAfter[index] =
        next.end <= action.lineEnd &&
        blank(action.end, next.start) &&
        (blankAfter[index + 1] ?? false);
    } else {
      blankAfter[index] = blank(action.end, action.lineEnd);
    }
  }

  const expressions = new Map<string, string>();
  const parts: string[] = [];
  let copied = 0;
  let tokens = 0;
  actions.forEach((action, index) => {
    const text = source.slice(action.start, action.end);
    parts.push(source.slice(copied, action.start));
    copied = action.end;
    if (blankBefore[index] && blankAfter[index]) {
      parts.push(text.replace(/[^\n]/g, ' '));
      return;
    }
    const token = `__tmpl${tokens++}__`;
    expressions.set(token, text.slice(2, -2));
    parts.push(token + text.replace(/[^\n]/g, ''));
  });
  parts.push(source.slice(copied));
  return { text: parts.join(''), expressions };
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

/** Every folder that holds a file, at any depth: `a` and `a/b` for `a/b/c.yaml`. */
function foldersOf(files: readonly string[]): Set<string> {
  const folders = new Set<string>();
  for (const file of files) {
    for (let slash = file.lastIndexOf('/'); slash > 0; slash = file.lastIndexOf('/', slash - 1)) {
      const folder = file.slice(0, slash);
      // Its own parents are in already.
      if (folders.has(folder)) break;
      folders.add(folder);
    }
  }
  return folders;
}

/**
 * Every mapping in a document, depth first. A stack, not nested `yield*`, which hands each
 * mapping up through every level above it.
 */
function* mappings(root: unknown): Generator<Record<string, unknown>> {
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    const children = Array.isArray(node) ? node : isRecord(node) ? Object.values(node) : [];
    if (isRecord(node)) yield node;
    for (let index = children.length - 1; index >= 0; index--) stack.push(children[index]);
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
      // A values file that is not one YAML document (a duplicate key, a syntax error) names
      // nothing: Helm would refuse it too.
      content = readFile(path.join(this.#root, file), 'utf8').then(
        (text) => {
          const [document, ...more] = parseYamlDocuments(text);
          return document && document.errors.length === 0 && more.length === 0
            ? (document.toJS() as unknown)
            : undefined;
        },
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
  const folders = foldersOf(files);

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
      documents = parseYamlDocuments(text).map((document) =>
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
          folders.has(sourcePath)
        ) {
          definition.sourcePaths.push(`${sourcePath}/**`);
        }
      }
      applications.push(definition);
    }
  }
  return { root, files, applications, charts: [...charts].sort() };
}
