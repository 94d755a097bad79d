import { describe, expect, it } from 'vitest';
import { type ConfigName, configNames, detectionConfigs } from '../src/corpus/detection-configs.ts';
import { formatMisses, formatTables, toJson } from '../src/corpus/format-table.ts';
import { type CorpusLabel, type CorpusRepo, parseLabels } from '../src/corpus/labels.ts';
import { normalizeName, sameName } from '../src/corpus/names.ts';
import type { ConfigRun, CorpusResult, LocatedDep } from '../src/corpus/run-corpus.ts';
import {
  looksLikeVersion,
  type ScoreCounts,
  type ScoredDep,
  scoreRepo,
  sumCounts,
} from '../src/corpus/score.ts';

function label(
  fields: Partial<CorpusLabel> & Pick<CorpusLabel, 'depName' | 'currentValue'>,
): CorpusLabel {
  return { file: 'apps.yaml', line: 1, kind: 'manifest-image', datasource: 'docker', ...fields };
}

function dep(fields: Partial<ScoredDep>): ScoredDep {
  return { packageFile: 'apps.yaml', ...fields };
}

describe('sameName: equal, or one a host/registry-qualified form of the other', () => {
  it.each`
    a                                                      | b                                           | same
    ${'nginx'}                                             | ${'nginx'}                                  | ${true}
    ${'docker.io/library/nginx'}                           | ${'nginx'}                                  | ${true}
    ${'docker.io/nginx'}                                   | ${'nginx'}                                  | ${true}
    ${'docker.io/traefik'}                                 | ${'docker.io/library/traefik'}              | ${true}
    ${'index.docker.io/library/nginx'}                     | ${'library/nginx'}                          | ${true}
    ${'weaveworksdemos/carts'}                             | ${'docker.io/weaveworksdemos/carts'}        | ${true}
    ${'registry-1.docker.io/bitnamicharts/sealed-secrets'} | ${'docker.io/bitnamicharts/sealed-secrets'} | ${true}
    ${'ghcr.io/grafana/helm-charts/grafana-operator'}      | ${'grafana-operator'}                       | ${true}
    ${'mirror.gcr.io/envoyproxy/gateway-helm'}             | ${'envoyproxy/gateway-helm'}                | ${true}
    ${'https://github.com/vehagn/homelab.git'}             | ${'vehagn/homelab'}                         | ${true}
    ${'git@github.com:zoriya/Kyoo.git'}                    | ${'https://github.com/zoriya/kyoo/'}        | ${true}
    ${'https://charts.jetstack.io/cert-manager'}           | ${'cert-manager'}                           | ${true}
    ${'bitnamicharts/sealed-secrets'}                      | ${'sealed-secrets'}                         | ${false}
    ${'ghcr.io/foo/nginx-exporter'}                        | ${'nginx'}                                  | ${false}
    ${'quay.io/foo/bar'}                                   | ${'ghcr.io/foo/bar'}                        | ${false}
    ${'docker.io/library/nginx'}                           | ${'ghcr.io/library/nginx'}                  | ${false}
    ${'cert-manager/cert-manager'}                         | ${'cert-manager'}                           | ${false}
    ${'index.docker.io/nginx'}                             | ${'docker.io/library/nginx'}                | ${true}
    ${'registry.hub.docker.com/nginx'}                     | ${'docker.io/library/nginx'}                | ${true}
    ${'library/nginx'}                                     | ${'nginx'}                                  | ${true}
    ${'localhost/app'}                                     | ${'app'}                                    | ${true}
    ${'ghcr.io/a'}                                         | ${'a'}                                      | ${true}
    ${'ghcr.io/app'}                                       | ${'ghcr.io/library/app'}                    | ${false}
    ${'ab/c'}                                              | ${'a/bc'}                                   | ${false}
    ${''}                                                  | ${''}                                       | ${false}
  `('$a ~ $b: $same', ({ a, b, same }: { a: string; b: string; same: boolean }) => {
    expect(sameName(a, b)).toBe(same);
    expect(sameName(b, a)).toBe(same);
  });

  it.each`
    name                                          | normalized
    ${'https://github.com/o/r.git'}               | ${'github.com/o/r'}
    ${'oci://registry-1.docker.io/bitnamicharts'} | ${'docker.io/bitnamicharts'}
    ${'git@gitlab.com:group/project.git'}         | ${'gitlab.com/group/project'}
    ${'GHCR.io/Owner/Image'}                      | ${'ghcr.io/owner/image'}
    ${'  Nginx  '}                                | ${'nginx'}
    ${'https://github.com/o/r//'}                 | ${'github.com/o/r'}
    ${'https://github.com/o/o.github.io.git'}     | ${'github.com/o/o.github.io'}
    ${'ghcr.io/o/app@sha256:abcd'}                | ${'ghcr.io/o/app@sha256:abcd'}
    ${'index.docker.io'}                          | ${'index.docker.io'}
  `(
    'normalizes $name to $normalized',
    ({ name, normalized }: { name: string; normalized: string }) => {
      expect(normalizeName(name)).toBe(normalized);
    },
  );
});

