import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  annotatedTools,
  charts,
  rawUrls,
  remoteBases,
  upstreamGitSources,
  workloadImages,
} from '../bench/catalog.ts';
import { formatLookup } from '../bench/format-lookup.ts';
import {
  countLookups,
  type LookupEvidence,
  type LookupMeasurements,
  type LookupRunMeasurement,
  lookupProblems,
} from '../bench/lookup-run.ts';
import type { LogRecord } from '../src/renovate/log-records.ts';
import type { FoundDep } from '../src/renovate/report.ts';
import type { GitRepoData, ImageData } from '../src/world/data-files.ts';
import { worldDataDir } from './harness/paths.ts';

function readWorld<T>(file: string): T | undefined {
  const full = path.join(worldDataDir, file);
  return existsSync(full) ? (parse(readFileSync(full, 'utf8')) as T) : undefined;
}

/** Where the world keeps an image's tags: Docker Hub's short names spelled out in full. */
function imageFile(image: string): string {
  const [first = '', ...rest] = image.split('/');
  const hasRegistry = rest.length > 0 && /[.:]/.test(first);
  const registry = hasRegistry ? first : 'docker.io';
  const repository = hasRegistry ? rest.join('/') : image;
  const spelled =
    registry === 'docker.io' && !repository.includes('/') ? `library/${repository}` : repository;
  return `docker/${registry}/${spelled}.yaml`;
}

