import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planRepository, writeAnnotations } from '../src/annotate/annotate-repository.ts';
import { type TempGitRepo, tempGitRepo } from '../src/renovate/temp-git-repo.ts';
import type { OfflineWorld } from '../src/world/offline-world.ts';
import { type FixtureRun, runInWorld, startTestWorld } from './harness/offline-renovate.ts';
import { projectRoot } from './harness/paths.ts';

interface AnnotateExpectations {
  annotations: { file: string; line: number; annotation: string }[];
  pinsAfterAnnotate: {
    file: string;
    depName: string;
    datasource: string;
    currentValue: string;
    registryUrls?: string[];
  }[];
  negatives: { file: string; value: string; why: string }[];
  unresolved: { file: string; line: number; currentValue: string; reasonIncludes: string }[];
}

const fixtureDir = path.join(projectRoot, 'fixtures/annotate/templated-versions');

describe('annotate: versions that reach Renovate only through templates', () => {
  let world: OfflineWorld;
  let repo: TempGitRepo;
  let expected: AnnotateExpectations;
  let before: Map<string, string>;
  let run: FixtureRun;
  let chartCacheDir: string;

  beforeAll(async () => {
    expected = JSON.parse(
      await readFile(path.join(fixtureDir, 'expected.json'), 'utf8'),
    ) as AnnotateExpectations;
    world = await startTestWorld();
    chartCacheDir = await mkdtemp(path.join(tmpdir(), 'chart-cache-'));
    repo = await tempGitRepo(fixtureDir, ['expected.json']);
    const files = [...new Set(expected.annotations.map((entry) => entry.file))];
    before = new Map(
      await Promise.all(
        files.map(
          async (file) => [file, await readFile(path.join(repo.dir, file), 'utf8')] as const,
        ),
      ),
    );
  });
  afterAll(async () => {
    await repo?.dispose();
    await world?.stop();
    await rm(chartCacheDir, { recursive: true, force: true });
  });

  it('plans one annotation per templated version no manager finds, with the reason', async () => {
    const plan = await planRepository(repo.dir, world.env, { chartCacheDir });
    expect(plan.edits.map(({ file, line, annotation }) => ({ file, line, annotation }))).toEqual(
      expected.annotations,
    );
    expect(plan.edits.every((edit) => edit.kind === 'missing' && edit.pin.because !== '')).toBe(
      true,
    );
    // Chart defaults came from the world's chart repositories; nothing else was asked.
    expect(world.unanswered).toEqual([]);
    expect(world.answered.filter((request) => request.url.endsWith('.tgz')).length).toBe(3);
    expect(
      plan.resolution.unresolved.map(({ file, line, currentValue }) => ({
        file,
        line,
        currentValue,
      })),
    ).toEqual(
      expected.unresolved.map(({ file, line, currentValue }) => ({ file, line, currentValue })),
    );
    for (const [index, entry] of expected.unresolved.entries()) {
      expect(plan.resolution.unresolved[index]?.reason).toContain(entry.reasonIncludes);
    }
    await writeAnnotations(repo.dir, plan);
  });

  it('changes nothing but the inserted lines', async () => {
    for (const [file, original] of before) {
      const now = (await readFile(path.join(repo.dir, file), 'utf8')).split('\n');
      const inserted = expected.annotations.filter((entry) => entry.file === file);
      const kept = now.filter(
        (line) => !inserted.some((entry) => line.trim() === entry.annotation),
      );
      expect(kept.join('\n')).toBe(original);
      expect(now.length - kept.length).toBe(inserted.length);
    }
  });

  it('makes Renovate find every one of them exactly once, with exact fields, under RE2', async () => {
    run = await runInWorld(world, repo.dir, 'extract');
    expect(run.exitCode).toBe(0);
    expect(run.log.re2CanaryRejected).toBe(true);
    expect(run.unanswered).toEqual([]);
    for (const pin of expected.pinsAfterAnnotate) {
      const sameValue = (dep: { packageFile: string; currentValue?: string | null }) =>
        dep.packageFile === pin.file && dep.currentValue === pin.currentValue;
      // No other manager reports the value: as many deps as expected pins carry it in the file.
      expect(run.deps.filter(sameValue).length).toBe(
        expected.pinsAfterAnnotate.filter(
          (other) => other.file === pin.file && other.currentValue === pin.currentValue,
        ).length,
      );
      const hits = run.deps.filter((dep) => sameValue(dep) && dep.depName === pin.depName);
      expect(
        hits.map(({ depName, datasource, currentValue, registryUrls }) => ({
          depName,
          datasource,
          currentValue,
          ...(registryUrls?.length ? { registryUrls } : {}),
        })),
      ).toEqual([
        {
          depName: pin.depName,
          datasource: pin.datasource,
          currentValue: pin.currentValue,
          ...(pin.registryUrls ? { registryUrls: pin.registryUrls } : {}),
        },
      ]);
    }
  });

  it.each([0, 1])('reports no negative case (%#)', (index) => {
    const negative = expected.negatives[index];
    if (!negative) return;
    expect(
      run.deps.filter(
        (dep) => dep.packageFile === negative.file && dep.currentValue === negative.value,
      ),
    ).toEqual([]);
  });

  it('is idempotent: a second plan finds nothing to write, and reads charts from its cache', async () => {
    const archivesBefore = world.answered.filter((request) => request.url.endsWith('.tgz')).length;
    const again = await planRepository(repo.dir, world.env, { chartCacheDir });
    expect(again.edits).toEqual([]);
    expect(world.answered.filter((request) => request.url.endsWith('.tgz')).length).toBe(
      archivesBefore,
    );
  });
  it('brings an annotation that names another dependency back in place, nothing else', async () => {
    const file = path.join(repo.dir, 'charts/platform/values.yaml');
    const annotated = await readFile(file, 'utf8');
    const wanted =
      '# renovate: datasource=helm depName=kube-prometheus-stack registryUrl=https://prometheus-community.github.io/helm-charts';
    const stale =
      '# renovate: datasource=helm depName=kube-prometheus-stack registryUrl=https://prometheus-community.github.io/charts';
    await writeFile(file, annotated.replace(wanted, stale));
    const plan = await planRepository(repo.dir, world.env, { chartCacheDir });
    expect(
      plan.edits.map(({ file, line, kind, current, annotation }) => ({
        file,
        line,
        kind,
        current,
        annotation,
      })),
    ).toEqual([
      {
        file: 'charts/platform/values.yaml',
        line: 7,
        kind: 'stale',
        current: stale,
        annotation: wanted,
      },
    ]);
    await writeAnnotations(repo.dir, plan);
    expect(await readFile(file, 'utf8')).toBe(annotated);
  });

  it('removes an annotation that another manager of the preset makes redundant', async () => {
    const file = path.join(repo.dir, 'charts/addons/values.yaml');
    const before = await readFile(file, 'utf8');
    const redundant =
      '# renovate: datasource=helm depName=cert-manager registryUrl=https://charts.jetstack.io';
    const withAnnotation = before.replace(
      '  defaultVersion: v1.15.3',
      `  ${redundant}\n  defaultVersion: v1.15.3`,
    );
    expect(withAnnotation).not.toBe(before);
    await writeFile(file, withAnnotation);
    const plan = await planRepository(repo.dir, world.env, { chartCacheDir });
    expect(
      plan.edits.map(({ file, line, kind, current }) => ({ file, line, kind, current })),
    ).toEqual([
      { file: 'charts/addons/values.yaml', line: 7, kind: 'redundant', current: redundant },
    ]);
    await writeAnnotations(repo.dir, plan);
    expect(await readFile(file, 'utf8')).toBe(before);
  });
});