describe('looksLikeVersion: false detections have one, noise has none', () => {
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell-style placeholder is the case
  const shellPlaceholder = '${APP_VERSION_2}';
  it.each`
    value                                              | digest             | version
    ${'1.2.3'}                                         | ${undefined}       | ${true}
    ${'v5'}                                            | ${undefined}       | ${true}
    ${'2025-07-10-alpine-rootless'}                    | ${undefined}       | ${true}
    ${'20240101'}                                      | ${undefined}       | ${true}
    ${'1.x'}                                           | ${undefined}       | ${true}
    ${'latest'}                                        | ${'sha256:abc123'} | ${true}
    ${''}                                              | ${'sha256:abc123'} | ${true}
    ${''}                                              | ${undefined}       | ${false}
    ${null}                                            | ${undefined}       | ${false}
    ${'HEAD'}                                          | ${undefined}       | ${false}
    ${'main'}                                          | ${undefined}       | ${false}
    ${'latest'}                                        | ${undefined}       | ${false}
    ${'{{ .Values.image.tag }}'}                       | ${undefined}       | ${false}
    ${'{{ default (include "x.tag" .) .Values.tag }}'} | ${undefined}       | ${false}
    ${shellPlaceholder}                                | ${undefined}       | ${false}
    ${'<version1>'}                                    | ${undefined}       | ${false}
    ${'0d521c6e049889134f3122eb32d7ed342f43ca0d'}      | ${undefined}       | ${false}
    ${'0d521c6'}                                       | ${undefined}       | ${false}
    ${' 0d521c6 '}                                     | ${undefined}       | ${false}
    ${'1234abc'}                                       | ${undefined}       | ${false}
    ${'deadbee1-alpine'}                               | ${undefined}       | ${true}
    ${'v1.2.3-0d521c6'}                                | ${undefined}       | ${true}
  `(
    '$value (digest $digest): $version',
    ({ value, digest, version }: { value: string | null; digest?: string; version: boolean }) => {
      expect(looksLikeVersion(value, digest)).toBe(version);
    },
  );
});

