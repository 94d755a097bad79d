import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ConfigName,
  carefulUserConfigFile,
  configNames,
  type DetectionConfig,
  detectionConfigs,
} from '../src/corpus/detection-configs.ts';
import { formatMisses, formatTables, toJson } from '../src/corpus/format-table.ts';
import { type CorpusLabel, type CorpusRepo, parseLabels } from '../src/corpus/labels.ts';
import { normalizeName, sameName } from '../src/corpus/names.ts';
import {
  type ConfigRun,
  type CorpusResult,
  type LocatedDep,
  runConfig,
  stagedRepo,
} from '../src/corpus/run-corpus.ts';
import {
  looksLikeVersion,
  type ScoreCounts,
  type ScoredDep,
  scoreRepo,
  sumCounts,
} from '../src/corpus/score.ts';
import { runConfigValidator } from '../src/validate/config-validator.ts';
import { validateCustomManagerRegexes } from '../src/validate/custom-manager-regexes.ts';
import { validateAgainstRenovateSchema } from '../src/validate/renovate-schema.ts';
import type { OfflineWorld } from '../src/world/offline-world.ts';
import { startTestWorld } from './harness/offline-renovate.ts';
import { matchGroups } from './harness/regex-matches.ts';

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

interface CarefulUserConfig {
  customManagers: { customType: string; matchStrings: string[] }[];
}

async function readCarefulUserConfig(): Promise<CarefulUserConfig> {
  return JSON.parse(await readFile(carefulUserConfigFile, 'utf8')) as CarefulUserConfig;
}

describe("the careful user's config (src/corpus/careful-user.renovate.json)", () => {
  it('is the repository config of the careful-user run', async () => {
    expect(detectionConfigs['careful-user'].repoConfig).toEqual(await readCarefulUserConfig());
  });

  it('validates as presets do: the pinned Renovate schema, RE2-clean regexes with their groups', async () => {
    const document = await readCarefulUserConfig();
    expect(validateAgainstRenovateSchema(carefulUserConfigFile, document)).toEqual([]);
    expect(validateCustomManagerRegexes(carefulUserConfigFile, document.customManagers)).toEqual(
      [],
    );
  });

  it('is accepted by renovate-config-validator --strict', async () => {
    const result = await runConfigValidator(path.dirname(carefulUserConfigFile), [
      path.basename(carefulUserConfigFile),
    ]);
    expect(result.output).toContain('Config validated successfully against 1 file(s)');
    expect(result.ok).toBe(true);
  });

  // What the custom managers copied from Renovate's docs catch, and what they do not.
  it.each`
    yaml                                                                                                  | found
    ${'# renovate: datasource=helm depName=cilium registryUrl=https://helm.cilium.io\nversion: 1.18.2\n'} | ${[{ datasource: 'helm', depName: 'cilium', registryUrl: 'https://helm.cilium.io', currentValue: '1.18.2' }]}
    ${'  # renovate: datasource=docker depName=ghcr.io/o/app versioning=loose\n  tag: "2.1"\n'}           | ${[{ datasource: 'docker', depName: 'ghcr.io/o/app', versioning: 'loose', currentValue: '2.1' }]}
    ${'image: ghcr.io/o/app:2.1 # renovate: docker=ghcr.io/o/app\n'}                                      | ${[]}
    ${'- https://github.com/o/r/releases/download/v1.2.0/install.yaml\n'}                                 | ${[{ depName: 'o/r', currentValue: 'v1.2.0' }]}
    ${'- https://raw.githubusercontent.com/o/r/v0.9.1/deploy/crds.yaml\n'}                                | ${[{ depName: 'o/r', currentValue: 'v0.9.1' }]}
  `('$yaml: $found', async ({ yaml, found }: { yaml: string; found: Record<string, string>[] }) => {
    const { customManagers } = await readCarefulUserConfig();
    const matches = customManagers.flatMap((manager) =>
      manager.matchStrings.flatMap((pattern) => matchGroups(pattern, yaml)),
    );
    expect(matches).toEqual(found);
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

describe("a configuration's prepare hook runs on the repository copy before Renovate", () => {
  const git = promisify(execFile);
  let world: OfflineWorld;
  let corpusDir: string;
  let repo: CorpusRepo;
  const original = 'tools:\n  kubectl: v1.33.2\n';
  const kubectl = label({
    file: 'versions.yaml',
    line: 2,
    kind: 'annotated',
    depName: 'kubernetes/kubernetes',
    currentValue: 'v1.33.2',
    datasource: 'github-releases',
  });
  /** A trivial stand-in for `renovate-gitops annotate`: one comment above the kubectl line. */
  async function annotateKubectl(copyDir: string): Promise<void> {
    const { stdout } = await git('git', ['rev-parse', '--show-toplevel'], { cwd: copyDir });
    expect(await realpath(stdout.trim())).toBe(await realpath(copyDir));
    expect(copyDir).not.toBe(repo.dir);
    const file = path.join(copyDir, 'versions.yaml');
    const content = await readFile(file, 'utf8');
    await writeFile(
      file,
      content.replace(
        '  kubectl:',
        '  # renovate: datasource=github-releases depName=kubernetes/kubernetes\n  kubectl:',
      ),
    );
  }

  beforeAll(async () => {
    world = await startTestWorld();
    corpusDir = await mkdtemp(path.join(tmpdir(), 'corpus-prepare-'));
    repo = { name: 'demo', dir: path.join(corpusDir, 'demo'), labels: [kubectl], warnings: [] };
    await mkdir(repo.dir);
    await writeFile(path.join(repo.dir, 'versions.yaml'), original);
  });

  afterAll(async () => {
    await world?.stop();
    await rm(corpusDir, { recursive: true, force: true });
  });

  it.each([
    { name: 'without a hook', prepare: undefined, found: [] },
    { name: 'with a hook that annotates', prepare: annotateKubectl, found: [2] },
  ])('$name: found on lines $found of the corpus file', async ({ prepare, found }) => {
    const config: DetectionConfig = {
      ...detectionConfigs['careful-user'],
      ...(prepare ? { prepare } : {}),
    };
    const result = await runConfig(repo, 'careful-user', config, world.env);
    expect(result.score.found.map((pin) => pin.dep.line)).toEqual(found);
    // The corpus folder is read, never written.
    expect(await readdir(repo.dir)).toEqual(['versions.yaml']);
    expect(await readFile(path.join(repo.dir, 'versions.yaml'), 'utf8')).toBe(original);
    expect(world.unanswered).toEqual([]);
  });

  it('a failing hook names the repository and the configuration', async () => {
    const config: DetectionConfig = {
      ...detectionConfigs['careful-user'],
      prepare: () => Promise.reject(new Error('versions.yaml: no such key')),
    };
    await expect(stagedRepo(repo, 'annotated', config)).rejects.toThrow(
      'preparing demo for the annotated config failed: versions.yaml: no such key',
    );
  });
});
