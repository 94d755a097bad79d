import { builtInConfig, presetConfig } from './configs.ts';
import type { LookupMeasurements, LookupRunMeasurement } from './lookup-run.ts';
import { type Summary, summarize } from './stats.ts';

/** One config's lookup runs, summarized: medians with their range. */
export interface LookupSummary {
  deps: number;
  depsLookedUp: number;
  depsWithUpdates: number;
  skipped: Record<string, number>;
  extractMs: Summary;
  lookupMs: Summary;
  /** extract + lookup: the repository's work, without init (config, clone) and the rest. */
  workMs: Summary;
  /** extract + lookup per dependency found. */
  msPerDep: Summary;
  wallMs: Summary;
  cpuMs: Summary;
  peakRssMiB: Summary;
  worldRequests: number;
  allowedWarnings: Record<string, number>;
  load: number;
}

function depsFound(run: LookupRunMeasurement): number {
  return Object.values(run.depsByManager).reduce((sum, count) => sum + count, 0);
}

/** Runs of one config; counts are a config's first run's (every run must find the same). */
export function summarizeLookup(runs: readonly LookupRunMeasurement[]): LookupSummary {
  const first = runs[0];
  if (!first) throw new Error('summarizeLookup needs at least one run');
  const pick = (value: (run: LookupRunMeasurement) => number) => summarize(runs.map(value));
  return {
    deps: depsFound(first),
    depsLookedUp: first.depsLookedUp,
    depsWithUpdates: first.depsWithUpdates,
    skipped: first.skipped,
    extractMs: pick((run) => run.extractMs),
    lookupMs: pick((run) => run.lookupMs),
    workMs: pick((run) => run.extractMs + run.lookupMs),
    msPerDep: pick((run) => (run.extractMs + run.lookupMs) / Math.max(1, depsFound(run))),
    wallMs: pick((run) => run.wallMs),
    cpuMs: pick((run) => run.cpuMs),
    peakRssMiB: pick((run) => run.peakRssMiB),
    worldRequests: pick((run) => run.worldRequests).median,
    allowedWarnings: first.allowedWarnings,
    load: pick((run) => run.loadBefore).median,
  };
}

function ms(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

function range(summary: Summary, format: (value: number) => string = ms): string {
  return `${format(summary.median)} (${format(summary.min)}–${format(summary.max)})`;
}

function times(a: number, b: number): string {
  return `**${(a / b).toFixed(2)}x**`;
}

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

const header = [
  'config',
  'deps found',
  'looked up',
  'with updates',
  'extract ms',
  'lookup ms, median (min–max)',
  'extract + lookup ms, median (min–max)',
  'ms per dep found',
  'wall ms, median (min–max)',
  'CPU ms',
  'peak RSS MiB',
  'load',
];

function configRow(config: string, summary: LookupSummary): string[] {
  return [
    config,
    String(summary.deps),
    String(summary.depsLookedUp),
    String(summary.depsWithUpdates),
    ms(summary.extractMs.median),
    range(summary.lookupMs),
    range(summary.workMs),
    summary.msPerDep.median.toFixed(2),
    range(summary.wallMs),
    ms(summary.cpuMs.median),
    summary.peakRssMiB.median.toFixed(0),
    String(summary.load),
  ];
}

function ratioRow(a: LookupSummary, b: LookupSummary): string[] {
  return [
    '**a/b**',
    times(a.deps, b.deps),
    times(a.depsLookedUp, b.depsLookedUp),
    times(a.depsWithUpdates, b.depsWithUpdates),
    times(a.extractMs.median, b.extractMs.median),
    times(a.lookupMs.median, b.lookupMs.median),
    times(a.workMs.median, b.workMs.median),
    times(a.msPerDep.median, b.msPerDep.median),
    times(a.wallMs.median, b.wallMs.median),
    times(a.cpuMs.median, b.cpuMs.median),
    times(a.peakRssMiB.median, b.peakRssMiB.median),
    '',
  ];
}

function listCounts(counts: Record<string, number>): string {
  const entries = Object.entries(counts).sort(([x], [y]) => x.localeCompare(y));
  return entries.length === 0
    ? 'none'
    : entries.map(([key, count]) => `${key} ${count}`).join(', ');
}

/** The lookup run as a Markdown section of the bench report. */
export function formatLookup(lookup: LookupMeasurements): string {
  const summaries = new Map(
    lookup.configs.map((config) => [
      config,
      summarizeLookup(lookup.runs.filter((run) => run.config === config)),
    ]),
  );
  const rows = [...summaries].map(([config, summary]) => configRow(config, summary));
  const a = summaries.get(presetConfig.name);
  const b = summaries.get(builtInConfig.name);
  if (a && b) rows.push(ratioRow(a, b));
  const runsPerConfig = lookup.runs.length / Math.max(1, lookup.configs.length);
  const notes = [...summaries].map(
    ([config, summary]) =>
      `- ${config}: not looked up (Renovate's skipReason): ${listCounts(summary.skipped)}; ${summary.worldRequests} requests to the offline world per run; allowed warnings: ${listCounts(summary.allowedWarnings)}`,
  );
  const raw = lookup.configs.map((config) => {
    const runs = lookup.runs.filter((run) => run.config === config);
    const list = (pick: (run: LookupRunMeasurement) => number) =>
      runs.map((run) => Math.round(pick(run))).join(', ');
    return `- ${config}: extract [${list((run) => run.extractMs)}] ms; lookup [${list((run) => run.lookupMs)}] ms; wall [${list((run) => run.wallMs)}] ms; CPU [${list((run) => run.cpuMs)}] ms; peak [${list((run) => run.peakRssMiB)}] MiB; load [${runs.map((run) => run.loadBefore).join(', ')}]`;
  });
  return [
    `### Lookup run: N=${lookup.applicationFiles.toLocaleString('en-US')} (${lookup.files.toLocaleString('en-US')} files, ${(lookup.bytes / 2 ** 20).toFixed(1)} MiB)`,
    `\`dryRun: lookup\`, ${runsPerConfig} run${runsPerConfig === 1 ? '' : 's'} per config (interleaved), each with a fresh cache; the offline world answered every lookup (no unanswered request, no lookup failure, no dependency warning). Extract and lookup are Renovate's own splits; the preset finds, and so looks up, more dependencies: that is its purpose, so compare the time per dependency found as well as the totals.`,
    [row(header), row(header.map(() => '---')), ...rows.map(row)].join('\n'),
    notes.join('\n'),
    '#### Lookup run: raw runs',
    raw.join('\n'),
  ].join('\n\n');
}
