import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import {
  annotateFamilies,
  generateAnnotateRepo,
  oneChartFamilies,
} from '../bench/annotate-repo.ts';
import { chartsWithDefaults } from '../bench/shapes/annotate-tag-only-override.ts';
import { ChartDefaults } from '../src/helm/chart-defaults.ts';
import { tempGitRepo } from '../src/renovate/temp-git-repo.ts';
import { readRepository } from '../src/resolve/repository-model.ts';
import { resolvePins } from '../src/resolve/resolve-pins.ts';
import type { OfflineWorld } from '../src/world/offline-world.ts';
import { startTestWorld } from './harness/offline-renovate.ts';
import { projectRoot } from './harness/paths.ts';

const seed = 20260101;

describe('generateAnnotateRepo', () => {
  it('gives the same files for the same seed, other files for another', () => {
    expect(generateAnnotateRepo(100, 7)).toEqual(generateAnnotateRepo(100, 7));
    expect(generateAnnotateRepo(100, 8).files).not.toEqual(generateAnnotateRepo(100, 7).files);
  });

  it.each`
    units   | addons  | appOfApps | composed | templated | linked | tagOnly
    ${7}    | ${2}    | ${1}      | ${1}     | ${1}      | ${1}   | ${1}
    ${100}  | ${20}   | ${20}     | ${15}    | ${15}     | ${10}  | ${20}
    ${1000} | ${200}  | ${200}    | ${150}   | ${150}    | ${100} | ${200}
    ${5000} | ${1000} | ${1000}   | ${750}   | ${750}    | ${500} | ${1000}
  `(
    'N=$units: units per family',
    ({ units, addons, appOfApps, composed, templated, linked, tagOnly }) => {
      expect(Object.values(generateAnnotateRepo(units, seed).familyCounts)).toEqual([
        addons,
        appOfApps,
        composed,
        templated,
        linked,
        tagOnly,
      ]);
    },
  );

  it.each(annotateFamilies.map((family) => family.name))('%s alone gets every unit', (name) => {
    const family = annotateFamilies.filter((entry) => entry.name === name);
    const repo = generateAnnotateRepo(100, seed, family);
    expect({ name: repo.name, counts: repo.familyCounts }).toEqual({
      name,
      counts: { [name]: 100 },
    });
  });

  // The repositories the bench measures: a change here is a new benchmark.
  it.each`
    units   | files  | bytes
    ${100}  | ${73}  | ${38_430}
    ${1000} | ${731} | ${390_822}
  `(
    'N=$units mixed with the default seed: $files files, $bytes bytes',
    ({ units, files, bytes }) => {
      const repo = generateAnnotateRepo(units, seed);
      expect({
        files: repo.files.length,
        bytes: repo.files.reduce((sum, file) => sum + Buffer.byteLength(file.content), 0),
      }).toEqual({ files, bytes });
    },
  );

  it('one-chart: each chart family keeps all its units in one chart', () => {
    const repo = generateAnnotateRepo(1000, seed, oneChartFamilies(1000), 'one-chart');
    expect(repo.name).toBe('one-chart');
    expect(repo.files.filter((file) => file.path.endsWith('/values.yaml'))).toHaveLength(3);
    expect(Object.values(repo.familyCounts).reduce((sum, count) => sum + count, 0)).toBe(1000);
  });

  it('writes unique paths, and valid YAML everywhere but in Helm templates', () => {
    const repo = generateAnnotateRepo(100, seed);
    expect(new Set(repo.files.map((file) => file.path)).size).toBe(repo.files.length);
    const broken = repo.files
      .filter((file) => !file.path.includes('/templates/'))
      .filter((file) => parseAllDocuments(file.content).some((doc) => doc.errors.length > 0));
    expect(broken.map((file) => file.path)).toEqual([]);
  });

  it.each(
    Object.values(chartsWithDefaults).flatMap((chart) =>
      ('versions' in chart ? chart.versions : [chart.version]).map((version) => ({
        ...chart,
        version,
      })),
    ),
  )('the offline world serves $chart $version, whose defaults name the images', async (chart) => {
    const host = new URL(chart.repoURL);
    const index = await readFile(
      path.join(projectRoot, 'fixtures/world/http', host.host, host.pathname, 'index.yaml'),
      'utf8',
    );
    expect(index).toMatch(new RegExp(`version: "?${chart.version}"?\\n`));
  });
});

describe('annotate has work for every family', () => {
  let world: OfflineWorld;
  let chartCacheDir: string;

  beforeAll(async () => {
    world = await startTestWorld();
    chartCacheDir = await mkdtemp(path.join(tmpdir(), 'chart-cache-'));
  });
  afterAll(async () => {
    await world?.stop();
    await rm(chartCacheDir, { recursive: true, force: true });
  });

  it.each(annotateFamilies.map((family) => family.name))(
    '%s: every unit has a resolved version, none is unresolved',
    async (name) => {
      const units = 24;
      const repo = generateAnnotateRepo(
        units,
        seed,
        annotateFamilies.filter((family) => family.name === name),
      );
      const stage = await mkdtemp(path.join(tmpdir(), 'annotate-bench-'));
      try {
        for (const file of repo.files) {
          await mkdir(path.dirname(path.join(stage, file.path)), { recursive: true });
          await writeFile(path.join(stage, file.path), file.content);
        }
        const git = await tempGitRepo(stage);
        try {
          const chartDefaults = new ChartDefaults({ ...process.env, ...world.env }, chartCacheDir);
          const { pins, unresolved, problems } = await resolvePins(await readRepository(git.dir), {
            chartDefaults,
          });
          expect({ unresolved, problems }).toEqual({ unresolved: [], problems: [] });
          expect(pins.length).toBeGreaterThanOrEqual(units);
          // Every file of cluster overrides is read through the Application that names it.
          const envFiles = repo.files.filter((file) => file.path.startsWith('envs/'));
          expect(envFiles.filter((file) => !pins.some((pin) => pin.file === file.path))).toEqual(
            [],
          );
        } finally {
          await git.dispose();
        }
      } finally {
        await rm(stage, { recursive: true, force: true });
      }
    },
  );
});
