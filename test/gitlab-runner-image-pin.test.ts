import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OfflineWorld } from '../src/world/offline-world.ts';
import { templatesDir } from './gitlab-runner-harness.ts';
import {
  type FixtureRun,
  presetProject,
  runFixture,
  startTestWorld,
} from './harness/offline-renovate.ts';

/**
 * This package's own repository, reduced to what matters here: the templates directory and a
 * renovate.json that extends the package's preset, as the repository's own config would.
 */
async function stageTemplatesRepo(): Promise<{ dir: string; dispose(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'templates-repo-'));
  await cp(templatesDir, path.join(dir, 'templates'), { recursive: true });
  await writeFile(
    path.join(dir, 'renovate.json'),
    `${JSON.stringify({ extends: [`gitlab>${presetProject}`] }, null, 2)}\n`,
  );
  return { dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}

describe("Renovate with this package's preset on templates/", () => {
  let world: OfflineWorld;
  let run: FixtureRun;

  beforeAll(async () => {
    world = await startTestWorld();
    const repo = await stageTemplatesRepo();
    try {
      run = await runFixture(world, repo.dir, 'extract');
    } finally {
      await repo.dispose();
    }
  });
  afterAll(() => world?.stop());

  it('runs to completion, with nothing the offline world cannot answer', () => {
    expect(run.exitCode).toBe(0);
    expect(run.log.problems.map((record) => record.msg)).toEqual([]);
    expect(run.unanswered).toEqual([]);
  });

  it("finds the runner image pin exactly once, and the examples' include refs", () => {
    const found = run.deps
      .filter((dep) => dep.packageFile.startsWith('templates/'))
      .map((dep) => ({
        file: dep.packageFile,
        manager: dep.manager,
        depName: dep.depName,
        datasource: dep.datasource,
        currentValue: dep.currentValue,
      }));
    expect(found).toEqual([
      {
        // The template pins the image; the lookup offers each new Renovate release here.
        file: 'templates/renovate-runner.gitlab-ci.yml',
        manager: 'gitlabci',
        depName: 'ghcr.io/renovatebot/renovate',
        datasource: 'docker',
        currentValue: '44.121.2',
      },
      {
        // A runner project pins the template's tag; its own Renovate moves it to new releases.
        file: 'templates/runner-project-sharded/.gitlab-ci.yml',
        manager: 'gitlabci-include',
        depName: 'platform/renovate-config-gitops',
        datasource: 'gitlab-tags',
        currentValue: 'v0.1.0',
      },
      {
        file: 'templates/runner-project/.gitlab-ci.yml',
        manager: 'gitlabci-include',
        depName: 'platform/renovate-config-gitops',
        datasource: 'gitlab-tags',
        currentValue: 'v0.1.0',
      },
    ]);
  });
});
