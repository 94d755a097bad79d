import type { ComparedPresets, DepsChange, PresetComparison } from './compare-presets.ts';
import type { Summary } from './stats.ts';
import { type ConfigSummary, summarizeRepo } from './summary.ts';

function count(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

function times(value: number): string {
  return `${value.toFixed(2)}x`;
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** The last change to the presets, fit for one table cell: short, no `|` to split the row. */
function lastChangeCell(presets: ComparedPresets): string {
  if (!presets.lastChange) return 'uncommitted changes';
  const { commit, subject } = presets.lastChange;
  const short = subject.length > 60 ? `${subject.slice(0, 59).trimEnd()}…` : subject;
  return `\`${commit}\` ${short.replaceAll('|', '\\|')}`;
}

function revisionCell(presets: ComparedPresets): string {
  return presets.revision === presets.commit
    ? `\`${presets.revision}\``
    : `\`${presets.revision}\` (${presets.commit})`;
}

/** The median, then every run in the order they ran (` / `: the numbers have commas). */
function runsCell(summary: Summary, values: readonly number[]): string {
  return `${count(summary.median)} (${values.map(count).join(' / ')})`;
}

function depsCell(summary: ConfigSummary): string {
  const managers = Object.entries(summary.depsByManager)
    .sort(([x], [y]) => x.localeCompare(y))
    .map(([manager, deps]) => `${manager} ${count(deps)}`);
  return `${count(summary.deps)}: ${managers.join(', ')}`;
}

/** Per manager, what a row finds more or less than the row above it. */
function managerDeltas(current: ConfigSummary, previous: ConfigSummary): string {
  const managers = [
    ...new Set([...Object.keys(current.depsByManager), ...Object.keys(previous.depsByManager)]),
  ].sort();
  return managers
    .flatMap((manager) => {
      const delta = (current.depsByManager[manager] ?? 0) - (previous.depsByManager[manager] ?? 0);
      return delta === 0 ? [] : [`${manager} ${delta > 0 ? '+' : '−'}${count(Math.abs(delta))}`];
    })
    .join(', ');
}

/** Bold, so that a change in findings stands out of a column of "same". */
function changeCell(
  change: DepsChange | undefined,
  current: ConfigSummary,
  previous: ConfigSummary | undefined,
): string {
  if (!change || !previous) return '';
  if (change.added === 0 && change.removed === 0) return 'same';
  const deltas = managerDeltas(current, previous) || 'same counts per manager';
  return `**${change.added} new, ${change.removed} gone** (${deltas})`;
}

function changeList(result: PresetComparison): string | undefined {
  const items = result.presets.flatMap((presets, index) => {
    const change = presets.deps.vsPrevious;
    const previous = result.presets[index - 1];
    if (!change || !previous || change.added + change.removed === 0) return [];
    const lines = (title: string, samples: string[], total: number) =>
      total === 0
        ? []
        : [
            `  - ${title} (${total}${total > samples.length ? `, first ${samples.length}` : ''}):`,
            ...samples.map((line) => `    - \`${line}\``),
          ];
    return [
      `- ${revisionCell(presets)} against ${revisionCell(previous)}:`,
      ...lines('new', change.samples.added, change.added),
      ...lines('gone', change.samples.removed, change.removed),
    ];
  });
  return items.length > 0 ? items.join('\n') : undefined;
}

/**
 * The comparison as Markdown: one row per revision and the built-ins (b), each with extract and
 * CPU medians, a/b, the debug log, and what it found, against the row above it.
 */
export function formatComparePresets(result: PresetComparison): string {
  const { machine, options, repo } = result;
  const summaries = summarizeRepo(repo);
  const b = summaries[result.builtIn.config];
  if (!b) throw new Error(`no runs of ${result.builtIn.config}`);
  const valuesOf = (config: string, pick: (run: (typeof repo.runs)[number]) => number) =>
    repo.runs.filter((run) => run.config === config).map(pick);
  const row = (config: string, cells: { at: string; change: string; managers: string }) => {
    const summary = summaries[config] as ConfigSummary;
    return [
      cells.at,
      cells.change,
      cells.managers,
      runsCell(
        summary.extractMs,
        valuesOf(config, (run) => run.extractMs),
      ),
      count(summary.cpuMs.median),
      times(summary.extractMs.median / b.extractMs.median),
      times(summary.cpuMs.median / b.cpuMs.median),
      summary.debugLogMiB === undefined ? '' : summary.debugLogMiB.toFixed(1),
      depsCell(summary),
    ];
  };
  const rows = result.presets.map((presets, index) => {
    const previous = result.presets[index - 1];
    return [
      ...row(presets.config, {
        at: revisionCell(presets),
        change: lastChangeCell(presets),
        managers: `${presets.customManagers} (${(presets.customManagerBytes / 1000).toFixed(1)} KB)`,
      }),
      changeCell(
        presets.deps.vsPrevious,
        summaries[presets.config] as ConfigSummary,
        previous ? summaries[previous.config] : undefined,
      ),
    ];
  });
  rows.push([
    ...row(result.builtIn.config, {
      at: result.builtIn.config,
      change: "(b) Renovate's built-in managers alone",
      managers: 'none',
    }),
    '',
  ]);
  const sections = [
    `Renovate ${result.renovateVersion} on Node ${machine.node}; ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB; ${machine.kernel}.`,
    `N=${count(repo.applicationFiles)} (${count(repo.files)} files, ${(repo.bytes / 2 ** 20).toFixed(1)} MiB), seed ${options.seed}; ${options.runs} run${options.runs === 1 ? '' : 's'} per config, interleaved, the order reversed every round; LOG_LEVEL=${options.logLevel}; ${result.startedAt} to ${result.finishedAt}; load average ${result.loadAtStart} at start, ${result.loadAtEnd} at end.`,
    "Each revision's custom managers (those its default.json extends by relative reference) with this working tree's built-in manager settings; built-in is (b), the denominator of a/b. Deps (vs previous): dependencies (manager, file, name, value, digest, datasource, registry, replace string) the row finds that the revision above it does not, and the reverse.",
    table(
      [
        'presets at',
        'last change to the presets',
        'custom managers',
        'extract ms, median (runs)',
        'CPU ms',
        'extract a/b',
        'CPU a/b',
        'debug log MiB',
        'deps found',
        'deps (vs previous)',
      ],
      rows,
    ),
  ];
  const changes = changeList(result);
  if (changes) sections.push('### Deps that differ from the previous row', changes);
  if (result.warnings.length > 0) {
    sections.push('### Warnings', result.warnings.map((warning) => `- ${warning}`).join('\n'));
  }
  return `${sections.join('\n\n')}\n`;
}
