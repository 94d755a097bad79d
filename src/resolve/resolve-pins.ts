import { type ChartSource, chartSources } from './application-sources.ts';
import { linkedValueFiles } from './chart-value-files.ts';
import { TemplateRenderer } from './go-template/evaluate.ts';
import {
  lookupPath,
  mergeValues,
  type Origin,
  type Piece,
  piecesOf,
  Scalar,
  Text,
  textOf,
  unknown,
  unknownMark,
  type Value,
} from './located-values.ts';
import { joinPieces, renderedDocuments } from './rendered-yaml.ts';
import type { ChartModel, ModelProblem, PlainFile, RepositoryModel } from './repository-model.ts';
import {
  type ChartDefaults,
  resolveOverrides,
  type TagOnlyOverride,
  tagOnlyImages,
} from './tag-only-overrides.ts';
import { valuesFileImages, valuesFileName } from './values-file-images.ts';

/**
 * A version written at file:line that a template turns into a dependency: "this value is the
 * version of that dependency, because template T reads it". The identity is in Renovate's
 * terms, ready for a `# renovate:` annotation.
 */
export interface ResolvedPin {
  file: string;
  line: number;
  currentValue: string;
  datasource: 'helm' | 'docker';
  depName: string;
  registryUrl?: string;
  because: string;
}

/** A version the layer saw but cannot name: shown, never guessed. */
export interface UnresolvedPin {
  file: string;
  line: number;
  currentValue: string;
  reason: string;
}

export interface Resolution {
  pins: ResolvedPin[];
  unresolved: UnresolvedPin[];
  problems: ModelProblem[];
}

const versionLike = /^v?\d[0-9A-Za-z._+-]*$/;

/** The one value copied verbatim into a field, when the field is exactly that value. */
function soleOrigin(value: Value): { origin: Origin; text: string } | undefined {
  const pieces = piecesOf(value).filter((piece) => piece.text !== '');
  const [only] = pieces;
  if (pieces.length !== 1 || !only?.origin) return undefined;
  return { origin: only.origin, text: only.text };
}

function known(value: Value): string | undefined {
  const text = textOf(value).trim();
  return text && !text.includes(unknownMark) && !text.includes('{{') ? text : undefined;
}

