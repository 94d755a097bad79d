import { linkedValueFiles, repositoryPaths } from './chart-value-files.ts';
import { TemplateRenderer } from './go-template/evaluate.ts';
import { mergeValues, Scalar, unknown, type Value } from './located-values.ts';
import type { PinCollector } from './pin-collector.ts';
import { collectDocument } from './pins-in-documents.ts';
import { joinPieces, renderedDocuments } from './rendered-yaml.ts';
import type { ChartModel, ModelProblem, RepositoryModel } from './repository-model.ts';

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
export function renderCharts(
  model: RepositoryModel,
  pins: PinCollector,
  problems: ModelProblem[],
): void {
  const plainDocuments = model.plainFiles.flatMap((plain) => plain.documents);
  const plainFiles = new Map(model.plainFiles.map((plain) => [plain.file, plain]));
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
  const paths = repositoryPaths(
    model.charts.map((chart) => chart.dir),
    model.files,
  );
  for (let round = 0, more = true; more && round < 4; round++) {
    more = false;
    const links = linkedValueFiles(paths, [...plainDocuments, ...rendered]);
    for (const chart of model.charts) {
      for (const file of links.get(chart.dir) ?? []) {
        const plain = plainFiles.get(file);
        if (!plain) continue;
        const values = mergeValues(chart.values ?? new Map(), plain.documents[0]);
        if (render(chart, { values, label: file })) more = true;
      }
    }
  }
}
