import { describe, expect, it } from 'vitest';
import type { BranchDecision } from '../src/renovate/log-records.ts';
import { displayWidth } from '../src/scan/display-width.ts';
import { formatTable, summarize } from '../src/scan/format-table.ts';
import { linesOfPins } from '../src/scan/locate-pin.ts';
import { daysLeft, durationDays } from '../src/scan/release-age.ts';
import { decide, type ScanRow } from '../src/scan/scan-rows.ts';

const kustomization = [
  'resources:',
  '  - https://github.com/argoproj/argo-cd//manifests/cluster-install?ref=v2.13.3',
  '  - https://raw.githubusercontent.com/argoproj/argo-cd/v2.13.3/notifications_catalog/install.yaml',
].join('\n');

describe('linesOfPins', () => {
  it('gives two pins with one version their own lines, the regex one by its matched text', () => {
    const lines = linesOfPins(kustomization, [
      {
        currentValue: 'v2.13.3',
        depName: 'argoproj/argo-cd',
        replaceString: 'https://raw.githubusercontent.com/argoproj/argo-cd/v2.13.3/',
      },
      { currentValue: 'v2.13.3', depName: 'argoproj/argo-cd' },
    ]);
    expect(lines).toEqual([3, 2]);
  });

  it.each`
    pin                                          | line
    ${{ currentValue: 'v9.9.9' }}                | ${undefined}
    ${{ currentValue: null }}                    | ${undefined}
    ${{ currentValue: 'v2.13.3', depName: 'x' }} | ${2}
  `('$pin -> $line', ({ pin, line }) => {
    expect(linesOfPins(kustomization, [pin])).toEqual([line]);
  });
});

describe('release age', () => {
  it.each`
    duration      | days
    ${'3 days'}   | ${3}
    ${'1 week'}   | ${7}
    ${'12 hours'} | ${0.5}
    ${'P3D'}      | ${undefined}
    ${null}       | ${undefined}
  `('$duration = $days days', ({ duration, days }) => {
    expect(durationDays(duration)).toBe(days);
  });

  it('counts whole days left, never below zero', () => {
    const now = new Date('2026-11-23T12:00:00Z');
    expect(daysLeft('2026-11-22T12:00:00Z', '3 days', now)).toBe(2);
    expect(daysLeft('2026-11-01T00:00:00Z', '3 days', now)).toBe(0);
    expect(daysLeft(undefined, '3 days', now)).toBeUndefined();
  });
});

function branch(fields: Partial<BranchDecision>): BranchDecision {
  return { branchName: 'renovate/x', upgrades: [], ...fields };
}

describe('decide', () => {
  const now = new Date('2026-11-23T12:00:00Z');
  it.each`
    fields                                                     | pending  | released                  | decision
    ${{ automerge: true }}                                     | ${false} | ${undefined}              | ${'automerge'}
    ${{ automerge: false, dependencyDashboardApproval: true }} | ${false} | ${undefined}              | ${'needs approval'}
    ${{ automerge: false }}                                    | ${false} | ${undefined}              | ${'review'}
    ${{ automerge: true, minimumReleaseAge: '3 days' }}        | ${true}  | ${'2026-11-22T12:00:00Z'} | ${'waiting 2 days'}
    ${{ automerge: true, minimumReleaseAge: '3 days' }}        | ${true}  | ${'2026-11-20T18:00:00Z'} | ${'waiting 1 day'}
  `('$fields pending=$pending -> $decision', ({ fields, pending, released, decision }) => {
    expect(decide(branch(fields), pending, released, now)).toBe(decision);
  });

  it('says so when no branch holds the update', () => {
    expect(decide(undefined, false, undefined, now)).toBe('no branch');
  });
});

describe('formatTable and summarize', () => {
  it('pads columns to the widest cell', () => {
    expect(formatTable(['a', 'bb'], [['ccc', 'd']])).toBe('a    bb\n---  --\nccc  d');
  });

  it.each`
    text                                  | width
    ${'apps/u.yaml:13'}                   | ${14}
    ${'apps/ü.yaml:13'}                   | ${14}
    ${'apps/u\u0308.yaml:13'}             | ${14}
    ${'apps/café crème/a.yaml:3'}         | ${24}
    ${'apps/日本/values.yaml:5'}          | ${23}
    ${'platform/한국/kustomization.yaml'} | ${32}
  `(
    'measures $text as $width terminal columns',
    ({ text, width }: { text: string; width: number }) => {
      expect(displayWidth(text)).toBe(width);
    },
  );

  it('keeps columns in line beside paths with non-ASCII names, wide ones included', () => {
    const table = formatTable(
      ['file:line', 'dependency'],
      [
        ['apps/ü.yaml:13', 'ingress-nginx'],
        ['apps/日本/values.yaml:5', 'ghcr.io/stefanprodan/podinfo'],
        ['apps/u\u0308.yaml:2', 'cert-manager'],
      ],
    );
    expect(table.split('\n')).toEqual([
      'file:line                dependency',
      '-----------------------  ----------------------------',
      'apps/ü.yaml:13           ingress-nginx',
      'apps/日本/values.yaml:5  ghcr.io/stefanprodan/podinfo',
      'apps/u\u0308.yaml:2            cert-manager',
    ]);
  });

  it('counts pins apart from skipped dependencies', () => {
    const base = {
      manager: 'argocd',
      datasource: 'helm',
      file: 'a.yaml',
      line: 3,
      dependency: 'x',
      current: '1.0.0',
    };
    const rows: ScanRow[] = [
      { ...base, proposed: '1.1.0', updateType: 'minor', decision: 'automerge' },
      { ...base, proposed: '2.0.0', updateType: 'major', decision: 'needs approval' },
      { ...base, line: 9, dependency: 'repo', current: 'HEAD', decision: 'skipped: invalid-value' },
    ];
    expect(summarize(rows)).toBe(
      '1 pins, 2 updates: 1 automerge, 1 need approval, 0 waiting for release age, 0 pins up to date, 1 skipped (not pins)',
    );
  });
});