/** Renovate's reading of a chart source (as its argocd manager does): helm for https, docker for OCI. */
function chartIdentity(
  repoURL: string,
  chart: string,
): Pick<ResolvedPin, 'datasource' | 'depName' | 'registryUrl'> {
  if (/^https?:\/\//.test(repoURL))
    return { datasource: 'helm', depName: chart, registryUrl: repoURL.replace(/\/$/, '') };
  const registry = repoURL.replace(/^oci:\/\//, '').replace(/\/$/, '');
  return { datasource: 'docker', depName: `${registry}/${chart}` };
}

class PinCollector {
  readonly pins = new Map<string, ResolvedPin>();
  readonly unresolved = new Map<string, UnresolvedPin>();
  private readonly ambiguous = new Set<string>();

  add(pin: ResolvedPin): void {
    const key = `${pin.file}:${pin.line}:${pin.currentValue}`;
    const seen = this.pins.get(key);
    if (seen && (seen.depName !== pin.depName || seen.datasource !== pin.datasource)) {
      // Two templates read the same value as different dependencies: never guess which.
      this.ambiguous.add(key);
      this.unresolved.set(key, {
        file: pin.file,
        line: pin.line,
        currentValue: pin.currentValue,
        reason: `read as ${seen.depName} (${seen.because}) and as ${pin.depName} (${pin.because})`,
      });
      return;
    }
    if (!seen && !this.ambiguous.has(key)) this.pins.set(key, pin);
  }

  readonly overrides = new Map<string, TagOnlyOverride>();

  override(override: TagOnlyOverride): void {
    const key = `${override.tag.origin.file}:${override.tag.origin.line}:${override.tag.text}`;
    if (!this.overrides.has(key)) this.overrides.set(key, override);
  }

  miss(origin: Origin, currentValue: string, reason: string): void {
    const key = `${origin.file}:${origin.line}:${currentValue}`;
    if (!this.pins.has(key) && !this.unresolved.has(key)) {
      this.unresolved.set(key, { file: origin.file, line: origin.line, currentValue, reason });
    }
  }

  result(): { pins: ResolvedPin[]; unresolved: UnresolvedPin[] } {
    const byPlace = (a: { file: string; line: number }, b: { file: string; line: number }) =>
      a.file.localeCompare(b.file) || a.line - b.line;
    return {
      pins: [...this.pins.entries()]
        .filter(([key]) => !this.ambiguous.has(key))
        .map(([, pin]) => pin)
        .sort(byPlace),
      unresolved: [...this.unresolved.values()].sort(byPlace),
    };
  }
}

/** Tag-only image overrides in the Helm values a chart source gives its chart. */
function collectSourceOverrides(source: ChartSource, where: string, pins: PinCollector): void {
  const chart = known(source.chart);
  if (!chart) return;
  const repoURL = known(source.repoURL);
  const version = known(source.targetRevision);
  const ref =
    repoURL && version && versionLike.test(version)
      ? {
          repoURL: /^https?:\/\//.test(repoURL)
            ? repoURL
            : `oci://${repoURL.replace(/^oci:\/\//, '')}`,
          chart,
          version,
        }
      : {
          reason: `${source.via} does not write the repoURL and version of chart ${chart} in this repository`,
        };
  for (const values of source.helmValues) {
    for (const image of tagOnlyImages(values))
      pins.override({
        ...image,
        chart: ref,
        where: `${where}: ${source.via} gives chart ${chart}`,
      });
  }
}

function collectChartSource(source: ChartSource, where: string, pins: PinCollector): void {
  collectSourceOverrides(source, where, pins);
  const version = soleOrigin(source.targetRevision);
  if (!version || !versionLike.test(version.text)) return;
  const chart = known(source.chart);
  const repoURL = known(source.repoURL);
  if (!chart) return; // a git source: its revision is a path's, not a chart's
  if (!repoURL) {
    pins.miss(
      version.origin,
      version.text,
      `${where} reads it as the version of chart ${chart}, but its repoURL is not written in this repository`,
    );
    return;
  }
  pins.add({
    file: version.origin.file,
    line: version.origin.line,
    currentValue: version.text,
    ...chartIdentity(repoURL, chart),
    because: `${where}: ${source.via} reads it as targetRevision of chart ${chart} from ${repoURL}`,
  });
}

/** `ref:tag` built from pieces, where the tag is one value written elsewhere. */
function collectImageString(value: Value, key: string, where: string, pins: PinCollector): void {
  const pieces = piecesOf(value).filter((piece) => piece.text !== '');
  const last = pieces.at(-1);
  if (!last?.origin || pieces.length < 2) return;
  const prefix = pieces
    .slice(0, -1)
    .map((piece: Piece) => piece.text)
    .join('');
  if (!prefix.endsWith(':') || !versionLike.test(last.text)) return;
  const ref = prefix.slice(0, -1);
  if (ref.includes(unknownMark) || ref.includes('{{') || !/^[a-z0-9][a-z0-9._/:-]*$/.test(ref)) {
    pins.miss(
      last.origin,
      last.text,
      `${where} reads it as the tag of ${key} \`${prefix}\`, whose name is not written in this repository`,
    );
    return;
  }
  pins.add({
    file: last.origin.file,
    line: last.origin.line,
    currentValue: last.text,
    datasource: 'docker',
    depName: ref,
    because: `${where} reads it as the tag of ${key} ${ref}`,
  });
}

function collectImageMap(map: Map<string, Value>, where: string, pins: PinCollector): void {
  const tag = soleOrigin(map.get('tag') ?? undefined);
  const repository = known(map.get('repository'));
  if (!tag || !versionLike.test(tag.text) || !repository) return;
  if (!(map.get('tag') instanceof Text)) return; // a literal: the values file's own image map
  const registry = known(map.get('registry'));
  pins.add({
    file: tag.origin.file,
    line: tag.origin.line,
    currentValue: tag.text,
    datasource: 'docker',
    depName: registry ? `${registry}/${repository}` : repository,
    because: `${where} reads it as the tag of image ${repository}`,
  });
}

/** Images and Crossplane packages whose tag a template reads from a value written elsewhere. */
function collectImages(value: Value, where: string, pins: PinCollector, depth = 0): void {
  if (depth > 64) return;
  if (value instanceof Map) {
    for (const [key, item] of value) {
      if ((key === 'image' || key === 'package') && item instanceof Text)
        collectImageString(item, key, where, pins);
      else if (/image$/i.test(key) && item instanceof Map) collectImageMap(item, where, pins);
      collectImages(item, where, pins, depth + 1);
    }
  } else if (Array.isArray(value)) {
    for (const item of value) collectImages(item, where, pins, depth + 1);
  }
}

function collectDocument(document: Value, where: string, pins: PinCollector): void {
  for (const source of chartSources(document)) collectChartSource(source, where, pins);
  collectImages(document, where, pins);
}

/** Renders every template of a chart with one set of values; collects pins, returns the documents. */
function renderChart(
  chart: ChartModel,
  valueSet: { values: Value; label: string },
  pins: PinCollector,
  problems: ModelProblem[],
): Value[] {
  const renderer = new TemplateRenderer(chart.defines);
  const root = new Map<string, Value>([
    ['Values', valueSet.values ?? new Map()],
    ['Chart', new Map<string, Value>([['Name', new Scalar(chart.name)]])],
    [
      'Release',
      new Map<string, Value>([
        ['Name', unknown],
        ['Namespace', unknown],
      ]),
    ],
    ['Capabilities', unknown],
    ['Files', unknown],
  ]);
  const out: Value[] = [];
  for (const template of chart.templates) {
    const rendered = joinPieces(renderer.render(template.parsed.nodes, root));
    const { documents, problems: unreadable } = renderedDocuments(rendered, undefined);
    if (unreadable.length > 0 && documents.length === 0) {
      problems.push({
        file: template.file,
        line: 1,
        reason: `renders to YAML that does not parse with ${valueSet.label}: ${unreadable[0]?.reason ?? ''}`,
      });
    }
    const where = `${template.file} with ${valueSet.label}`;
    for (const document of documents) collectDocument(document, where, pins);
    out.push(...documents);
  }
  return out;
}

/**
 * Renders each chart with its own values.yaml, then with every values file an Application
 * gives it, including Applications that another chart renders (App-of-Apps): a few rounds, as
 * each rendering may link more.
 */
function renderCharts(model: RepositoryModel, pins: PinCollector, problems: ModelProblem[]): void {
  const plainDocuments = model.plainFiles.flatMap((plain) => plain.documents);
  const rendered: Value[] = [];
  const done = new Set<string>();
  const render = (chart: ChartModel, valueSet: { values: Value; label: string }) => {
    const key = `${chart.dir}\0${valueSet.label}`;
    if (done.has(key)) return false;
    done.add(key);
    rendered.push(...renderChart(chart, valueSet, pins, problems));
    return true;
  };
  for (const chart of model.charts) {
    if (chart.values !== undefined)
      render(chart, { values: chart.values, label: `${chart.dir}/values.yaml` });
  }
  for (let round = 0, more = true; more && round < 4; round++) {
    more = false;
    const documents = [...plainDocuments, ...rendered];
    for (const chart of model.charts) {
      for (const file of linkedValueFiles(chart.dir, documents, model.files)) {
        const plain = model.plainFiles.find((candidate) => candidate.file === file);
        if (!plain) continue;
        const values = mergeValues(chart.values ?? new Map(), plain.documents[0]);
        if (render(chart, { values, label: file })) more = true;
      }
    }
  }
}

/**
 * Image maps of a values file, as helm-values reads them: found by Renovate already unless it
 * dropped the file (then annotating them is what makes them visible again).
 */
function collectValuesImages(plain: PlainFile, pins: PinCollector): void {
  for (const document of plain.documents) {
    for (const image of valuesFileImages(document)) {
      pins.add({
        file: image.tag.origin.file,
        line: image.tag.origin.line,
        currentValue: image.tag.text,
        datasource: 'docker',
        depName: image.depName,
        because: `${plain.file} sets ${image.path.join('.')} to ${image.depName}:${image.tag.text} (helm-values reads this shape)`,
      });
    }
  }
}

/** Tag-only overrides in a wrapper chart's values, under each dependency's name or alias. */
function collectWrapperOverrides(chart: ChartModel, pins: PinCollector): void {
  for (const dependency of chart.dependencies) {
    const key = dependency.alias ?? dependency.name;
    const ref = versionLike.test(dependency.version)
      ? { repoURL: dependency.repository, chart: dependency.name, version: dependency.version }
      : {
          reason: `${chart.dir}/Chart.yaml pins ${dependency.name} to \`${dependency.version}\`, not one version`,
        };
    for (const image of tagOnlyImages(lookupPath(chart.values, [key]))) {
      pins.override({
        tag: image.tag,
        path: image.path,
        chart: ref,
        where: `${chart.dir}/values.yaml gives it to dependency ${key}`,
      });
    }
  }
}

/** Pins whose image repository is a chart's default: named from the chart's own values.yaml. */
async function resolveTagOnly(
  pins: PinCollector,
  defaults: ChartDefaults | undefined,
): Promise<void> {
  const overrides = [...pins.overrides.values()];
  if (!defaults) {
    for (const override of overrides)
      pins.miss(
        override.tag.origin,
        override.tag.text,
        `${override.where}; the image repository is the chart's default, and chart defaults are not fetched in this run`,
      );
    return;
  }
  for (const result of await resolveOverrides(overrides, defaults)) {
    const { override } = result;
    if (!result.depName) {
      pins.miss(
        override.tag.origin,
        override.tag.text,
        `${override.where}; ${result.reason ?? ''}`,
      );
      continue;
    }
    pins.add({
      file: override.tag.origin.file,
      line: override.tag.origin.line,
      currentValue: override.tag.text,
      datasource: 'docker',
      depName: result.depName,
      because: `${override.where} as the tag of ${override.path.join('.')}, whose repository ${result.depName} is the default of chart ${result.source ?? ''}`,
    });
  }
}

export interface ResolveOptions {
  /** Fetches charts' default values for tag-only overrides; without it they stay unresolved. */
  chartDefaults?: ChartDefaults;
}

/** Resolves every version that reaches a dependency through a template, across the repository. */
export async function resolvePins(
  model: RepositoryModel,
  options: ResolveOptions = {},
): Promise<Resolution> {
  const pins = new PinCollector();
  const problems: ModelProblem[] = [...model.problems];
  renderCharts(model, pins, problems);
  for (const chart of model.charts) collectWrapperOverrides(chart, pins);
  for (const plain of model.plainFiles) {
    for (const document of plain.documents) {
      for (const source of chartSources(document)) collectChartSource(source, plain.file, pins);
    }
    if (valuesFileName.test(plain.file)) collectValuesImages(plain, pins);
  }
  await resolveTagOnly(pins, options.chartDefaults);
  return { ...pins.result(), problems };
}
