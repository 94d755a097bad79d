import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { packageRoot } from '../shared/package-root.ts';
import { UserError } from '../shared/user-error.ts';
import type { OfflineWorld } from './offline-world.ts';

/** The GitLab project under which the bundled world serves this package's presets. */
export const bundledPresetProject = 'platform/renovate-config-gitops';

const worldDataDir = path.join(packageRoot, 'fixtures/world');

/**
 * The bundled world is test equipment: its registry data (fixtures/world) and its proxy
 * (mockttp, a dev dependency) are in a checkout after `npm ci`, not in the published package.
 * Says so in one sentence instead of failing on a missing module.
 */
export function assertBundledWorldAvailable(what: string): void {
  let proxy = true;
  try {
    createRequire(import.meta.url).resolve('mockttp');
  } catch {
    proxy = false;
  }
  if (!proxy || !existsSync(worldDataDir)) {
    throw new UserError(
      `${what} needs a checkout of renovate-config-gitops: the bundled offline world (fixtures/world, and mockttp from its dev dependencies) is not part of the installed package; clone the repository and run \`npm ci\` there, or leave ${what} out to use the real registries`,
    );
  }
}

/**
 * The offline world bundled with the package (`--offline-world`): registries answered from
 * `fixtures/world`, this package's presets served through GitLab's files API.
 */
export async function startBundledWorld(what = '--offline-world'): Promise<OfflineWorld> {
  assertBundledWorldAvailable(what);
  const { startOfflineWorld } = await import('./offline-world.ts');
  return startOfflineWorld({
    dataDir: worldDataDir,
    presetTree: packageRoot,
    presetProject: bundledPresetProject,
  });
}
