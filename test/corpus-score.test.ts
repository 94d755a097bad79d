import { describe, expect, it } from 'vitest';
import { type CorpusLabel, parseLabels } from '../src/corpus/labels.ts';
import { normalizeName, sameName } from '../src/corpus/names.ts';
import { looksLikeVersion, type ScoredDep, scoreRepo } from '../src/corpus/score.ts';

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
