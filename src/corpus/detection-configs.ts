import { fileURLToPath } from 'node:url';
import { planRepository, writeAnnotations } from '../annotate/annotate-repository.ts';
import { bundledPresetProject } from '../world/bundled-world.ts';
import carefulUser from './careful-user.renovate.json' with { type: 'json' };

/** The GitLab project under which the offline world serves this package's presets. */
export const presetProject = bundledPresetProject;

/** One Renovate configuration that the corpus measures on every repository. */
export interface DetectionConfig {
  /** What it is, in one line: the heading of its table. */
  title: string;
  /** Written as `renovate.json` into each repository copy. */
  repoConfig: Record<string, unknown>;
  /**
   * Runs on each repository copy before Renovate does (e.g. to annotate it). `copyDir` is the
   * top level of a git repository holding the corpus files and this config as its committed
   * `renovate.json`; `env` routes a Renovate run of the hook through the offline world.
   * Whatever the hook leaves in its working tree is committed, since Renovate's local
   * platform reads tracked files only. The corpus folder itself is never written, and
   * reported lines still refer to it.
   */
  prepare?: (copyDir: string, env: Record<string, string>) => Promise<void>;
}

/** The configurations, in table order; `preset` is the one the others are compared with. */
export const configNames = ['preset', 'annotated', 'baseline', 'careful-user'] as const;

export type ConfigName = (typeof configNames)[number];

/** Whose misses `--misses` lists, and whose lead over each other configuration is printed. */
export const referenceConfig = 'preset' satisfies ConfigName;

/**
 * The data file of the careful user's config: what a user writes after reading Renovate's docs
 * (built-in managers widened to GitOps files, the community custom managers from the docs and
 * the `customManagers:*` presets), not something fitted to the corpus.
 */
export const carefulUserConfigFile = fileURLToPath(
  new URL('./careful-user.renovate.json', import.meta.url),
);

export const detectionConfigs: Record<ConfigName, DetectionConfig> = {
  preset: {
    title: `this package's preset (gitlab>${presetProject})`,
    repoConfig: { extends: [`gitlab>${presetProject}`] },
  },
  annotated: {
    title: `this package's preset after \`renovate-gitops annotate\` on the copy`,
    repoConfig: { extends: [`gitlab>${presetProject}`] },
    async prepare(copyDir, env) {
      await writeAnnotations(copyDir, await planRepository(copyDir, env));
    },
  },
  baseline: {
    title: "Renovate's built-in managers alone (argocd on all YAML, the rest at defaults)",
    // No `extends`: Renovate then applies only its option defaults, which is "built-in
    // managers at defaults"; argocd has no default file patterns, the corpus README's baseline
    // gives it every YAML file.
    repoConfig: { argocd: { managerFilePatterns: ['/\\.ya?ml$/'] } },
  },
  'careful-user': {
    title:
      "a careful user's own config (argocd and kubernetes on all YAML, helm-values on values files, the annotation and release-URL regexes of Renovate's docs)",
    repoConfig: carefulUser,
  },
};