/** `host/owner/repo` of a git URL, a Kustomize remote base or a raw file URL. */
function gitRepoFile(url: string): string {
  const bare = url.replace(/^https:\/\//, '').replace(/\?ref=.*$/, '');
  const raw = /^raw\.githubusercontent\.com\/([^/]+\/[^/]+)\//.exec(bare);
  const release = /^github\.com\/([^/]+\/[^/]+)\/releases\/download\//.exec(bare);
  const gitlabRaw = /^(gitlab\.com\/.+?)\/-\/raw\//.exec(bare);
  const repo = raw
    ? `github.com/${raw[1]}`
    : release
      ? `github.com/${release[1]}`
      : (gitlabRaw?.[1] ?? bare.replace(/\/\/.*$/, '').replace(/\.git$/, ''));
  return `git/${repo}.yaml`;
}

const imageRefs = [
  ...charts.map(({ image }) =>
    image.registry ? `${image.registry}/${image.repository}` : image.repository,
  ),
  ...workloadImages.map((image) => image.repository),
];

// The bench's lookup run fails on any lookup the offline world cannot answer; this says which
// file is missing in a second rather than after the bench's extract sweep.
describe('the offline world answers every lookup the bench generator writes', () => {
  it.each(charts.filter((chart) => !chart.oci).map((chart) => [chart.name, chart.repoURL]))(
    'Helm chart %s from %s',
    (name, repoURL) => {
      const url = new URL(repoURL);
      const index = readWorld<{ entries: Record<string, unknown[]> }>(
        `http/${url.host}${url.pathname.replace(/\/$/, '')}/index.yaml`,
      );
      expect(index?.entries[name]?.length).toBeGreaterThan(0);
    },
  );

  it.each(charts.filter((chart) => chart.oci).map((chart) => `${chart.repoURL}/${chart.name}`))(
    'OCI chart %s',
    (ref) => {
      expect(readWorld<ImageData>(`docker/${ref}.yaml`)?.tags.length).toBeGreaterThan(0);
    },
  );

  it.each([...new Set(imageRefs)])('image %s', (image) => {
    expect(readWorld<ImageData>(imageFile(image))?.tags.length).toBeGreaterThan(0);
  });

  it.each([...remoteBases, ...rawUrls.filter((url) => !url.includes('/releases/download/'))])(
    'tags of %s',
    (url) => {
      expect(readWorld<GitRepoData>(gitRepoFile(url))?.tags?.length).toBeGreaterThan(0);
    },
  );

  it.each(upstreamGitSources.map((source) => source.repoURL))('tags of %s', (repoURL) => {
    expect(readWorld<GitRepoData>(gitRepoFile(repoURL))?.tags?.length).toBeGreaterThan(0);
  });

  it.each([
    ...rawUrls.filter((url) => url.includes('/releases/download/')),
    ...annotatedTools.map((tool) => `https://github.com/${tool.depName}/releases/download/`),
  ])('releases of %s', (url) => {
    expect(readWorld<GitRepoData>(gitRepoFile(url))?.releases?.length).toBeGreaterThan(0);
  });
});

function dep(fields: Partial<FoundDep>): FoundDep {
  return {
    manager: 'argocd',
    packageFile: 'apps/a.yaml',
    depName: 'cilium',
    datasource: 'helm',
    currentValue: '1.16.2',
    updates: [],
    ...fields,
  };
}

function record(msg: string, fields: Record<string, unknown> = {}): LogRecord {
  return { level: 40, msg, ...fields };
}

const noEvidence: LookupEvidence = { deps: [], warnings: [], unanswered: [], answered: [] };

describe('lookupProblems', () => {
  it.each<[string, Partial<LookupEvidence>, string[]]>([
    [
      'nothing wrong',
      { deps: [dep({}), dep({ skipReason: 'invalid-value', updates: undefined })] },
      [],
    ],
    [
      'an unanswered request',
      { unanswered: [{ method: 'GET', url: 'https://helm.cilium.io/index.yaml', status: 599 }] },
      ['the offline world could not answer GET https://helm.cilium.io/index.yaml'],
    ],
    [
      'a request the world failed on',
      { answered: [{ method: 'GET', url: 'https://quay.io/v2/', status: 500 }] },
      ['the offline world failed on GET https://quay.io/v2/'],
    ],
    [
      'a 404 Renovate tolerates (manifest labels) is no problem by itself',
      { answered: [{ method: 'GET', url: 'https://quay.io/v2/a/manifests/latest', status: 404 }] },
      [],
    ],
    [
      'a raised lookup failure',
      {
        warnings: [
          record('Datasource 404', { datasource: 'docker', packageName: 'quay.io/cilium/cilium' }),
        ],
      },
      ['Renovate logged "Datasource 404" (docker, quay.io/cilium/cilium)'],
    ],
    [
      'the allowed warning about release timestamps',
      {
        warnings: [
          record(
            "Some release(s) did not have a releaseTimestamp, but as we're running with minimumReleaseAgeBehaviour=timestamp-optional, proceeding. See debug logs for more information",
          ),
        ],
      },
      [],
    ],
    [
      'a dependency warning',
      {
        deps: [
          dep({
            warnings: [{ topic: 'cilium', message: 'Failed to look up helm package cilium' }],
          }),
        ],
      },
      ['apps/a.yaml: helm cilium 1.16.2: Failed to look up helm package cilium'],
    ],
    [
      'a dependency looked up without updates',
      { deps: [dep({ updates: undefined })] },
      ['apps/a.yaml: helm cilium 1.16.2: looked up, but no updates computed'],
    ],
    [
      "the repository config's own preset reference",
      { deps: [dep({ packageFile: 'renovate.json', warnings: [{ message: 'x' }] })] },
      [],
    ],
  ])('%s', (_, evidence, problems) => {
    expect(lookupProblems({ ...noEvidence, ...evidence })).toEqual(problems);
  });
});

describe('countLookups', () => {
  it('counts looked up, with updates and skipped, without renovate.json', () => {
    expect(
      countLookups([
        dep({ updates: [{ newValue: '1.16.5', updateType: 'patch' }] }),
        dep({}),
        dep({ skipReason: 'invalid-value' }),
        dep({ skipReason: 'invalid-value' }),
        dep({ packageFile: 'renovate.json', skipReason: 'unspecified-version' }),
      ]),
    ).toEqual({ depsLookedUp: 2, depsWithUpdates: 1, skipped: { 'invalid-value': 2 } });
  });
});

function run(config: string, fields: Partial<LookupRunMeasurement>): LookupRunMeasurement {
  return {
    config,
    loadBefore: 1,
    wallMs: 10_000,
    cpuMs: 8_000,
    extractMs: 1_000,
    managerMs: {},
    peakRssMiB: 500,
    depsByManager: { argocd: 100 },
    lookupMs: 3_000,
    depsLookedUp: 90,
    depsWithUpdates: 60,
    skipped: { 'invalid-value': 10 },
    worldRequests: 120,
    allowedWarnings: {},
    ...fields,
  };
}

describe('formatLookup', () => {
  const lookup: LookupMeasurements = {
    name: 'N=10',
    description: '10 Argo CD files',
    applicationFiles: 10,
    files: 14,
    bytes: 9_000,
    configs: ['preset', 'built-in'],
    runs: [
      run('preset', { depsByManager: { argocd: 100, regex: 50 }, depsLookedUp: 140 }),
      run('built-in', {}),
      run('built-in', { lookupMs: 2_000, wallMs: 9_000 }),
      run('preset', {
        depsByManager: { argocd: 100, regex: 50 },
        depsLookedUp: 140,
        lookupMs: 5_000,
      }),
    ],
  };

  it('reports each config and a/b, with time per dependency found', () => {
    const lines = formatLookup(lookup).split('\n');
    expect(lines.filter((line) => /^\| (preset|built-in|\*\*a\/b)/.test(line))).toEqual([
      '| preset | 150 | 140 | 60 | 1,000 | 4,000 (3,000–5,000) | 5,000 (4,000–6,000) | 33.33 | 10,000 (10,000–10,000) | 8,000 | 500 | 1 |',
      '| built-in | 100 | 90 | 60 | 1,000 | 2,500 (2,000–3,000) | 3,500 (3,000–4,000) | 35.00 | 9,500 (9,000–10,000) | 8,000 | 500 | 1 |',
      '| **a/b** | **1.50x** | **1.56x** | **1.00x** | **1.00x** | **1.60x** | **1.43x** | **0.95x** | **1.05x** | **1.00x** | **1.00x** |  |',
    ]);
  });
});
