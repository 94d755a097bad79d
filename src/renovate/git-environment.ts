/**
 * git settings for the Renovate we start, passed the way git reads `-c key=value` from the
 * environment (git 2.31+): GIT_CONFIG_COUNT=n, then GIT_CONFIG_KEY_i and GIT_CONFIG_VALUE_i for
 * i < n. Entries later in the list win over earlier ones for the same key.
 */

export interface GitConfigEntry {
  key: string;
  value: string;
}

type Environment = Readonly<Record<string, string | undefined>>;

/**
 * `core.quotePath=false`: Renovate's local platform (`--platform=local`, what every run of this
 * CLI uses) lists the repository with a bare `git ls-files` (lib/modules/platform/local/scm.ts).
 * With git's default `core.quotePath=true` that prints `apps/ü.yaml` as `"apps/\303\274.yaml"`,
 * Renovate takes the quoted text for the path, no file pattern matches it, and every pin in a file
 * or folder with a non-ASCII name goes unreported. On GitLab and the other git platforms Renovate
 * lists files through its own git wrapper, which passes this setting itself. Names with `"`, `\`
 * or control characters stay quoted either way: git quotes those regardless of the setting.
 */
export const renovateGitConfig: readonly GitConfigEntry[] = [
  { key: 'core.quotePath', value: 'false' },
];

const countVariable = 'GIT_CONFIG_COUNT';
const listVariable = /^GIT_CONFIG_(?:KEY|VALUE)_\d+$/;

/**
 * The GIT_CONFIG_* list of an environment, in order. Fails, naming the variable, where git
 * itself would refuse to start (`bogus count in GIT_CONFIG_COUNT`, `missing config key ...`).
 */
export function gitConfigEntries(env: Environment): GitConfigEntry[] {
  const count = env[countVariable];
  if (count === undefined || count === '') {
    return [];
  }
  if (!/^\d+$/.test(count)) {
    throw new Error(`${countVariable}=${count} is not a count: git would refuse to run`);
  }
  return Array.from({ length: Number(count) }, (_, index) => {
    const key = env[`GIT_CONFIG_KEY_${index}`];
    const value = env[`GIT_CONFIG_VALUE_${index}`];
    if (key === undefined || value === undefined) {
      const missing = key === undefined ? 'KEY' : 'VALUE';
      throw new Error(
        `${countVariable}=${count} but GIT_CONFIG_${missing}_${index} is not set: git would refuse to run`,
      );
    }
    return { key, value };
  });
}

/** The environment with one more entry at the end of its GIT_CONFIG_* list (so it wins). */
export function appendGitConfig(
  env: Environment,
  key: string,
  value: string,
): Record<string, string> {
  const index = gitConfigEntries(env).length;
  return {
    ...definedOnly(env),
    [countVariable]: String(index + 1),
    [`GIT_CONFIG_KEY_${index}`]: key,
    [`GIT_CONFIG_VALUE_${index}`]: value,
  };
}

/**
 * `overrides` over `base`, except that the two GIT_CONFIG_* lists are joined rather than one
 * replacing the other: base's entries first, so that an override of the same key still wins.
 * Spreading one environment over the other would keep base's GIT_CONFIG_KEY_0 under the
 * override's GIT_CONFIG_COUNT, or drop base's entries, depending on the counts.
 */
export function mergeEnvironments(
  base: Environment,
  overrides: Environment,
): Record<string, string> {
  const merged = { ...withoutGitConfig(base), ...withoutGitConfig(overrides) };
  return [...gitConfigEntries(base), ...gitConfigEntries(overrides)].reduce<Record<string, string>>(
    (env, entry) => appendGitConfig(env, entry.key, entry.value),
    merged,
  );
}

function withoutGitConfig(env: Environment): Record<string, string> {
  return Object.fromEntries(
    Object.entries(definedOnly(env)).filter(
      ([name]) => name !== countVariable && !listVariable.test(name),
    ),
  );
}

function definedOnly(env: Environment): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}
