import type { ChartDefaults } from '../helm/chart-defaults.ts';
import { chartSources } from './application-sources.ts';
import { renderCharts } from './chart-rendering.ts';
import { lookupPath, versionLike } from './located-values.ts';
import { type PhaseTimer, untimed } from './phase-timer.ts';
import { PinCollector, type Resolution } from './pin-collector.ts';
import { collectChartSource } from './pins-in-documents.ts';
import type { ChartModel, ModelProblem, RepositoryModel } from './repository-model.ts';
import { resolveOverrides, tagOnlyImages } from './tag-only-overrides.ts';

export type { Resolution, ResolvedPin, UnresolvedPin } from './pin-collector.ts';

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
  timer?: PhaseTimer;
}

/** Resolves every version that reaches a dependency through a template, across the repository. */
export async function resolvePins(
  model: RepositoryModel,
  options: ResolveOptions = {},
): Promise<Resolution> {
  const time = options.timer ?? untimed;
  const pins = new PinCollector();
  const problems: ModelProblem[] = [...model.problems];
  await time('render-charts', () => renderCharts(model, pins, problems));
  await time('wrapper-charts', () => {
    for (const chart of model.charts) collectWrapperOverrides(chart, pins);
  });
  await time('application-sources', () => {
    for (const plain of model.plainFiles) {
      for (const document of plain.documents) {
        for (const source of chartSources(document)) collectChartSource(source, plain.file, pins);
      }
    }
  });
  await time('chart-defaults', () => resolveTagOnly(pins, options.chartDefaults));
  return { ...pins.result(), problems };
}