describe('scoreRepo', () => {
  const nginx = label({ line: 7, depName: 'docker.io/library/nginx', currentValue: '1.27.0' });

  it.each([
    {
      name: 'an equal depName',
      found: dep({ depName: 'docker.io/library/nginx', currentValue: '1.27.0' }),
    },
    {
      name: 'a registry-qualified label and a short depName',
      found: dep({ depName: 'nginx', currentValue: '1.27.0' }),
    },
    {
      name: 'a packageName when depName differs',
      found: dep({ depName: 'web', packageName: 'docker.io/nginx', currentValue: '1.27.0' }),
    },
  ])('finds a label through $name', ({ found }) => {
    expect(scoreRepo([nginx], [found])).toEqual({
      counts: { labels: 1, found: 1, missed: 0, false: 0, duplicate: 0, noise: 0, skipped: 0 },
      found: [{ label: nginx, dep: found }],
      missed: [],
      extras: [],
    });
  });

  it('finds a label through an altNames entry, qualified or not', () => {
    const certManager = label({
      kind: 'annotated',
      shape: 'kustomize-helmchart',
      depName: 'cert-manager/cert-manager',
      altNames: ['cert-manager'],
      currentValue: 'v1.21.1',
      datasource: 'github-releases',
    });
    const chart = dep({ depName: 'cert-manager', currentValue: 'v1.21.1' });
    const oci = label({
      depName: 'grafana/grafana-operator',
      altNames: ['ghcr.io/grafana/helm-charts/grafana-operator'],
      currentValue: '5.24.0',
      line: 9,
    });
    const ociChart = dep({ depName: 'grafana-operator', currentValue: '5.24.0' });
    expect(scoreRepo([certManager, oci], [chart, ociChart]).found).toEqual([
      { label: certManager, dep: chart },
      { label: oci, dep: ociChart },
    ]);
  });

  it.each([
    {
      name: 'another value',
      other: dep({ depName: 'nginx', currentValue: '1.26.0' }),
      kind: 'false',
    },
    {
      name: 'another file',
      other: dep({ packageFile: 'other.yaml', depName: 'nginx', currentValue: '1.27.0' }),
      kind: 'false',
    },
    {
      name: 'another name',
      other: dep({ depName: 'nginx-exporter', currentValue: '1.27.0' }),
      kind: 'false',
    },
    { name: 'an empty value', other: dep({ depName: 'nginx' }), kind: 'noise' },
  ])('misses a label reported with $name, which is $kind', ({ other, kind }) => {
    const score = scoreRepo([nginx], [other]);
    expect(score.missed).toEqual([nginx]);
    expect(score.extras).toEqual([{ dep: other, class: kind }]);
  });

  it('matches one to one: a second report of a found pin is a duplicate', () => {
    const first = dep({ depName: 'nginx', currentValue: '1.27.0' });
    const second = dep({ depName: 'docker.io/library/nginx', currentValue: '1.27.0' });
    expect(scoreRepo([nginx], [first, second])).toEqual({
      counts: { labels: 1, found: 1, missed: 0, false: 0, duplicate: 1, noise: 0, skipped: 0 },
      found: [{ label: nginx, dep: first }],
      missed: [],
      extras: [{ dep: second, class: 'duplicate', duplicateOf: nginx }],
    });
  });

  it('finds two labels of the same name and value with two deps, and one with one', () => {
    const atLine41 = label({
      line: 41,
      kind: 'argocd-chart',
      depName: 'external-dns',
      currentValue: '1.21.1',
    });
    const atLine80 = label({
      line: 80,
      kind: 'argocd-chart',
      depName: 'external-dns',
      currentValue: '1.21.1',
    });
    const report = dep({ depName: 'external-dns', currentValue: '1.21.1' });
    expect(scoreRepo([atLine80, atLine41], [report, { ...report }]).counts.found).toBe(2);
    expect(scoreRepo([atLine80, atLine41], [report])).toMatchObject({
      found: [{ label: atLine41 }],
      missed: [atLine80],
    });
  });

  it('finds the largest matching, not the first greedy one', () => {
    const both = label({
      line: 3,
      depName: 'app',
      altNames: ['ghcr.io/o/app'],
      currentValue: '2.0.0',
    });
    const plain = label({ line: 5, depName: 'app', currentValue: '2.0.0' });
    const byName = dep({ depName: 'app', currentValue: '2.0.0' });
    const byAltName = dep({
      depName: 'ghcr.io/o/app',
      packageName: 'ghcr.io/o/app',
      currentValue: '2.0.0',
    });
    // Greedy in label order gives `byName` to `both`, leaving `plain` nothing to take.
    expect(scoreRepo([both, plain], [byName, byAltName]).found).toEqual([
      { label: both, dep: byAltName },
      { label: plain, dep: byName },
    ]);
  });

  it('classifies what takes no label: duplicate, false, noise, skipped', () => {
    const found = dep({ depName: 'nginx', currentValue: '1.27.0' });
    const extras = [
      dep({ depName: 'https://github.com/o/r', currentValue: 'HEAD' }),
      dep({ depName: 'https://github.com/o/r', currentValue: 'main' }),
      dep({ depName: 'ghcr.io/o/app', currentValue: 'latest' }),
      dep({ depName: '{{ .Values.image.repository }}', currentValue: '{{ .Values.image.tag }}' }),
      dep({ depName: '//', currentValue: '' }),
      dep({ depName: 'my-chart', currentValue: '0.1.0' }),
      dep({ depName: 'ghcr.io/o/app', currentValue: 'latest', currentDigest: 'sha256:0123abcd' }),
      dep({ depName: 'helm-guestbook', currentValue: '0.1.0', skipReason: 'local-dependency' }),
      dep({ depName: 'nginx', currentValue: '1.27.0', skipReason: 'contains-variable' }),
      dep({ depName: 'docker.io/nginx', currentValue: '1.27.0' }),
    ];
    const score = scoreRepo([nginx], [found, ...extras]);
    expect(
      score.extras.map((extra) => `${extra.dep.depName} ${extra.dep.currentValue}: ${extra.class}`),
    ).toEqual([
      'https://github.com/o/r HEAD: noise',
      'https://github.com/o/r main: noise',
      'ghcr.io/o/app latest: noise',
      '{{ .Values.image.repository }} {{ .Values.image.tag }}: noise',
      '// : noise',
      'my-chart 0.1.0: false',
      'ghcr.io/o/app latest: false',
      'helm-guestbook 0.1.0: skipped',
      'nginx 1.27.0: skipped',
      'docker.io/nginx 1.27.0: duplicate',
    ]);
    expect(score.counts).toEqual({
      labels: 1,
      found: 1,
      missed: 0,
      false: 2,
      duplicate: 1,
      noise: 5,
      skipped: 2,
    });
  });

  it('finds a digest-only pin, labelled without a value, through a dep without one', () => {
    const pinned = label({ depName: 'nginx', currentValue: '' });
    const byDigest = dep({ depName: 'nginx', currentDigest: 'sha256:0123abcd' });
    expect(scoreRepo([pinned], [byDigest]).found).toEqual([{ label: pinned, dep: byDigest }]);
  });

  it('lets a skipped dep find a label: the rules match on file, value and name only', () => {
    const skipped = dep({
      depName: 'nginx',
      currentValue: '1.27.0',
      skipReason: 'unsupported-datasource',
    });
    expect(scoreRepo([nginx], [skipped]).counts.found).toBe(1);
  });
});

