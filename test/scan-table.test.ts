import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../bench/random.ts';
import type { BranchDecision } from '../src/renovate/log-records.ts';
import type { FoundDep } from '../src/renovate/report.ts';
import { displayWidth } from '../src/scan/display-width.ts';
import { formatTable, summarize } from '../src/scan/format-table.ts';
import { linesOfPins, locateDeps, type PinText } from '../src/scan/locate-pin.ts';
import { daysLeft, durationDays } from '../src/scan/release-age.ts';
import { decide, type ScanRow, scanRows } from '../src/scan/scan-rows.ts';

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

  it('finds a pin by digest alone on the line of its digest', () => {
    const digest = `sha256:${'5e2c'.repeat(16)}`;
    const content = `containers:\n  - image: nginx:1.2.3\n  - image: nginx@${digest}\n`;
    expect(
      linesOfPins(content, [
        { currentDigest: digest, depName: 'nginx', replaceString: `  - image: nginx@${digest}` },
        { currentValue: '1.2.3', depName: 'nginx' },
      ]),
    ).toEqual([3, 2]);
  });

  const nginx = { currentValue: '1.2.3', depName: 'docker.io/library/nginx' };
  const matched = { ...nginx, replaceString: '\n  image: nginx:1.2.3' };
  const imageObjects = [
    'apps:',
    '  web:',
    '    image:',
    '      repository: ghcr.io/example/web',
    '      tag: 2.0.1',
    '  api:',
    '    image:',
    '      repository: ghcr.io/example/api',
    '      tag: 1.4.0',
  ].join('\n');
  const longMatch = (name: string) =>
    `\nkind: Provider\nmetadata:\n  name: ${name}\n  labels:\n${'    team: platform\n'.repeat(6)}spec:\n  package: xpkg.upbound.io/upbound/provider-family-aws:v1.14.0\n`;
  it.each`
    case                                                                          | content                                             | pins                                                                                                                                       | lines
    ${'identical lines, without matched text: one each, in order'}                | ${'  image: nginx:1.2.3\n'.repeat(4)}               | ${[nginx, nginx, nginx, nginx]}                                                                                                            | ${[1, 2, 3, 4]}
    ${'identical lines, matched from the line break before: the first line last'} | ${'  image: nginx:1.2.3\n'.repeat(4)}               | ${[matched, matched, matched, matched]}                                                                                                    | ${[2, 3, 4, 1]}
    ${'more pins than lines: the rest have none'}                                 | ${'  image: nginx:1.2.3\n'.repeat(2)}               | ${[nginx, nginx, nginx]}                                                                                                                   | ${[1, 2, undefined]}
    ${'distinct values, name and tag on different lines'}                         | ${imageObjects}                                     | ${[{ currentValue: '1.4.0', depName: 'ghcr.io/example/api' }, { currentValue: '2.0.1', depName: 'ghcr.io/example/web' }]}                  | ${[9, 5]}
    ${'matched text spanning lines: the line of its value'}                       | ${imageObjects}                                     | ${[{ currentValue: '1.4.0', depName: 'ghcr.io/example/api', replaceString: '\n      repository: ghcr.io/example/api\n      tag: 1.4.0' }]} | ${[9]}
    ${'a value inside a longer token counts, as its text'}                        | ${'tag: 11.1.0\ntag: 1.1.0'}                        | ${[{ currentValue: '1.1.0' }, { currentValue: '1.1.0' }]}                                                                                  | ${[1, 2]}
    ${'…unless the name picks the other line'}                                    | ${'image: app:11.1.0\nimage: other:1.1.0'}          | ${[{ currentValue: '1.1.0', depName: 'other' }]}                                                                                           | ${[2]}
    ${'long matched texts told apart far from their value'}                       | ${`${longMatch('b').slice(1)}---${longMatch('a')}`} | ${[{ currentValue: 'v1.14.0', replaceString: longMatch('a') }, { currentValue: 'v1.14.0', replaceString: longMatch('b').slice(1) }]}       | ${[25, 12]}
    ${'matched text without its value: the line it starts on'}                    | ${'a: 1\nversion: "1.0"\n'}                         | ${[{ currentValue: '1.0.0', replaceString: 'version: "1.0"' }]}                                                                            | ${[2]}
  `('$case', ({ content, pins, lines }) => {
    expect(linesOfPins(content, pins)).toEqual(lines);
  });

  // A matched text with its value near the start and more than 64 characters after it: only
  // the text beyond the value's surroundings tells the two occurrences apart.
  const farApart = (end: string) => `spec:\n  version: v1\n  note: ${'x'.repeat(80)}${end}`;
  it.each`
    case                                                          | content                                 | pins                                                                        | lines
    ${'a name that ends in .git only without it'}                 | ${'a: appops 1.0\nb: app.gitops 1.0'}   | ${[{ currentValue: '1.0', depName: 'org/app.gitops' }]}                     | ${[2]}
    ${'matched texts alike around the value, apart further away'} | ${`${farApart('B')}\n${farApart('A')}`} | ${[{ currentValue: 'v1', replaceString: farApart('A') }]}                   | ${[5]}
    ${'a matched text at the start of the file'}                  | ${`${farApart('A')}\nfoo: v1`}          | ${[{ currentValue: 'v1', depName: 'x/foo', replaceString: farApart('A') }]} | ${[2]}
  `('$case', ({ content, pins, lines }) => {
    expect(linesOfPins(content, pins)).toEqual(lines);
  });

  it('gives each of 200,000 identical lines to one pin, in order', () => {
    const count = 200_000;
    const content = '    image: nginx:1.2.3\n'.repeat(count);
    const lines = linesOfPins(content, Array(count).fill(nginx));
    expect(lines.every((line, index) => line === index + 1)).toBe(true);
  });

  it('agrees with the rule as written, on generated files and pins', () => {
    const random = seededRandom(20260101);
    const pick = <T>(items: readonly T[]): T => random.pick(items);
    for (let round = 0; round < 2000; round++) {
      const content = Array.from({ length: Math.floor(random.next() * 40) }, () =>
        pick(['a', 'b', '1', '.', '\n', ' ', ':', '/', '\r']),
      ).join('');
      const slice = (max: number) => {
        const at = Math.floor(random.next() * (content.length + 1));
        return content.slice(at, at + 1 + Math.floor(random.next() * max));
      };
      const pins = Array.from({ length: Math.floor(random.next() * 6) }, () => {
        const currentValue = random.next() < 0.5 ? slice(3) : pick(['1', '1.1', 'a', '', 'a\nb']);
        const replaceString = random.next() < 0.5 ? slice(12) : undefined;
        return {
          currentValue,
          depName: pick([undefined, 'x/a', 'b', 'a.git', 'x/']),
          replaceString,
        };
      });
      expect(linesOfPins(content, pins), JSON.stringify({ content, pins })).toEqual(
        linesByTheRule(content, pins),
      );
    }
  });
});

