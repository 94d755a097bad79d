import path from 'node:path';
import {
  type DryRunMode,
  type RenovateRunResult,
  runRenovate,
} from '../../src/renovate/run-renovate.ts';
import { tempGitRepo } from '../../src/renovate/temp-git-repo.ts';
import { type OfflineWorld, startOfflineWorld } from '../../src/world/offline-world.ts';
import type { Responder } from '../../src/world/types.ts';
import { lookupFailures } from './lookup-failures.ts';
import { projectRoot, worldDataDir } from './paths.ts';

export const presetProject = 'platform/renovate-config-gitops';

/** The world every fixture is tested in: registries from fixtures/world, presets from this tree. */
export function startTestWorld(
  options: { responders?: Responder[]; presetTree?: string } = {},
): Promise<OfflineWorld> {
  return startOfflineWorld({
    dataDir: worldDataDir,
    presetTree: options.presetTree ?? projectRoot,
    presetProject,
    responders: options.responders ?? [],
  });
}

export interface FixtureRun extends RenovateRunResult {
  /** Requests of this run that the world could not answer. */
  unanswered: string[];
  /** Lookups Renovate could not complete (lookup-failures.ts). */
  lookupFailures: string[];
}

/** Runs the real Renovate on a git repository inside the given world, noting what it left unanswered. */
export async function runInWorld(
  world: OfflineWorld,
  repoDir: string,
  mode: DryRunMode,
  globalConfig: Record<string, unknown> = {},
): Promise<FixtureRun> {
  const before = world.unanswered.length;
  const result = await runRenovate({ repoDir, mode, env: world.env, globalConfig });
  const unanswered = world.unanswered
    .slice(before)
    .map((request) => `${request.method} ${request.url}`);
  return { ...result, unanswered, lookupFailures: lookupFailures(result) };
}

/** Runs the real Renovate on a copy of a fixture repository inside the given world. */
export async function runFixture(
  world: OfflineWorld,
  fixtureDir: string,
  mode: DryRunMode,
  globalConfig: Record<string, unknown> = {},
): Promise<FixtureRun> {
  const repo = await tempGitRepo(fixtureDir, ['expected.json']);
  try {
    return await runInWorld(world, repo.dir, mode, globalConfig);
  } finally {
    await repo.dispose();
  }
}

export function fixturePath(name: string): string {
  return path.join(projectRoot, 'fixtures/repos', name);
}
