import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChartDefaults, defaultChartCacheDir } from '../src/helm/chart-defaults.ts';
import { httpsGet } from '../src/helm/https-get.ts';
import { readTar, writeTar } from '../src/helm/tar-archive.ts';
import type { OfflineWorld } from '../src/world/offline-world.ts';
import { startTestWorld } from './harness/offline-renovate.ts';

describe('tar archives as Helm packs charts', () => {
  it('reads back what it writes, names and bytes', () => {
    const entries = [
      { name: 'demo/Chart.yaml', content: Buffer.from('name: demo\nversion: 1.0.0\n') },
      { name: 'demo/values.yaml', content: Buffer.alloc(1300, 'a') },
    ];
    expect(readTar(writeTar(entries))).toEqual(entries);
  });

  it('refuses a truncated archive', () => {
    const archive = writeTar([{ name: 'demo/values.yaml', content: Buffer.alloc(2000, 'b') }]);
    expect(() => readTar(archive.subarray(0, 1024))).toThrow(
      'tar entry demo/values.yaml is truncated',
    );
  });
});

describe("a chart's default values, fetched like Helm through the proxy", () => {
  let world: OfflineWorld;
  let cacheDir: string;
  let defaults: ChartDefaults;

  beforeAll(async () => {
    world = await startTestWorld();
    cacheDir = await mkdtemp(path.join(tmpdir(), 'chart-cache-'));
    defaults = new ChartDefaults(world.env, cacheDir);
  });
  afterAll(async () => {
    await world?.stop();
    await rm(cacheDir, { recursive: true, force: true });
  });

  it.each`
    env                                    | dir
    ${{ XDG_CACHE_HOME: '/var/cache/ci' }} | ${'/var/cache/ci/renovate-gitops/charts'}
    ${{ HOME: '/home/renovate' }}          | ${path.join(homedir(), '.cache/renovate-gitops/charts')}
  `('keeps archives in $dir', ({ env, dir }) => {
    expect(defaultChartCacheDir(env)).toBe(dir);
  });

  it('serves the chart archive the index lists', async () => {
    const body = await httpsGet(
      'https://charts.jetstack.io/charts/cert-manager-v1.18.2.tgz',
      world.env,
    );
    expect(readTar(gunzipSync(body)).map((entry) => entry.name)).toEqual([
      'cert-manager/Chart.yaml',
      'cert-manager/values.yaml',
    ]);
  });

  it('reads values.yaml from the archive of the pinned version, then from its cache', async () => {
    const ref = {
      repoURL: 'https://kubernetes.github.io/autoscaler',
      chart: 'cluster-autoscaler',
      version: '9.29.3',
    };
    const first = await defaults.values(ref);
    expect('text' in first && first.text).toContain(
      'repository: registry.k8s.io/autoscaling/cluster-autoscaler',
    );
    expect(await readdir(cacheDir)).toHaveLength(1);
    const requests = world.answered.length;
    const again = await new ChartDefaults(world.env, cacheDir).values(ref);
    expect(again).toEqual(first);
    // A new reader fetches the index again, but not the archive.
    expect(world.answered.slice(requests).map((request) => request.url)).toEqual([
      'https://kubernetes.github.io/autoscaler/index.yaml',
    ]);
  });

  it.each`
    case                            | ref                                                                                      | reason
    ${'a version not in the index'} | ${{ repoURL: 'https://charts.jetstack.io', chart: 'cert-manager', version: 'v1.12.99' }} | ${'chart cert-manager v1.12.99 is not in https://charts.jetstack.io/index.yaml'}
    ${'an OCI chart'}               | ${{ repoURL: 'oci://ghcr.io/akuity/kargo-charts', chart: 'kargo', version: '1.0.3' }}    | ${'chart kargo is in an OCI registry (oci://ghcr.io/akuity/kargo-charts): its default values are not fetched'}
    ${'an unreachable repository'}  | ${{ repoURL: 'https://charts.example.invalid/stable', chart: 'app', version: '1.0.0' }}  | ${'https://charts.example.invalid/stable/index.yaml: HTTP 599'}
  `('says why for $case, never guesses', async ({ ref, reason }) => {
    expect(await defaults.values(ref)).toEqual({ reason });
  });
});
