import type { CustomManager } from 'renovate/dist/modules/manager/custom/types.js';
import type { BenchConfig } from './configs.ts';
import { presetBuiltInManagers } from './configs.ts';
import { customManagerName, presetCustomManagers } from './custom-managers.ts';

/** The config with every custom manager, which each `without ...` variant is compared with. */
export const allCustomManagers = 'all custom managers';
/** The config with none: the preset's built-in settings alone, (a0). */
export const noCustomManagers = 'no custom managers';

function variant(name: string, customManagers: CustomManager[]): BenchConfig {
  return {
    name,
    title: name,
    repoConfig: {
      ...presetBuiltInManagers(),
      ...(customManagers.length > 0 ? { customManagers } : {}),
    },
    customManagers: customManagers.length > 0,
  };
}

/**
 * Configs that attribute the preset's extract cost to its custom managers: the preset's
 * built-in settings with all of them, with none, and with all but one, for each. Renovate's
 * own durations cannot do this (it keys them by `regex`/`jsonata`, the last one to finish
 * wins, and managers run interleaved), so the cost of one manager is measured as what the run
 * saves without it. The custom managers go into the repository config directly: extraction is
 * the same as through `extends`, and the preset's policy plays no part in it.
 */
export function attributionConfigs(): BenchConfig[] {
  const all = presetCustomManagers();
  return [
    variant(noCustomManagers, []),
    variant(allCustomManagers, all),
    ...all.map((manager) =>
      variant(
        `without ${customManagerName(manager)}`,
        all.filter((other) => other !== manager),
      ),
    ),
  ];
}
