import { allCustomManagers, noCustomManagers } from './attribution.ts';
import { builtInConfig, presetConfig, presetWithoutCustomManagersConfig } from './configs.ts';
import { patchedName, patchedSuffix } from './floor.ts';
import { formatAnnotate } from './format-annotate.ts';
import { formatLookup } from './format-lookup.ts';
import { formatOurSteps } from './format-our-steps.ts';
import type { BenchResult, RepoMeasurements } from './run-benchmark.ts';
import type { Summary } from './stats.ts';
import { type ConfigSummary, customManagerKeys, depsVary, summarizeRepo } from './summary.ts';
import { evaluateTargets } from './targets.ts';

function ms(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

function range(summary: Summary, format: (value: number) => string = ms): string {
  return `${format(summary.median)} (${format(summary.min)}–${format(summary.max)})`;
}

function mib(value: number): string {
  return value.toFixed(0);
}

function times(value: number): string {
  return `${value.toFixed(2)}x`;
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function signed(value: number): string {
  return `${value >= 0 ? '+' : '−'}${ms(Math.abs(value))}`;
}

function depsCell(summary: ConfigSummary): string {
  return summary.customDeps > 0
    ? `${summary.deps} (${summary.customDeps} custom)`
    : String(summary.deps);
}

function configRows(repo: RepoMeasurements, label: string): string[][] {
  const summaries = summarizeRepo(repo);
  const rows = repo.configs.map((config) => {
    const summary = summaries[config] as ConfigSummary;
    return [
      label,
      config,
      depsCell(summary),
      range(summary.extractMs),
      range(summary.wallMs),
      ms(summary.cpuMs.median),
      range(summary.peakRssMiB, mib),
      summary.debugLogMiB === undefined ? '' : summary.debugLogMiB.toFixed(1),
      String(summary.load),
    ];
  });
  const a = summaries[presetConfig.name];
  const b = summaries[builtInConfig.name];
  if (a && b) {
    rows.push([
      label,
      '**a/b**',
      '',
      `**${times(a.extractMs.median / b.extractMs.median)}**`,
      `**${times(a.wallMs.median / b.wallMs.median)}**`,
      `**${times(a.cpuMs.median / b.cpuMs.median)}**`,
      `**${times(a.peakRssMiB.median / b.peakRssMiB.median)}**`,
      '',
      '',
    ]);
  }
  const a0 = summaries[presetWithoutCustomManagersConfig.name];
  if (a && a0) {
    rows.push([
      label,
      '**a − a0**',
      '',
      `**${signed(a.extractMs.median - a0.extractMs.median)}**`,
      `**${signed(a.wallMs.median - a0.wallMs.median)}**`,
      `**${signed(a.cpuMs.median - a0.cpuMs.median)}**`,
      `**${signed(a.peakRssMiB.median - a0.peakRssMiB.median)}**`,
      '',
      '',
    ]);
  }
  return rows;
}

const measuredHeader = [
  'repository',
  'config',
  'deps found',
  'extract ms, median (min–max)',
  'wall ms, median (min–max)',
  'CPU ms',
  'peak RSS MiB',
  'debug log MiB',
  'load',
];

function sizeTable(result: BenchResult): string {
  const rows = result.sizes.flatMap((repo) =>
    configRows(
      repo,
      `N=${repo.applicationFiles.toLocaleString('en-US')} (${repo.files.toLocaleString('en-US')} files, ${(repo.bytes / 2 ** 20).toFixed(1)} MiB)`,
    ),
  );
  return table(measuredHeader, rows);
}

/** Renovate's own per-manager durations: one column per manager that ran anywhere. */
function managerTable(repos: readonly RepoMeasurements[]): string {
  const summaries = repos.map((repo) => ({ repo, configs: summarizeRepo(repo) }));
  const managers = [
    ...new Set(
      summaries.flatMap(({ configs }) =>
        Object.values(configs).flatMap((summary) => Object.keys(summary.managerMs)),
      ),
    ),
  ].sort(
    (x, y) =>
      Number(customManagerKeys.includes(x)) - Number(customManagerKeys.includes(y)) ||
      x.localeCompare(y),
  );
  const rows = summaries.flatMap(({ repo, configs }) =>
    repo.configs.map((config) => {
      const summary = configs[config] as ConfigSummary;
      return [
        repo.name,
        config,
        ...managers.map((manager) =>
          manager in summary.managerMs ? ms(summary.managerMs[manager] ?? 0) : '',
        ),
      ];
    }),
  );
  return table(['repository', 'config', ...managers], rows);
}

function growthTable(result: BenchResult): string | undefined {
  const sorted = [...result.sizes].sort((x, y) => x.applicationFiles - y.applicationFiles);
  if (sorted.length < 2) return undefined;
  const rows: string[][] = [];
  for (let index = 1; index < sorted.length; index++) {
    const small = sorted[index - 1] as RepoMeasurements & { applicationFiles: number };
    const large = sorted[index] as RepoMeasurements & { applicationFiles: number };
    const smallSummary = summarizeRepo(small);
    const largeSummary = summarizeRepo(large);
    for (const config of small.configs) {
      const s = smallSummary[config];
      const l = largeSummary[config];
      if (!s || !l) continue;
      rows.push([
        `${small.applicationFiles.toLocaleString('en-US')} -> ${large.applicationFiles.toLocaleString('en-US')} (x${(large.applicationFiles / small.applicationFiles).toFixed(0)})`,
        config,
        (l.extractMs.median / s.extractMs.median).toFixed(2),
        (l.wallMs.median / s.wallMs.median).toFixed(2),
        (l.cpuMs.median / s.cpuMs.median).toFixed(2),
        (l.peakRssMiB.median / s.peakRssMiB.median).toFixed(2),
      ]);
    }
  }
  return table(['sizes', 'config', 'extract', 'wall', 'CPU', 'peak RSS'], rows);
}

function rawRuns(repos: readonly RepoMeasurements[]): string {
  return repos
    .flatMap((repo) =>
      repo.configs.map((config) => {
        const runs = repo.runs.filter((run) => run.config === config);
        const list = (pick: (run: (typeof runs)[number]) => number) =>
          runs.map((run) => Math.round(pick(run))).join(', ');
        return `- ${repo.name} ${config}: extract [${list((run) => run.extractMs)}] ms; wall [${list((run) => run.wallMs)}] ms; CPU [${list((run) => run.cpuMs)}] ms; peak [${list((run) => run.peakRssMiB)}] MiB; load [${runs.map((run) => run.loadBefore).join(', ')}]`;
      }),
    )
    .join('\n');
}

/** Per repository: each variant, and what it saves against all custom managers. */
function attributionTable(repos: readonly RepoMeasurements[]): string {
  const rows = repos.flatMap((repo) => {
    const summaries = summarizeRepo(repo);
    const all = summaries[allCustomManagers];
    const none = summaries[noCustomManagers];
    if (!all || !none) return [];
    return repo.configs.map((config) => {
      const summary = summaries[config] as ConfigSummary;
      const cost =
        config === allCustomManagers
          ? [
              `${signed(all.extractMs.median - none.extractMs.median)} (all)`,
              `${signed(all.cpuMs.median - none.cpuMs.median)} (all)`,
            ]
          : config === noCustomManagers
            ? ['', '']
            : [
                signed(all.extractMs.median - summary.extractMs.median),
                signed(all.cpuMs.median - summary.cpuMs.median),
              ];
      return [
        repo.name,
        config,
        depsCell(summary),
        ms(summary.extractMs.median),
        ms(summary.cpuMs.median),
        ...cost,
      ];
    });
  });
  return table(
    [
      'repository',
      'config',
      'deps found',
      'extract ms',
      'CPU ms',
      'cost: extract ms',
      'cost: CPU ms',
    ],
    rows,
  );
}

function formatAttribution(result: BenchResult, header: string[]): string {
  const repos = [...result.sizes, ...result.adversarial];
  return `${[
    ...header,
    '### Cost of each custom manager',
    'A manager\'s cost is the run with all custom managers minus the run without it; "all" is all of them against none (the preset\'s built-in settings alone).',
    attributionTable(repos),
    "### Renovate's per-manager extract durations (median ms)",
    managerTable(repos),
    '### Raw runs',
    rawRuns(repos),
  ].join('\n\n')}\n`;
}

/** The whole report as Markdown, ready to paste into BENCHMARKS.md. */
/** What every generated section starts with: machine, presets, runs. */
function reportHeader(result: BenchResult): string[] {
  const { machine, options } = result;
  return [
    `Renovate ${result.renovateVersion} on Node ${machine.node}; ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB; ${machine.kernel}.`,
    `Presets ${result.presets.digest} at commit ${result.presets.commit}${result.presets.commit.endsWith('+') ? ' (`+`: uncommitted changes to presets or src)' : ''}.`,
    `${options.runs} run${options.runs === 1 ? '' : 's'} per config (interleaved), seed ${options.seed}, LOG_LEVEL=${options.logLevel}; ${result.startedAt} to ${result.finishedAt}; load average ${result.loadAtStart} at start, ${result.loadAtEnd} at end.`,
  ];
}

export function formatReport(result: BenchResult): string {
  const { options } = result;
  const sections: string[] = reportHeader(result);
  if (options.attribute) {
    return formatAttribution(result, sections);
  }
  if (result.sizes.length > 0) {
    sections.push(
      '### Synthetic cluster repositories',
      sizeTable(result),
      "### Renovate's per-manager extract durations (median ms)",
      managerTable(result.sizes),
    );
    const growth = growthTable(result);
    if (growth) sections.push('### Growth', growth);
  }
  if (result.adversarial.length > 0) {
    sections.push(
      '### Adversarial files',
      table(
        measuredHeader,
        result.adversarial.flatMap((repo) => configRows(repo, `${repo.name}: ${repo.description}`)),
      ),
      "### Adversarial files: Renovate's per-manager extract durations (median ms)",
      managerTable(result.adversarial),
    );
  }
  if (result.lookup) sections.push(formatLookup(result.lookup));
  if (result.ourSteps)
    sections.push('### Our steps after Renovate', formatOurSteps(result.ourSteps));
  if (result.annotate?.length)
    sections.push('### The whole-repository layer: annotate', formatAnnotate(result.annotate));
  sections.push(
    '### Targets',
    table(
      ['target', 'measured', 'met'],
      evaluateTargets(result).map((verdict) => [
        verdict.target,
        verdict.measured,
        verdict.met === undefined ? 'n/a' : verdict.met ? 'yes' : '**no**',
      ]),
    ),
  );
  const unstable = [...result.sizes, ...result.adversarial].flatMap((repo) =>
    repo.configs
      .filter((config) => depsVary(repo, config))
      .map((config) => `${repo.name} ${config}`),
  );
  const warnings = [
    ...result.warnings,
    ...unstable.map((name) => `${name}: runs found different dependencies`),
  ];
  if (warnings.length > 0) {
    sections.push('### Warnings', warnings.map((warning) => `- ${warning}`).join('\n'));
  }
  sections.push('### Raw runs', rawRuns([...result.sizes, ...result.adversarial]));
  return `${sections.join('\n\n')}\n`;
}

/** One config's two rows: the installed Renovate's runs and the patched one's. */
function floorRows(repo: RepoMeasurements, summaries: Record<string, ConfigSummary>): string[][] {
  return ['installed', 'patched'].flatMap((renovate) =>
    repo.configs
      .filter((config) => (renovate === 'patched') === config.endsWith(patchedSuffix))
      .map((config) => {
        const summary = summaries[config] as ConfigSummary;
        return [
          repo.name,
          config.replace(patchedSuffix, ''),
          renovate,
          depsCell(summary),
          range(summary.extractMs),
          range(summary.cpuMs),
          range(summary.peakRssMiB, mib),
          String(summary.load),
        ];
      }),
  );
}

/**
 * Per repository: a/b with each Renovate (patched: the floor) where (b) ran, a − a0 where (a0)
 * ran, and what the patches change for each config.
 */
function floorComparisonRows(
  repo: RepoMeasurements,
  summaries: Record<string, ConfigSummary>,
): string[][] {
  const bold = (cells: string[]) => cells.map((cell) => (cell ? `**${cell}**` : ''));
  const pair = (x: string, y: string, config: string, renovate: string, op: 'ratio' | 'diff') => {
    const sx = summaries[x];
    const sy = summaries[y];
    if (!sx || !sy) return [];
    const show = (pick: (summary: ConfigSummary) => number) =>
      op === 'ratio' ? times(pick(sx) / pick(sy)) : signed(pick(sx) - pick(sy));
    return [
      [
        repo.name,
        ...bold([
          config,
          renovate,
          '',
          show((s) => s.extractMs.median),
          show((s) => s.cpuMs.median),
          show((s) => s.peakRssMiB.median),
        ]),
        '',
      ],
    ];
  };
  const a = presetConfig.name;
  const b = builtInConfig.name;
  const a0 = presetWithoutCustomManagersConfig.name;
  const base = repo.configs.filter((config) => !config.endsWith(patchedSuffix));
  return [
    ...pair(a, b, 'a/b', 'installed', 'ratio'),
    ...pair(patchedName(a), patchedName(b), 'a/b: the floor', 'patched', 'ratio'),
    ...pair(a, a0, 'a − a0', 'installed', 'diff'),
    ...pair(patchedName(a), patchedName(a0), 'a − a0: the floor', 'patched', 'diff'),
    ...base.flatMap((config) =>
      pair(patchedName(config), config, config, 'patched/installed', 'ratio'),
    ),
  ];
}

function floorTable(repos: readonly RepoMeasurements[]): string {
  const rows = repos.flatMap((repo) => {
    const summaries = summarizeRepo(repo);
    return [...floorRows(repo, summaries), ...floorComparisonRows(repo, summaries)];
  });
  return table(
    [
      'repository',
      'config',
      'Renovate',
      'deps found',
      'extract ms, median (min–max)',
      'CPU ms, median (min–max)',
      'peak RSS MiB',
      'load',
    ],
    rows,
  );
}

/**
 * The floor as Markdown (BENCHMARKS.md, between its floor markers), or undefined when the bench
 * did not measure it.
 */
export function formatFloorReport(result: BenchResult): string | undefined {
  const { floor } = result;
  if (!floor || floor.repos.length === 0) return undefined;
  return `${[
    ...reportHeader(result),
    `The patched Renovate is a temporary copy of the installed one with ${floor.patches.length} patches (\`bench/renovate-patches.ts\`):`,
    floor.patches
      .map((patch) => `- *${patch.name}*, ${patch.upstream}: ${patch.description}.`)
      .join('\n'),
    'Every run of a config found the same dependencies with either Renovate (checked per manager, file, name, value, digest, datasource, registry and replace string).',
    floorTable(floor.repos),
    "### The floor: Renovate's per-manager extract durations (median ms)",
    managerTable(floor.repos),
    '### The floor: raw runs',
    rawRuns(floor.repos),
  ].join('\n\n')}\n`;
}