describe('parseLabels', () => {
  it('accepts the README shape', () => {
    const text = JSON.stringify([
      {
        file: 'a.yaml',
        line: 3,
        kind: 'annotated',
        shape: 'manifest-image',
        depName: 'umputun/remark42',
        altNames: ['ghcr.io/umputun/remark42'],
        currentValue: 'v1.16.4',
        datasource: 'github-releases',
      },
    ]);
    expect(parseLabels(text, 'x.labels.json')).toEqual(JSON.parse(text));
  });

  it.each`
    entry                                                                                                                 | message
    ${{ file: 'a.yaml', line: 0, kind: 'values-image', depName: 'n', currentValue: '1', datasource: 'docker' }}           | ${'x.labels.json [0]: `line` must be a 1-based line number'}
    ${{ file: 'a.yaml', line: 1, kind: 'image', depName: 'n', currentValue: '1', datasource: 'docker' }}                  | ${'x.labels.json [0]: `kind` must be one of'}
    ${{ file: 'a.yaml', line: 1, kind: 'values-image', depName: 'n', currentValue: 1, datasource: 'docker' }}             | ${'x.labels.json [0]: `currentValue` must be a string'}
    ${{ file: 'a.yaml', line: 1, kind: 'values-image', depName: 'n', currentValue: '1', datasource: 'docker', tag: 'x' }} | ${'x.labels.json [0]: unknown field `tag`'}
  `('rejects $entry', ({ entry, message }: { entry: unknown; message: string }) => {
    expect(() => parseLabels(JSON.stringify([entry]), 'x.labels.json')).toThrow(message);
  });
});

