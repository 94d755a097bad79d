import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OfflineWorld } from '../src/world/offline-world.ts';
import { fixturePath, runFixture, startTestWorld } from './harness/offline-renovate.ts';
import { projectRoot } from './harness/paths.ts';

/**
 * The detection and policy tests only mean something if Renovate really took our presets
 * from `gitlab>platform/renovate-config-gitops`: break the served preset and the run must fail.
 */
describe.each`
  breakage                       | file                        | content
  ${'invalid JSON'}              | ${'presets/policy.json'}    | ${'{ "packageRules": [ '}
  ${'a missing relative preset'} | ${'presets/detection.json'} | ${undefined}
`('a preset with $breakage', ({ file, content }: { file: string; content: string | undefined }) => {
  let tree: string;
  let world: OfflineWorld;

  beforeAll(async () => {
    tree = await mkdtemp(path.join(tmpdir(), 'preset-tree-'));
    await cp(path.join(projectRoot, 'default.json'), path.join(tree, 'default.json'));
    await cp(path.join(projectRoot, 'presets'), path.join(tree, 'presets'), { recursive: true });
    if (content === undefined) {
      await rm(path.join(tree, file));
    } else {
      await writeFile(path.join(tree, file), content);
    }
    world = await startTestWorld({ presetTree: tree });
  });
  afterAll(async () => {
    await world?.stop();
    await rm(tree, { recursive: true, force: true });
  });

  it('makes the Renovate run fail with a preset error', async () => {
    const run = await runFixture(world, fixturePath('gitops-with-monitoring'), 'extract');
    expect(run.exitCode).not.toBe(0);
    expect(run.log.repositoryResult).toBe('config-validation');
    expect(run.deps).toEqual([]);
    const messages = run.log.problems.map((record) => JSON.stringify(record)).join('\n');
    expect(messages).toMatch(/preset/i);
  });
});
