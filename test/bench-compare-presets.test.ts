import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultSeed } from '../bench/cluster-repo.ts';
import {
  type ComparedPresets,
  comparePresets,
  type DepsChange,
  type PresetComparison,
} from '../bench/compare-presets.ts';
import { formatComparePresets } from '../bench/format-compare.ts';
import type { RunMeasurement } from '../bench/measure-run.ts';
import { runCli, stackTraceLine } from './harness/cli.ts';
import { markdownTable } from './harness/markdown-table.ts';
import { projectRoot } from './harness/paths.ts';

const benchEntry = path.join(projectRoot, 'bench/run.ts');
const header = '| presets at |';

/** A cell's leading number, commas and all: `1,234 (1,234)` is 1234. */
function leadingNumber(cell: string | undefined): number {
  return Number(/^[\d,.]+/.exec(cell ?? '')?.[0].replaceAll(',', ''));
}

describe('--compare-presets on a tiny repository, for real', () => {
  // Three Renovate runs (HEAD, the working tree, the built-ins) on three Argo CD files, without
  // the warm-up run: what the comparison costs to check, not what it measures.
  let result: PresetComparison;
  let rows: string[][];
  beforeAll(async () => {
    result = await comparePresets({
      revisions: ['HEAD', '.'],
      size: 3,
      runs: 1,
      seed: defaultSeed,
      logLevel: 'debug',
      warmUp: false,
    });
    rows = markdownTable(formatComparePresets(result), header);
  });

  it('has a row per revision, in the order given, and the built-ins last', () => {
    expect(rows.map((row) => row[0])).toEqual([
      expect.stringMatching(/^`HEAD` \([0-9a-f]{7,}\)$/),
      expect.stringMatching(/^`\.` \([0-9a-f]{7,}\+?\)$/),
      'built-in',
    ]);
    // The last commit that changed the presets: what HEAD's row measures.
    expect(rows[0]?.[1]).toMatch(/^`[0-9a-f]{7,}` \S/);
  });

  it('reports sane numbers: extract, CPU, a/b and deps above zero, a/b of the built-ins 1', () => {
    for (const [, , , extract, cpu, extractRatio, cpuRatio, , deps] of rows) {
      expect(extract).toMatch(/^[\d,]+ \([\d,]+\)$/);
      expect(leadingNumber(extract)).toBeGreaterThan(0);
      expect(leadingNumber(cpu)).toBeGreaterThan(0);
      expect(extractRatio).toMatch(/^\d+\.\d\dx$/);
      expect(leadingNumber(extractRatio)).toBeGreaterThan(0);
      expect(leadingNumber(cpuRatio)).toBeGreaterThan(0);
      expect(leadingNumber(deps)).toBeGreaterThan(0);
    }
    expect(rows.at(-1)?.slice(5, 7)).toEqual(['1.00x', '1.00x']);
  });

  it('finds with the presets what the built-ins find, and the custom managers on top', () => {
    const [head, , builtIn] = rows;
    expect(builtIn?.[8]).not.toMatch(/regex|jsonata/);
    expect(head?.[8]).toMatch(/regex \d/);
    expect(leadingNumber(head?.[8])).toBeGreaterThan(leadingNumber(builtIn?.[8]));
  });

  it('finds the same deps with HEAD and the working tree while the presets are unchanged', () => {
    const [head, workingTree] = result.presets;
    // `+`: someone is changing the presets right now; then a difference is no failure.
    if (workingTree?.commit.endsWith('+')) return;
    expect(workingTree?.deps.digest).toBe(head?.deps.digest);
    expect(workingTree?.deps.vsPrevious).toMatchObject({ added: 0, removed: 0 });
    expect(rows[1]?.[9]).toBe('same');
  });

  it('names every revision and the built-ins in the runs of the JSON', () => {
    expect(result.repo.runs.map((run) => run.config).sort()).toEqual([
      'built-in',
      'presets at .',
      'presets at HEAD',
    ]);
  });
});

describe('--compare-presets with a revision git does not know', () => {
  it('fails naming it, before any run, without a stack trace', async () => {
    const result = await runCli(['--compare-presets', 'HEAD,no-such-revision-4711'], {
      entry: benchEntry,
    });
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(
      /^--compare-presets no-such-revision-4711: no such revision in .+\n$/,
    );
    expect(result.stdout).toBe('');
    expect(result.stderr).not.toMatch(stackTraceLine);
  });
});

function run(config: string, extractMs: number, depsByManager: Record<string, number>) {
  return {
    config,
    loadBefore: 1,
    wallMs: 10_000,
    cpuMs: extractMs * 2,
    extractMs,
    managerMs: {},
    peakRssMiB: 500,
    debugLogMiB: 1,
    depsByManager,
  } satisfies RunMeasurement;
}

