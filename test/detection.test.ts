import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OfflineWorld } from '../src/world/offline-world.ts';
import { loadFixtures } from './harness/expectations.ts';
import { type FixtureRun, runFixture, startTestWorld } from './harness/offline-renovate.ts';
import { isIgnored, shapeOfExpected, shapeOfFound, sortShapes } from './harness/reduce.ts';

describe.each(loadFixtures())('extract: $name', (fixture) => {
  let world: OfflineWorld;
  let run: FixtureRun;

  beforeAll(async () => {
    world = await startTestWorld();
    run = await runFixture(world, fixture.dir, 'extract');
  });
  afterAll(() => world?.stop());

  it('runs Renovate to completion with RE2 and our presets from gitlab>', () => {
    expect(run.exitCode).toBe(0);
    expect(run.log.re2CanaryRejected).toBe(true);
    expect(run.log.problems.map((record) => record.msg)).toEqual([]);
    const presetFiles = world.answered
      .filter((request) =>
        request.url.includes(
          '/api/v4/projects/platform%2Frenovate-config-gitops/repository/files/',
        ),
      )
      .map((request) => request.status);
    expect(presetFiles.length).toBeGreaterThan(0);
    expect(presetFiles.every((status) => status === 200)).toBe(true);
  });

  it('asks the offline world nothing it cannot answer', () => {
    expect(run.unanswered).toEqual([]);
  });

  it('finds every pin exactly once, with exact fields', () => {
    const found = run.deps.filter((dep) => !isIgnored(dep, fixture.ignored)).map(shapeOfFound);
    expect(sortShapes(found)).toEqual(sortShapes(fixture.pins.map(shapeOfExpected)));
  });

  it('reports exactly the listed non-pins besides the pins', () => {
    const ignored = run.deps.filter((dep) => isIgnored(dep, fixture.ignored));
    expect(ignored.map((dep) => `${dep.packageFile} ${dep.depName}`).sort()).toEqual(
      fixture.ignored.map((entry) => `${entry.file} ${entry.depName}`).sort(),
    );
  });

  it.each(fixture.knownGaps)('does not detect yet: $depName $currentValue in $file', (gap) => {
    const hits = run.deps.filter(
      (dep) =>
        dep.packageFile === gap.file &&
        dep.currentValue === gap.currentValue &&
        dep.manager === gap.manager,
    );
    expect(hits).toEqual([]);
  });

  it('reports no negative case (HEAD, branches, placeholders, comments)', () => {
    const hits = fixture.negatives.filter((negative) =>
      run.deps.some(
        (dep) =>
          dep.packageFile === negative.file &&
          dep.currentValue === negative.value &&
          !isIgnored(dep, fixture.ignored),
      ),
    );
    expect(hits).toEqual([]);
  });
});