describe('tables, misses and JSON iterate over every configuration', () => {
  const nginx = label({ line: 7, depName: 'docker.io/library/nginx', currentValue: '1.27.0' });
  const redis = label({ line: 12, depName: 'redis', currentValue: '7.4.1' });
  const repo: CorpusRepo = {
    name: 'demo',
    dir: '/corpus/demo',
    labels: [nginx, redis],
    warnings: [],
  };
  function located(fields: Partial<LocatedDep>): LocatedDep {
    return { manager: 'kubernetes', packageFile: 'apps.yaml', ...fields };
  }
  function run(deps: LocatedDep[]): ConfigRun {
    return { score: scoreRepo(repo.labels, deps), durationMs: 0, warnings: [] };
  }
  const nginxDep = located({ line: 7, depName: 'nginx', currentValue: '1.27.0' });
  const redisDep = located({ line: 12, depName: 'redis', currentValue: '7.4.1' });
  const apiVersion = located({
    line: 1,
    depName: 'argoproj.io/Application',
    currentValue: 'v1alpha1',
  });
  const runs: Record<ConfigName, ConfigRun> = {
    preset: run([nginxDep, redisDep]),
    annotated: run([nginxDep, redisDep]),
    baseline: run([]),
    'careful-user': run([redisDep, apiVersion]),
  };
  const result: CorpusResult = {
    renovateVersion: '44.121.2',
    repos: [{ repo, runs }],
    totals: Object.fromEntries(
      configNames.map((config) => [config, sumCounts([runs[config].score.counts])]),
    ) as Record<ConfigName, ScoreCounts>,
    warnings: [],
  };

  it("prints a table per configuration and the preset's lead over each other one", () => {
    expect(formatTables(result, '/corpus')).toBe(
      [
        'Corpus /corpus: 1 repository, 2 labelled pins; Renovate 44.121.2, extract mode',
        [
          `(a) preset: ${detectionConfigs.preset.title}`,
          'folder  labels        found  missed  false  duplicate  noise  skipped',
          'demo         2  2 (100.0 %)       0      0          0      0        0',
          'total        2  2 (100.0 %)       0      0          0      0        0',
        ].join('\n'),
        [
          `(b) annotated: ${detectionConfigs.annotated.title}`,
          'folder  labels        found  missed  false  duplicate  noise  skipped',
          'demo         2  2 (100.0 %)       0      0          0      0        0',
          'total        2  2 (100.0 %)       0      0          0      0        0',
        ].join('\n'),
        [
          `(c) baseline: ${detectionConfigs.baseline.title}`,
          'folder  labels      found  missed  false  duplicate  noise  skipped',
          'demo         2  0 (0.0 %)       2      0          0      0        0',
          'total        2  0 (0.0 %)       2      0          0      0        0',
        ].join('\n'),
        [
          `(d) careful-user: ${detectionConfigs['careful-user'].title}`,
          'folder  labels       found  missed  false  duplicate  noise  skipped',
          'demo         2  1 (50.0 %)       1      1          0      0        0',
          'total        2  1 (50.0 %)       1      1          0      0        0',
        ].join('\n'),
        [
          'preset against annotated: found 0 (0.0 points), false 0, duplicate 0, noise 0',
          'preset against baseline: found +2 (+100.0 points), false 0, duplicate 0, noise 0',
          'preset against careful-user: found +1 (+50.0 points), false -1, duplicate 0, noise 0',
        ].join('\n'),
      ].join('\n\n'),
    );
  });

  it.each`
    config            | missed
    ${'baseline'}     | ${['  demo/apps.yaml:7  docker.io/library/nginx 1.27.0  [docker]  (found by preset, annotated)', '  demo/apps.yaml:12  redis 7.4.1  [docker]  (found by preset, annotated, careful-user)']}
    ${'careful-user'} | ${['  demo/apps.yaml:7  docker.io/library/nginx 1.27.0  [docker]  (found by preset, annotated)']}
  `(
    'lists the misses of $config with the configurations that found them',
    ({ config, missed }: { config: ConfigName; missed: string[] }) => {
      const [, kindGroup] = formatMisses(result, config).split('\n\n');
      expect(kindGroup).toBe([`manifest-image (${missed.length})`, ...missed].join('\n'));
    },
  );

  it('puts every configuration into the JSON, by name', () => {
    const json = toJson(result, '/corpus');
    expect(Object.keys(json.configs)).toEqual([...configNames]);
    expect(Object.keys(json.totals)).toEqual([...configNames]);
    expect(Object.keys(json.repos[0] ?? {})).toEqual(['name', ...configNames]);
  });
});