describe('formatComparePresets', () => {
  const revision = (
    name: string,
    commit: string,
    lastChange: ComparedPresets['lastChange'],
    vsPrevious?: DepsChange,
  ): ComparedPresets => ({
    revision: name,
    commit,
    ...(lastChange ? { lastChange } : {}),
    files: ['presets/detection.json'],
    config: `presets at ${name}`,
    customManagers: 10,
    customManagerBytes: 24_300,
    deps: { digest: commit, ...(vsPrevious ? { vsPrevious } : {}) },
  });
  const unchanged: DepsChange = { added: 0, removed: 0, samples: { added: [], removed: [] } };
  const changed: DepsChange = {
    added: 2,
    removed: 1,
    samples: {
      added: ['["regex","a.yaml","x"]', '["regex","b.yaml","y"]'],
      removed: ['["jsonata","c.yaml","z"]'],
    },
  };
  const runs = (last: Record<string, number>) => [
    run('presets at aaa1111', 3_000, { argocd: 10, regex: 5, jsonata: 2 }),
    run('presets at HEAD', 2_000, { argocd: 10, regex: 5, jsonata: 2 }),
    run('presets at .', 2_100, last),
    run('built-in', 1_000, { argocd: 10 }),
  ];
  const comparison = (lastRun: Record<string, number>): PresetComparison => ({
    options: { revisions: ['aaa1111', 'HEAD', '.'], size: 10, runs: 1, seed: 1, logLevel: 'debug' },
    machine: {
      cpu: 'cpu',
      cores: 2,
      memoryGiB: 8,
      kernel: 'Linux',
      node: 'v24',
      timeAvailable: true,
    },
    renovateVersion: '44.0.0',
    startedAt: 'start',
    finishedAt: 'end',
    loadAtStart: 1,
    loadAtEnd: 1,
    presets: [
      revision('aaa1111', 'aaa1111', { commit: '9990000', subject: 'split | merged' }),
      revision('HEAD', 'bbb2222', { commit: 'bbb2222', subject: 'same findings' }, unchanged),
      revision('.', 'bbb2222+', undefined, changed),
    ],
    builtIn: { config: 'built-in', deps: { digest: 'b' } },
    repo: {
      name: 'N=10',
      description: '10 Argo CD files',
      applicationFiles: 10,
      shapeCounts: {},
      files: 14,
      bytes: 9_000,
      configs: ['presets at aaa1111', 'presets at HEAD', 'presets at .', 'built-in'],
      runs: runs(lastRun),
    },
    warnings: [],
  });
  const report = formatComparePresets(comparison({ argocd: 10, regex: 7, jsonata: 1 }));

  // biome-ignore format: a table reads best as one
  it('shows a/b against the built-ins and each row’s deps against the row above', () => {
    expect(markdownTable(report, header)).toEqual([
      ['`aaa1111`', '`9990000` split | merged', '10 (24.3 KB)', '3,000 (3,000)', '6,000', '3.00x', '3.00x', '1.0', '17: argocd 10, jsonata 2, regex 5', ''],
      ['`HEAD` (bbb2222)', '`bbb2222` same findings', '10 (24.3 KB)', '2,000 (2,000)', '4,000', '2.00x', '2.00x', '1.0', '17: argocd 10, jsonata 2, regex 5', 'same'],
      ['`.` (bbb2222+)', 'uncommitted changes', '10 (24.3 KB)', '2,100 (2,100)', '4,200', '2.10x', '2.10x', '1.0', '18: argocd 10, jsonata 1, regex 7', '**2 new, 1 gone** (jsonata −1, regex +2)'],
      ['built-in', "(b) Renovate's built-in managers alone", 'none', '1,000 (1,000)', '2,000', '1.00x', '1.00x', '1.0', '10: argocd 10', ''],
    ]);
  });

  it('says when the counts are the same but the deps are not (a changed replace string)', () => {
    const rows = markdownTable(
      formatComparePresets(comparison({ argocd: 10, regex: 5, jsonata: 2 })),
      header,
    );
    expect(rows[2]?.[9]).toBe('**2 new, 1 gone** (same counts per manager)');
  });

  it('lists the deps that differ below the table', () => {
    expect(report).toContain(
      [
        '### Deps that differ from the previous row',
        '',
        '- `.` (bbb2222+) against `HEAD` (bbb2222):',
        '  - new (2):',
        '    - `["regex","a.yaml","x"]`',
        '    - `["regex","b.yaml","y"]`',
        '  - gone (1):',
        '    - `["jsonata","c.yaml","z"]`',
      ].join('\n'),
    );
  });
});