describe('annotate gives back the annotated-values fixture byte for byte', () => {
  const annotatedDir = path.join(projectRoot, 'fixtures/repos/annotated-values');
  const files = [
    'apps/cluster-autoscaler.yaml',
    'apps/ingress-nginx.yaml',
    'charts/platform/values.yaml',
  ];
  let world: OfflineWorld;
  let repo: TempGitRepo;
  let chartCacheDir: string;

  beforeAll(async () => {
    world = await startTestWorld();
    chartCacheDir = await mkdtemp(path.join(tmpdir(), 'chart-cache-'));
    repo = await tempGitRepo(annotatedDir, ['expected.json']);
    for (const file of files) {
      const annotated = await readFile(path.join(annotatedDir, file), 'utf8');
      const stripped = annotated.replace(/^[ \t]*# renovate: [^\n]*\n/gm, '');
      expect(stripped).not.toBe(annotated);
      await writeFile(path.join(repo.dir, file), stripped);
    }
  });
  afterAll(async () => {
    await repo?.dispose();
    await world?.stop();
    await rm(chartCacheDir, { recursive: true, force: true });
  });

  it.each(files)('%s', async (file) => {
    if (!(await readFile(path.join(repo.dir, file), 'utf8')).includes('# renovate:')) {
      await writeAnnotations(
        repo.dir,
        await planRepository(repo.dir, world.env, { chartCacheDir }),
      );
    }
    expect(await readFile(path.join(repo.dir, file), 'utf8')).toBe(
      await readFile(path.join(annotatedDir, file), 'utf8'),
    );
  });
});
