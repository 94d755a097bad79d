import { TemplateRenderer } from './go-template/evaluate.ts';
import { parseTemplate } from './go-template/parse.ts';
import {
  lookupPath,
  mergeValues,
  Scalar,
  shiftOrigins,
  Text,
  textOf,
  type Value,
} from './located-values.ts';
import { joinPieces, renderedDocuments } from './rendered-yaml.ts';

/** A chart source of an Application as the template sees it: values with their origins. */
export interface ChartSource {
  repoURL: Value;
  chart: Value;
  targetRevision: Value;
  /** Helm values the source gives the chart (`helm.values` parsed, `helm.valuesObject`). */
  helmValues: Value[];
  /** How the source was reached, for the `because` of a pin. */
  via: string;
}

function asMap(value: Value): Map<string, Value> | undefined {
  return value instanceof Map ? value : undefined;
}

/** An Application spec's sources: `source` and every entry of `sources`. */
export function sourcesOf(spec: Value): Map<string, Value>[] {
  const single = asMap(lookupPath(spec, ['source']));
  const many = lookupPath(spec, ['sources']);
  return [
    ...(single ? [single] : []),
    ...(Array.isArray(many) ? many.map(asMap).filter((s) => s !== undefined) : []),
  ];
}

/**
 * The parameter sets an ApplicationSet's generators produce, as far as they can be known from
 * the repository: list elements, cluster generator `values`, and the products (`matrix`) and
 * overrides (`merge`) of those. What only Argo CD knows (cluster names, labels) stays unknown.
 */
export function generatorParams(generators: Value, depth = 0): Map<string, Value>[] {
  if (!Array.isArray(generators) || depth > 8) return [];
  const sets: Map<string, Value>[] = [];
  for (const generator of generators) {
    const list = lookupPath(generator, ['list', 'elements']);
    if (Array.isArray(list)) sets.push(...list.map(asMap).filter((m) => m !== undefined));
    const clusters = asMap(lookupPath(generator, ['clusters']));
    if (clusters) {
      sets.push(new Map<string, Value>([['values', asMap(clusters.get('values')) ?? new Map()]]));
    }
    const matrix = lookupPath(generator, ['matrix', 'generators']);
    if (Array.isArray(matrix)) {
      const [left = [], right = []] = matrix.map((child) => generatorParams([child], depth + 1));
      for (const a of left)
        for (const b of right.length ? right : [new Map()])
          sets.push(mergeValues(a, b) as Map<string, Value>);
    }
    const merge = lookupPath(generator, ['merge', 'generators']);
    if (Array.isArray(merge)) {
      // Which cluster each override applies to is Argo CD's to know: every override is one
      // more variant of the base, so a version written in any of them is read.
      const [base = [], ...overrides] = merge.map((child) => generatorParams([child], depth + 1));
      for (const b of base) {
        sets.push(b);
        for (const override of overrides.flat())
          sets.push(mergeValues(b, override) as Map<string, Value>);
      }
    }
  }
  return sets;
}

const fastTemplatePlaceholder = /\{\{\s*([A-Za-z0-9_][A-Za-z0-9_.-]*)\s*\}\}/g;

/** Renders one ApplicationSet template string with one parameter set. */
export function substituteParams(
  value: Value,
  params: Map<string, Value>,
  goTemplate: boolean,
): Value {
  const text = textOf(value);
  if (!text.includes('{{')) return value;
  // fasttemplate (`{{values.x}}`) reads a path of the parameters, like Go's `{{ .values.x }}`.
  const source = goTemplate ? text : text.replace(fastTemplatePlaceholder, '{{ .$1 }}');
  try {
    const parsed = parseTemplate(source);
    return new Text(new TemplateRenderer(parsed.defines).render(parsed.nodes, params));
  } catch {
    return new Text([{ text: '\u0000' }]);
  }
}

/** Every string of a template part rendered with one parameter set. */
function substituteDeep(
  value: Value,
  params: Map<string, Value>,
  goTemplate: boolean,
  depth = 0,
): Value {
  if (value instanceof Scalar || value instanceof Text)
    return substituteParams(value, params, goTemplate);
  if (depth > 32) return value;
  if (value instanceof Map) {
    return new Map(
      [...value].map(([key, item]) => [key, substituteDeep(item, params, goTemplate, depth + 1)]),
    );
  }
  if (Array.isArray(value))
    return value.map((item) => substituteDeep(item, params, goTemplate, depth + 1));
  return value;
}

/**
 * The `helm.values` string read as YAML: values copied in by a template keep their origin; a
 * literal block scalar in a plain file is located by its lines under the `values: |` key.
 */
function parsedHelmValues(values: Value): Value[] {
  if (values instanceof Text)
    return renderedDocuments(joinPieces(values.pieces), undefined).documents;
  if (!(values instanceof Scalar) || typeof values.value !== 'string') return [];
  const origin = values.origin;
  const { documents } = renderedDocuments(
    { text: values.value, pieces: [{ text: values.value }] },
    origin?.file,
  );
  return origin ? documents.map((document) => shiftOrigins(document, origin.line)) : [];
}

/** Chart sources of an Application or ApplicationSet document, one per generator parameter set. */
export function chartSources(document: Value): ChartSource[] {
  const kind = textOf(lookupPath(document, ['kind']));
  const apiVersion = textOf(lookupPath(document, ['apiVersion']));
  if (!apiVersion.startsWith('argoproj.io/')) return [];
  const name = textOf(lookupPath(document, ['metadata', 'name']));
  const toSource = (source: Map<string, Value>, via: string): ChartSource => ({
    repoURL: source.get('repoURL'),
    chart: source.get('chart'),
    targetRevision: source.get('targetRevision'),
    helmValues: [
      ...parsedHelmValues(lookupPath(source, ['helm', 'values'])),
      ...[lookupPath(source, ['helm', 'valuesObject'])].filter((value) => value instanceof Map),
    ],
    via,
  });
  if (kind === 'Application') {
    return sourcesOf(lookupPath(document, ['spec'])).map((source) =>
      toSource(source, `Application ${name}`),
    );
  }
  if (kind !== 'ApplicationSet') return [];
  const goTemplate = textOf(lookupPath(document, ['spec', 'goTemplate'])) === 'true';
  const templateSources = sourcesOf(lookupPath(document, ['spec', 'template', 'spec']));
  const out: ChartSource[] = [];
  for (const params of generatorParams(lookupPath(document, ['spec', 'generators']))) {
    for (const source of templateSources) {
      const rendered = substituteDeep(source, params, goTemplate);
      if (rendered instanceof Map) out.push(toSource(rendered, `ApplicationSet ${name}`));
    }
  }
  return out;
}
