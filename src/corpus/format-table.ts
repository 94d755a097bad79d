import {
  type ConfigName,
  configNames,
  detectionConfigs,
  referenceConfig,
} from './detection-configs.ts';
import type { CorpusLabel } from './labels.ts';
import type { CorpusResult, LocatedDep, RepoResult } from './run-corpus.ts';
import type { ExtraDep, ScoreCounts } from './score.ts';

const columns = ['labels', 'found', 'missed', 'false', 'duplicate', 'noise', 'skipped'] as const;

function percent(part: number, whole: number): string {
  return whole === 0 ? '-' : `${((100 * part) / whole).toFixed(1)} %`;
}

function cells(counts: ScoreCounts): string[] {
  return columns.map((column) =>
    column === 'found'
      ? `${counts.found} (${percent(counts.found, counts.labels)})`
      : String(counts[column]),
  );
}

/** Left-aligned first column, right-aligned numbers, two spaces between columns. */
function alignRows(rows: string[][]): string[] {
  const widths = (rows[0] ?? []).map((_, index) =>
    Math.max(...rows.map((row) => (row[index] ?? '').length)),
  );
  return rows.map((row) =>
    row
      .map((cell, index) =>
        index === 0 ? cell.padEnd(widths[index] ?? 0) : cell.padStart(widths[index] ?? 0),
      )
      .join('  ')
      .trimEnd(),
  );
}