describe('locateDeps', () => {
  it('finds each dependency in its own file, and none in a file it cannot read', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'locate-deps-'));
    try {
      await writeFile(path.join(dir, 'a.yaml'), 'image: nginx:1.2.3\nimage: redis:7.0.0\n');
      await writeFile(path.join(dir, 'b.yaml'), 'chart: podinfo\nversion: 6.1.0\n');
      const deps = [
        { packageFile: 'a.yaml', depName: 'redis', currentValue: '7.0.0' },
        { packageFile: 'b.yaml', depName: 'podinfo', currentValue: '6.1.0' },
        { packageFile: 'a.yaml', depName: 'nginx', currentValue: '1.2.3' },
        { packageFile: 'gone.yaml', depName: 'nginx', currentValue: '1.2.3' },
      ];
      const located = await locateDeps(dir, deps);
      expect(deps.map((found) => located.get(found))).toEqual([2, 2, 1, undefined]);
      expect(located.size).toBe(4);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

/**
 * linesOfPins as its comment states it, one search of the file per pin and match: quadratic,
 * and the reference the linear one is held to.
 */
function linesByTheRule(content: string, pins: readonly PinText[]): (number | undefined)[] {
  const lines = content.split('\n');
  const claimed = new Set<number>();
  const lineOf = (offset: number) => content.slice(0, offset).split('\n').length - 1;
  const claim = (index: number) => {
    claimed.add(index);
    return index + 1;
  };
  return pins.map((pin) => {
    const value = pin.currentValue;
    if (!value) return undefined;
    if (pin.replaceString) {
      const offset = Math.max(pin.replaceString.indexOf(value), 0);
      for (
        let at = content.indexOf(pin.replaceString);
        at >= 0;
        at = content.indexOf(pin.replaceString, at + 1)
      ) {
        if (!claimed.has(lineOf(at + offset))) return claim(lineOf(at + offset));
      }
    }
    const shortName = pin.depName
      ?.split('/')
      .pop()
      ?.replace(/\.git$/, '');
    const free = (test: (line: string) => boolean) =>
      lines.findIndex((line, index) => !claimed.has(index) && test(line));
    const both = shortName ? free((line) => line.includes(value) && line.includes(shortName)) : -1;
    const index = both >= 0 ? both : free((line) => line.includes(value));
    return index >= 0 ? claim(index) : undefined;
  });
}

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
    ${{ automerge: true, dependencyDashboardApproval: true }}  | ${false} | ${undefined}              | ${'needs approval, then automerge'}
    ${{ automerge: false }}                                    | ${false} | ${undefined}              | ${'review'}
    ${{ automerge: true, minimumReleaseAge: '3 days' }}        | ${true}  | ${'2026-11-22T12:00:00Z'} | ${'waiting 2 days'}
    ${{ automerge: true, minimumReleaseAge: '3 days' }}        | ${true}  | ${'2026-11-20T18:00:00Z'} | ${'waiting 1 day'}
  `('$fields pending=$pending -> $decision', ({ fields, pending, released, decision }) => {
    expect(decide(branch(fields), pending, released, now)).toBe(decision);
  });

  it('says so when no branch holds the update', () => {
    expect(decide(undefined, false, undefined, now)).toBe('no branch');
  });

  it('waits without a count of days when the soak is not one it can read', () => {
    const soaking = branch({ automerge: true });
    expect(decide(soaking, true, '2026-11-22T12:00:00Z', now)).toBe('waiting (release age)');
    expect(decide(branch({ minimumReleaseAge: '3 days' }), true, undefined, now)).toBe(
      'waiting (release age)',
    );
  });
});

describe('scanRows', () => {
  const now = new Date('2026-11-23T12:00:00Z');
  const dep = (packageFile: string, depName: string, newValue: string): FoundDep => ({
    manager: 'regex',
    packageFile,
    depName,
    currentValue: '1.0.0',
    updates: [{ newValue, updateType: 'minor' }],
  });
  const upgrade = (packageFile: string, depName: string, newValue: string | undefined) => ({
    packageFile,
    depName,
    newValue,
  });

  it('takes each update to the first branch that holds it, rows in file and line order', () => {
    const deps = [
      dep('b.yaml', 'nginx', '1.1.0'),
      dep('a.yaml', 'redis', '1.2.0'),
      dep('a.yaml', 'nginx', '1.1.0'),
    ];
    const lines = new Map([
      [deps[0], 3],
      [deps[1], 9],
      [deps[2], 2],
    ]);
    const rows = scanRows({
      deps,
      branches: [
        branch({ automerge: true, upgrades: [upgrade('a.yaml', 'redis', '1.2.0')] }),
        branch({
          dependencyDashboardApproval: true,
          upgrades: [upgrade('a.yaml', 'nginx', '1.1.0'), upgrade('b.yaml', 'nginx', '1.1.0')],
        }),
        branch({ automerge: true, upgrades: [upgrade('b.yaml', 'nginx', '1.1.0')] }),
      ],
      lookup: true,
      lineOf: (found) => lines.get(found),
      now,
    });
    expect(rows.map((row) => `${row.file}:${row.line} ${row.dependency} ${row.decision}`)).toEqual([
      'a.yaml:2 nginx needs approval',
      'a.yaml:9 redis automerge',
      'b.yaml:3 nginx needs approval',
    ]);
  });

  it.each([
    {
      case: 'a skipped dependency, by its reason',
      found: {
        manager: 'regex',
        packageFile: 'a.yaml',
        depName: 'repo',
        currentValue: 'HEAD',
        skipReason: 'invalid-value',
      },
      rows: [
        { dependency: 'repo', datasource: '', current: 'HEAD', decision: 'skipped: invalid-value' },
      ],
    },
    {
      case: 'no name, datasource or value: placeholders',
      found: { manager: 'regex', packageFile: 'a.yaml' },
      rows: [{ dependency: '?', datasource: '', current: '', decision: 'up to date' }],
    },
    {
      case: 'the package name when there is no dependency name',
      found: {
        manager: 'helm-values',
        packageFile: 'a.yaml',
        packageName: 'ghcr.io/o/app',
        datasource: 'docker',
        currentValue: '1.0.0',
        updates: [],
      },
      rows: [
        {
          dependency: 'ghcr.io/o/app',
          datasource: 'docker',
          current: '1.0.0',
          decision: 'up to date',
        },
      ],
    },
    {
      case: 'an update of a file no branch touches',
      found: {
        manager: 'regex',
        packageFile: 'b.yaml',
        depName: 'nginx',
        currentValue: '1.0.0',
        updates: [{ newValue: '1.1.0', updateType: 'minor' }],
      },
      rows: [
        {
          dependency: 'nginx',
          current: '1.0.0',
          proposed: '1.1.0',
          updateType: 'minor',
          decision: 'no branch',
        },
      ],
    },
    {
      case: 'an update of a dependency no branch of its file holds',
      found: {
        manager: 'regex',
        packageFile: 'a.yaml',
        depName: 'redis',
        currentValue: '1.0.0',
        updates: [{ newValue: '1.1.0', updateType: 'minor' }],
      },
      rows: [
        {
          dependency: 'redis',
          current: '1.0.0',
          proposed: '1.1.0',
          updateType: 'minor',
          decision: 'no branch',
        },
      ],
    },
    {
      case: 'a digest update, and one still soaking',
      found: {
        manager: 'regex',
        packageFile: 'a.yaml',
        depName: 'nginx',
        currentValue: '1.0.0',
        updates: [
          { newDigest: 'sha256:1234', updateType: 'digest' },
          { newValue: '1.2.0', updateType: 'minor', pendingChecks: true },
        ],
      },
      rows: [
        {
          dependency: 'nginx',
          current: '1.0.0',
          proposed: 'sha256:1234',
          updateType: 'digest',
          decision: 'review',
        },
        {
          dependency: 'nginx',
          current: '1.0.0',
          proposed: '1.2.0',
          updateType: 'minor',
          decision: 'waiting (release age)',
        },
      ],
    },
    {
      case: 'the younger versions a strict soak holds back, each once',
      found: {
        manager: 'regex',
        packageFile: 'a.yaml',
        depName: 'nginx',
        currentValue: '1.0.0',
        updates: [
          { newValue: '1.1.0', updateType: 'minor', pendingVersions: ['1.2.0', '1.3.0'] },
          { newValue: '2.0.0', updateType: 'major', pendingVersions: ['1.3.0'] },
        ],
      },
      rows: [
        {
          dependency: 'nginx',
          current: '1.0.0',
          proposed: '1.1.0',
          updateType: 'minor',
          decision: 'automerge',
        },
        {
          dependency: 'nginx',
          current: '1.0.0',
          proposed: '2.0.0',
          updateType: 'major',
          decision: 'no branch',
        },
        {
          dependency: 'nginx',
          current: '1.0.0',
          proposed: '1.2.0',
          decision: 'waiting (release age)',
        },
        {
          dependency: 'nginx',
          current: '1.0.0',
          proposed: '1.3.0',
          decision: 'waiting (release age)',
        },
      ],
    },
  ])('$case', ({ found, rows }: { found: FoundDep; rows: Partial<ScanRow>[] }) => {
    const branches = [
      branch({ automerge: true, upgrades: [upgrade('a.yaml', 'nginx', '1.1.0')] }),
      branch({ automerge: false, upgrades: [upgrade('a.yaml', 'nginx', undefined)] }),
      branch({
        automerge: true,
        minimumReleaseAge: '3 days',
        upgrades: [upgrade('a.yaml', 'nginx', '1.2.0')],
      }),
    ];
    expect(scanRows({ deps: [found], branches, lookup: true, lineOf: () => 4, now })).toEqual(
      rows.map((row) => ({
        file: found.packageFile,
        line: 4,
        manager: found.manager,
        datasource: '',
        ...row,
      })),
    );
  });

  it('without a lookup, lists each pin as found and proposes nothing', () => {
    const found = dep('a.yaml', 'nginx', '1.1.0');
    expect(
      scanRows({ deps: [found], branches: [], lookup: false, lineOf: () => undefined, now }),
    ).toEqual([
      {
        file: 'a.yaml',
        line: undefined,
        manager: 'regex',
        dependency: 'nginx',
        datasource: '',
        current: '1.0.0',
        decision: 'found',
      },
    ]);
  });

  it('keeps names the collation calls equal together, ordered by line (ü composed and not)', () => {
    const composed = 'apps/\u00fc.yaml';
    const decomposed = 'apps/u\u0308.yaml';
    const deps = [
      dep(composed, 'a', '2.0.0'),
      dep(decomposed, 'b', '2.0.0'),
      dep(composed, 'c', '2.0.0'),
      dep('apps/a.yaml', 'd', '2.0.0'),
    ];
    const lines = new Map([
      [deps[0], 5],
      [deps[1], 3],
      [deps[2], 1],
      [deps[3], 9],
    ]);
    const rows = scanRows({
      deps,
      branches: [],
      lookup: false,
      lineOf: (found) => lines.get(found),
      now,
    });
    expect(rows.map((row) => row.dependency)).toEqual(['d', 'c', 'b', 'a']);
  });
});

describe('formatTable and summarize', () => {
  it('formats the rows of a 200,000-pin file', () => {
    const rows = Array.from({ length: 200_000 }, (_, index) => [`a.yaml:${index + 1}`, 'nginx']);
    const lines = formatTable(['file:line', 'dependency'], rows).split('\n');
    expect(lines.length).toBe(200_002);
    expect(lines.at(-1)).toBe('a.yaml:200000  nginx');
    expect(lines[2]).toBe('a.yaml:1       nginx');
  });

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
      {
        ...base,
        line: 5,
        proposed: '1.2.0',
        updateType: 'minor',
        decision: 'needs approval, then automerge',
      },
      { ...base, line: 9, dependency: 'repo', current: 'HEAD', decision: 'skipped: invalid-value' },
    ];
    expect(summarize(rows)).toBe(
      '2 pins, 3 updates: 1 automerge, 2 need approval, 0 waiting for release age, 0 pins up to date, 1 skipped (not pins)',
    );
  });
});
