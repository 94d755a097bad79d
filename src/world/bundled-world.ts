import path from 'node:path';
import { packageRoot } from '../shared/package-root.ts';
import { type OfflineWorld, startOfflineWorld } from './offline-world.ts';

/** The GitLab project under which the bundled world serves this package's presets. */
export const bundledPresetProject = 'platform/renovate-config-gitops';

/**
 * The offline world bundled with the package (`--offline-world`): registries answered from
 * `fixtures/world`, this package's presets served through GitLab's files API.
 */
export function startBundledWorld(): Promise<OfflineWorld> {
  return startOfflineWorld({
    dataDir: path.join(packageRoot, 'fixtures/world'),
    presetTree: packageRoot,
    presetProject: bundledPresetProject,
  });
}
