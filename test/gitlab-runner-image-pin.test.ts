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
import { projectRoot } from './harness/paths.ts';

/**
 * This package's own repository, reduced to what matters here: the templates directory, its own
 * pipeline, and a renovate.json that extends the package's preset, as the repository's own config
 * would.
 */
async function stageTemplatesRepo(): Promise<{ dir: string; dispose(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'templates-repo-'));
  await cp(templatesDir, path.join(dir, 'templates'), { recursive: true });
  await cp(path.join(projectRoot, '.gitlab-ci.yml'), path.join(dir, '.gitlab-ci.yml'));
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

  /** What Renovate found in the CI files (renovate.json is the staged config). */
  function pins() {
    return run.deps
      .filter((dep) => dep.packageFile !== 'renovate.json')
      .map((dep) => ({
        file: dep.packageFile,
        manager: dep.manager,
        depName: dep.depName,
        datasource: dep.datasource,
        currentValue: dep.currentValue,
      }));
  }

  it('finds the Renovate image pin exactly once, for both templates, and every other pin', () => {
    const found = pins().filter((dep) => dep.manager.startsWith('gitlabci'));
    expect(found).toEqual([
      {
        // This project's own pipeline: the Node image of its tests and publish job, and glab for
        // the release job, kept current like any other pin.
        file: '.gitlab-ci.yml',
        manager: 'gitlabci',
        depName: 'node',
        datasource: 'docker',
        currentValue: '24.21.0-trixie',
      },
      {
        file: '.gitlab-ci.yml',
        manager: 'gitlabci',
        depName: 'registry.gitlab.com/gitlab-org/cli',
        datasource: 'docker',
        currentValue: 'v1.109.0',
      },
      {
        // One definition of the image that the runner's and the cluster repositories' jobs run
        // in (both templates include it): the lookup offers each new Renovate release here, and
        // both move with it.
        file: 'templates/renovate-image.gitlab-ci.yml',
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

  // manifestImages reads every YAML file but values files and CI definitions, which it leaves to
  // gitlabci: `image: node:...` in a .gitlab-ci.yml was once found by both.
  it('finds no pin twice', () => {
    const keys = pins().map((dep) => `${dep.file} ${dep.depName} ${dep.currentValue}`);
    expect(keys).toEqual([...new Set(keys)]);
  });
});