/** One table: a row per repository and the total, for one configuration. */
export function formatCountsTable(result: CorpusResult, config: ConfigName): string {
  const rows = [
    ['folder', ...columns],
    ...result.repos.map((entry) => [entry.repo.name, ...cells(entry.runs[config].score.counts)]),
    ['total', ...cells(result.totals[config])],
  ];
  return alignRows(rows).join('\n');
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

function signed(value: number): string {
  return value > 0 ? `+${value}` : String(value);
}

/** A difference in found pins as percentage points of the labels: `(+43.0 points)`. */
function points(part: number, whole: number): string {
  if (whole === 0) return '';
  const value = ((100 * part) / whole).toFixed(1);
  return ` (${part > 0 ? '+' : ''}${value} points)`;
}

/** What the reference configuration (the preset) finds and reports beyond `other`. */
export function formatLead(result: CorpusResult, other: ConfigName): string {
  const ours = result.totals[referenceConfig];
  const theirs = result.totals[other];
  const found = ours.found - theirs.found;
  return `${referenceConfig} against ${other}: found ${signed(found)}${points(found, ours.labels)}, false ${signed(ours.false - theirs.false)}, duplicate ${signed(ours.duplicate - theirs.duplicate)}, noise ${signed(ours.noise - theirs.noise)}`;
}

/** One table per configuration, then the preset's lead over each of the others. */
export function formatTables(result: CorpusResult, corpusDir: string): string {
  const labels = result.totals[referenceConfig].labels;
  const sections = configNames.map(
    (config, index) =>
      `(${String.fromCharCode(97 + index)}) ${config}: ${detectionConfigs[config].title}\n${formatCountsTable(result, config)}`,
  );
  const leads = configNames
    .filter((config) => config !== referenceConfig)
    .map((config) => formatLead(result, config));
  return [
    `Corpus ${corpusDir}: ${plural(result.repos.length, 'repository', 'repositories')}, ${plural(labels, 'labelled pin', 'labelled pins')}; Renovate ${result.renovateVersion}, extract mode`,
    ...sections,
    leads.join('\n'),
  ].join('\n\n');
}

function labelText(repo: string, label: CorpusLabel): string {
  const shape = label.shape ? ` (over ${label.shape})` : '';
  return `${repo}/${label.file}:${label.line}  ${label.depName} ${label.currentValue || '""'}  [${label.datasource}]${shape}`;
}

function depText(repo: string, dep: LocatedDep): string {
  const where = `${repo}/${dep.packageFile}:${dep.line ?? '?'}`;
  const name =
    dep.packageName && dep.packageName !== dep.depName
      ? `${dep.depName} (${dep.packageName})`
      : (dep.depName ?? dep.packageName ?? '(no name)');
  return `${where}  ${dep.manager}: ${name} ${dep.currentValue || '""'}`;
}

function extraText(repo: string, extra: ExtraDep<LocatedDep>): string {
  const of = extra.duplicateOf ? ` of ${extra.duplicateOf.file}:${extra.duplicateOf.line}` : '';
  return `${depText(repo, extra.dep)}  ${extra.class}${of}`;
}

/** The other configurations that found `label` (for "regression" marks). */
function foundBy(entry: RepoResult, config: ConfigName, label: CorpusLabel): ConfigName[] {
  return configNames.filter(
    (other) => other !== config && entry.runs[other].score.found.some((pin) => pin.label === label),
  );
}

/**
 * The missed labels of one configuration grouped by kind (largest group first), then its false
 * and duplicate detections, each with file:line.
 */
export function formatMisses(result: CorpusResult, config: ConfigName): string {
  const byKind = new Map<string, string[]>();
  for (const entry of result.repos) {
    for (const label of entry.runs[config].score.missed) {
      const others = foundBy(entry, config, label);
      const mark = others.length > 0 ? `  (found by ${others.join(', ')})` : '';
      const lines = byKind.get(label.kind) ?? [];
      lines.push(`  ${labelText(entry.repo.name, label)}${mark}`);
      byKind.set(label.kind, lines);
    }
  }
  const missed = [...byKind.entries()]
    .sort(([a, left], [b, right]) => right.length - left.length || a.localeCompare(b))
    .map(([kind, lines]) => `${kind} (${lines.length})\n${lines.join('\n')}`);
  const extras = result.repos.flatMap((entry) =>
    entry.runs[config].score.extras
      .filter((extra) => extra.class === 'false' || extra.class === 'duplicate')
      .map((extra) => `  ${extraText(entry.repo.name, extra)}`),
  );
  // The rules let a skipped dependency find a pin; Renovate will not update it, so say so.
  const skippedFinds = result.repos.flatMap((entry) =>
    entry.runs[config].score.found
      .filter((pin) => pin.dep.skipReason)
      .map((pin) => `  ${labelText(entry.repo.name, pin.label)}  skipped: ${pin.dep.skipReason}`),
  );
  return [
    `Missed by ${detectionConfigs[config].title}, by kind (${result.totals[config].missed}):`,
    ...missed,
    `False and duplicate detections (${extras.length}):\n${extras.length > 0 ? extras.join('\n') : '  none'}`,
    ...(skippedFinds.length > 0
      ? [
          `Found, but by a dependency Renovate skips (${skippedFinds.length}):\n${skippedFinds.join('\n')}`,
        ]
      : []),
  ].join('\n\n');
}

function jsonDep(dep: LocatedDep) {
  return {
    manager: dep.manager,
    file: dep.packageFile,
    line: dep.line ?? null,
    depName: dep.depName ?? null,
    packageName: dep.packageName ?? null,
    currentValue: dep.currentValue ?? null,
    ...(dep.currentDigest ? { currentDigest: dep.currentDigest } : {}),
    datasource: dep.datasource ?? null,
    ...(dep.skipReason ? { skipReason: dep.skipReason } : {}),
  };
}

/** The whole result as plain data, for `--json`. */
export function toJson(result: CorpusResult, corpusDir: string) {
  return {
    corpus: corpusDir,
    renovateVersion: result.renovateVersion,
    configs: Object.fromEntries(
      configNames.map((config) => {
        const { title, repoConfig, prepare } = detectionConfigs[config];
        return [config, { title, repoConfig, ...(prepare ? { prepare: true } : {}) }];
      }),
    ),
    totals: result.totals,
    repos: result.repos.map((entry) => ({
      name: entry.repo.name,
      ...Object.fromEntries(
        configNames.map((config) => {
          const { score, durationMs } = entry.runs[config];
          return [
            config,
            {
              counts: score.counts,
              durationMs,
              found: score.found.map((pin) => ({ label: pin.label, dep: jsonDep(pin.dep) })),
              missed: score.missed,
              extras: score.extras.map((extra) => ({
                class: extra.class,
                dep: jsonDep(extra.dep),
                ...(extra.duplicateOf ? { duplicateOf: extra.duplicateOf } : {}),
              })),
            },
          ];
        }),
      ),
    })),
    warnings: result.warnings,
  };
}
