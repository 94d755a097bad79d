import { annotateGrowth, annotateTimes, grewWithin } from './annotate-growth.ts';
import { annotateFamilies } from './annotate-repo.ts';
import type { AnnotateRun, AnnotateSizeMeasurements } from './annotate-scaling.ts';
import { summarize } from './stats.ts';
import { targets } from './targets.ts';

function ms(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function median(runs: readonly AnnotateRun[], pick: (run: AnnotateRun) => number): number {
  return summarize(runs.map(pick)).median;
}

const phase = (name: string) => (run: AnnotateRun) => run.phaseMs[name] ?? 0;

const columns: { title: string; pick: (run: AnnotateRun) => number }[] = [
  { title: 'read model', pick: phase('read-model') },
  { title: 'resolve', pick: phase('resolve') },
  { title: '(render charts)', pick: phase('render-charts') },
  { title: '(app sources)', pick: phase('application-sources') },
  { title: '(chart defaults)', pick: phase('chart-defaults') },
  { title: 'plan', pick: phase('plan') },
  { title: '(locate deps)', pick: phase('locate-deps') },
  { title: 'dropped files', pick: phase('dropped-files') },
  { title: 'write', pick: phase('write') },
];

function sizeTable(size: AnnotateSizeMeasurements): string {
  const rows = size.repos.map((repo) => {
    const first = repo.runs[0];
    const times = annotateTimes(repo);
    return [
      repo.name,
      repo.files.toLocaleString('en-US'),
      `${first?.pins ?? 0} / ${first?.edits ?? 0} / ${first?.unresolved ?? 0}`,
      ms(times.renovateMs),
      ...columns.map((column) => ms(median(repo.runs, column.pick))),
      `**${ms(times.oursMs)}**`,
      ms(times.oursCpuMs),
      ms(times.totalMs),
      String(median(repo.runs, (run) => run.loadBefore)),
    ];
  });
  return table(
    [
      'repository',
      'files',
      'pins / annotations / unresolved',
      'Renovate run',
      ...columns.map((column) => column.title),
      'ours',
      'ours CPU',
      'total',
      'load',
    ],
    rows,
  );
}

function growthTable(sizes: readonly AnnotateSizeMeasurements[]): string | undefined {
  const limit = targets.annotateGrowth1000To5000;
  const sorted = [...sizes].sort((a, b) => a.units - b.units);
  const rows: string[][] = [];
  for (let index = 1; index < sorted.length; index++) {
    const small = sorted[index - 1] as AnnotateSizeMeasurements;
    const large = sorted[index] as AnnotateSizeMeasurements;
    const label = `${small.units.toLocaleString('en-US')} -> ${large.units.toLocaleString('en-US')} (x${(large.units / small.units).toFixed(0)})`;
    const targeted = small.units === 1000 && large.units === 5000;
    for (const growth of annotateGrowth(small, large)) {
      rows.push([
        label,
        growth.repo,
        growth.oursCpu.toFixed(2),
        growth.ours.toFixed(2),
        growth.renovate.toFixed(2),
        growth.total.toFixed(2),
        targeted ? (grewWithin(growth, limit) ? 'yes' : '**no**') : '',
      ]);
    }
  }
  if (rows.length === 0) return undefined;
  return table(
    [
      'sizes',
      'repository',
      'ours CPU',
      'ours wall',
      'Renovate run',
      'total',
      `1,000 -> 5,000: total and ours CPU <= ${limit}x`,
    ],
    rows,
  );
}

/** The Markdown section: what each family is, a table per N, and the growth between sizes. */
export function formatAnnotate(sizes: readonly AnnotateSizeMeasurements[]): string {
  const families = table(
    ['family', 'share', 'what annotate resolves'],
    annotateFamilies.map((family) => [
      family.name,
      `${Math.round(family.share * 100)}%`,
      family.resolves,
    ]),
  );
  const sections = [
    '`renovate-gitops annotate` (plan against the real Renovate, then write) on synthetic repositories of N units (Argo CD applications, written or rendered by a chart, and Crossplane providers, each with one or more templated versions; `bench/annotate-repo.ts`): mixed by the shares below, each family alone, and `one-chart`, where the three chart families keep all their units in one chart each (the other repositories have 12-25 per chart, as in the wild). Times in ms, median of the runs: the Renovate run annotate starts (a child process in extract mode, start to exit), and ours, wall and CPU: reading the repository, resolving (its stages in parentheses), planning against what Renovate found (locating its dependencies in parentheses), listing the files Renovate drops, writing.',
    families,
    ...[...sizes]
      .sort((a, b) => a.units - b.units)
      .flatMap((size) => [`#### N=${size.units.toLocaleString('en-US')}`, sizeTable(size)]),
  ];
  const growth = growthTable(sizes);
  if (growth) sections.push('#### Growth', growth);
  return sections.join('\n\n');
}
