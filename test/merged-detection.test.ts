import { cp, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { generateClusterRepo } from '../bench/cluster-repo.ts';
import { writeFiles } from '../bench/write-repo.ts';
import { detection, detectionBlocks } from '../src/presets/detection.ts';
import type { FoundDep } from '../src/renovate/report.ts';
import { tempGitRepo } from '../src/renovate/temp-git-repo.ts';
import type { OfflineWorld } from '../src/world/offline-world.ts';
import { presetProject, runInWorld, startTestWorld } from './harness/offline-renovate.ts';
import { projectRoot } from './harness/paths.ts';

/**
 * The default gives Renovate our custom managers merged by file class (`presets/detection`);
 * users who pick single presets get them one per shape. Both must find the same dependencies,
 * field for field: on every fixture repository, on a repository whose file names sit on every
 * class boundary, and on a synthetic cluster repository with every shape of the bench.
 */

const reference = (file: string) => `gitlab>${presetProject}//${file}`;
const configs = {
  blocks: { extends: detectionBlocks.map((block) => reference(block.file)) },
  merged: { extends: [reference(detection.file)] },
};

/** Everything Renovate extracted about a dependency, in a stable order. */
function extracted(deps: readonly FoundDep[]): string[] {
  return deps
    .filter((dep) => dep.packageFile !== 'renovate.json')
    .map((dep) => {
      const { updates: _, warnings: __, ...fields } = dep as FoundDep & Record<string, unknown>;
      return JSON.stringify(Object.fromEntries(Object.entries(fields).sort()));
    })
    .sort();
}

const fixtureRepos = async () => {
  const root = path.join(projectRoot, 'fixtures/repos');
  return [
    ...(await readdir(root)).map((name) => ({ name, dir: path.join(root, name) })),
    { name: 'merge-classes', dir: path.join(projectRoot, 'fixtures/merge-classes') },
  ];
};

let world: OfflineWorld;
/** Every repository as a folder of one: two Renovate runs instead of two per repository. */
let combined: string;

beforeAll(async () => {
  world = await startTestWorld();
  combined = await mkdtemp(path.join(tmpdir(), 'merged-detection-'));
  for (const repo of await fixtureRepos()) {
    await cp(repo.dir, path.join(combined, repo.name), {
      recursive: true,
      filter: (file) => !['expected.json', 'renovate.json'].includes(path.basename(file)),
    });
  }
  await writeFiles(path.join(combined, 'synthetic'), generateClusterRepo(60, 20260101).files);
});
afterAll(async () => {
  await world?.stop();
  if (combined) await rm(combined, { recursive: true, force: true });
});

async function depsWith(config: object): Promise<readonly FoundDep[]> {
  await writeFile(path.join(combined, 'renovate.json'), `${JSON.stringify(config)}\n`);
  const repo = await tempGitRepo(combined);
  try {
    const run = await runInWorld(world, repo.dir, 'extract');
    expect(run.exitCode).toBe(0);
    expect(run.log.re2CanaryRejected).toBe(true);
    expect(run.log.problems.map((record) => record.msg)).toEqual([]);
    expect(run.unanswered).toEqual([]);
    return run.deps;
  } finally {
    await repo.dispose();
  }
}

it('the merged default finds what the presets find one by one, field for field', async () => {
  const [blocks, merged] = [await depsWith(configs.blocks), await depsWith(configs.merged)];
  const repos = (deps: readonly FoundDep[]) =>
    new Set(
      deps
        .filter((dep) => dep.packageFile !== 'renovate.json')
        .map((dep) => dep.packageFile.split('/')[0]),
    );
  expect([...repos(blocks)].sort()).toEqual(
    [...(await fixtureRepos()).map((repo) => repo.name), 'synthetic'].sort(),
  );
  expect(extracted(merged)).toEqual(extracted(blocks));
}, 300_000);
