import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  defaultProject,
  extendsEntries,
  isThisPackage,
  packageProjectName,
  parseRepositoryPreset,
  type RepositoryPreset,
} from '../policy/preset-reference.ts';
import {
  findRenovateConfigs,
  parseRenovateConfig,
  type RenovateConfigFile,
} from '../policy/renovate-config-file.ts';
import { mergeableOptions } from '../renovate/renovate-internals.ts';
import { packageRoot } from '../shared/package-root.ts';
import { UserError } from '../shared/user-error.ts';
import {
  flattenPackagePreset,
  mergeConfig,
  packagePresetFiles,
  type RenovateConfig,
} from './package-presets.ts';

const execFileAsync = promisify(execFile);

const packageVersion = (
  JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { version: string }
).version;

export interface ScanConfigOptions {
  /** Scan as if the repository's config extended this package's default preset. */
  preset: boolean;
  /** The project of this package that the repository's extends names (default: any named renovate-config-gitops). */
  project?: string;
}

/**
 * How scan runs Renovate on a repository's config, and what it tells the user about it.
 * Nothing here writes to the repository: this package's presets reach Renovate as a static
 * repository config (RENOVATE_X_STATIC_REPO_CONFIG_FILE), which Renovate merges under the
 * repository's own keys but over the presets it extends: the same as one more entry at the
 * end of its `extends`. Entries Renovate cannot read under `--platform=local` (every `local>`
 * preset: that platform has no API to fetch them from) are dropped through the global
 * `migratePresets` (an entry migrated to "" is removed before presets are resolved).
 */
export interface ScanConfig {
  /** Warnings and notes for stderr, one line each, `warning: ` or `note: ` first. */
  messages: string[];
  /** Config that stands in for this package's presets, if the run needs one. */
  standIn?: RenovateConfig;
  /** `extends` entries Renovate must drop (`local>` presets it cannot read). */
  dropPresets: string[];
}

/** The files git tracks below `dir`, relative to it: all `--platform=local` lets Renovate see. */
async function trackedFiles(dir: string): Promise<Set<string>> {
  const { stdout } = await execFileAsync('git', ['ls-files', '-z'], {
    cwd: dir,
    maxBuffer: 256 * 1024 * 1024,
  });
  return new Set(stdout.split('\0').filter(Boolean));
}

const consequence =
  'Renovate scans with its own managers only, which miss most pins in a GitOps repository';

/** The local> reference users add to extends: what init writes. */
function referenceToAdd(project: string | undefined): string {
  return `local>${project ?? defaultProject}`;
}

/** The one config file Renovate reads here (git tracks it; package.json it reads regardless). */
function configRenovateReads(
  configs: readonly RenovateConfigFile[],
  tracked: ReadonlySet<string>,
  messages: string[],
): RenovateConfigFile | undefined {
  for (const config of configs) {
    if (config.path === 'package.json' || tracked.has(config.path)) return config;
    messages.push(
      `warning: ${config.path} is not tracked by git, and Renovate reads only tracked files: it ignores it until you \`git add ${config.path}\``,
    );
  }
  return undefined;
}

/** What scan says and passes to Renovate for the config of the repository at `dir`. */
export async function planScanConfig(dir: string, options: ScanConfigOptions): Promise<ScanConfig> {
  const messages: string[] = [];
  const configs = await findRenovateConfigs(dir);
  const config = configRenovateReads(configs, await trackedFiles(dir), messages);
  const label = `${packageProjectName} ${packageVersion}`;
  if (!config) {
    if (!options.preset) {
      // An untracked config file has its own warning: "write one" would be the wrong advice.
      if (configs.length > 0) return { messages, dropPresets: [] };
      messages.push(
        `warning: no Renovate config in this repository (renovate.json or another file Renovate reads), so ${consequence}. \`renovate-gitops init\` writes one that extends "${referenceToAdd(options.project)}"; \`renovate-gitops scan --preset\` tries that first`,
      );
      return { messages, dropPresets: [] };
    }
    messages.push(
      `note: scanning as if this repository had a renovate.json extending this package's default preset (${label}); nothing is written`,
    );
    return { messages, standIn: await standInFor(['default']), dropPresets: [] };
  }

  let parsed: RenovateConfig;
  try {
    parsed = parseRenovateConfig(config);
  } catch (err) {
    // Renovate reports a config it cannot parse itself, in the words it uses on GitLab.
    if (err instanceof UserError) return { messages, dropPresets: [] };
    throw err;
  }
  const presets = extendsEntries(parsed)
    .map(parseRepositoryPreset)
    .filter((preset): preset is RepositoryPreset => preset !== undefined);
  const ours = presets.filter((preset) => isThisPackage(preset, options.project));
  const oursLocal = ours.filter((preset) => preset.source === 'local');
  const othersLocal = presets.filter(
    (preset) => preset.source === 'local' && !isThisPackage(preset, options.project),
  );
  for (const preset of othersLocal) {
    messages.push(
      `warning: ${config.path} extends "${preset.entry}", which scan cannot read: Renovate reads local> presets from the GitLab it runs on, and scan has none. What that preset sets is missing from this scan`,
    );
  }

  const standIns = oursLocal.map((preset) => preset.file);
  if (oursLocal.length > 0) {
    const tags = oursLocal.flatMap((preset) => (preset.tag ? [preset.tag] : []));
    const otherTag = tags.find((tag) => tag !== `v${packageVersion}`);
    messages.push(
      `note: ${config.path} extends ${oursLocal.map((preset) => `"${preset.entry}"`).join(', ')}, which Renovate reads from the GitLab it runs on: scan, which has none, uses this package's own ${standIns.map((file) => `${file}.json`).join(', ')} (${label}${otherTag ? `, not ${otherTag}` : ''}) in its place`,
    );
  }
  if (ours.length === 0) {
    if (options.preset) {
      standIns.push('default');
      messages.push(
        `note: scanning as if ${config.path} extended this package's default preset (${label}) after its other presets; nothing is written`,
      );
    } else {
      messages.push(
        `warning: ${config.path} does not extend ${packageProjectName} directly: unless one of its presets does, ${consequence}. Add "${referenceToAdd(options.project)}" to its extends (\`renovate-gitops init\` does), or try it first with \`renovate-gitops scan --preset\``,
      );
    }
  } else if (options.preset) {
    messages.push(
      `note: ${config.path} already extends ${ours.map((preset) => `"${preset.entry}"`).join(', ')}: --preset adds nothing`,
    );
  }
  await assertPackageHas(config.path, oursLocal);
  return {
    messages,
    ...(standIns.length > 0 ? { standIn: await standInFor(standIns) } : {}),
    dropPresets: [...oursLocal, ...othersLocal].map((preset) => preset.entry),
  };
}

/** A local> reference to a preset file this package does not ship is the user's to fix. */
async function assertPackageHas(
  configPath: string,
  presets: readonly RepositoryPreset[],
): Promise<void> {
  const files = await packagePresetFiles();
  const missing = presets.find((preset) => !files.includes(preset.file));
  if (missing) {
    throw new UserError(
      `${configPath} extends "${missing.entry}", but ${packageProjectName} ${packageVersion} has no preset ${missing.file}.json: its presets are ${files.join(', ')}`,
      1,
    );
  }
}

/** This package's preset files merged in order into one config. */
async function standInFor(files: readonly string[]): Promise<RenovateConfig> {
  const mergeable = await mergeableOptions();
  let merged: RenovateConfig = {};
  for (const file of files) {
    const { extends: before = [] } = merged;
    const { extends: after = [], ...flattened } = await flattenPackagePreset(
      file,
      packageRoot,
      mergeable,
    );
    merged = mergeConfig(merged, flattened, mergeable);
    const builtIn = [...(before as string[]), ...(after as string[])];
    if (builtIn.length > 0) merged.extends = builtIn;
  }
  return merged;
}

/**
 * What Renovate needs for the planned config: this package's presets as a static repository
 * config file (in a folder of ours, removed afterwards) and the entries it must drop.
 */
export async function renovateConfigInputs(plan: ScanConfig): Promise<{
  env: Record<string, string>;
  globalConfig: Record<string, unknown>;
  dispose(): Promise<void>;
}> {
  const globalConfig =
    plan.dropPresets.length > 0
      ? { migratePresets: Object.fromEntries(plan.dropPresets.map((entry) => [entry, ''])) }
      : {};
  if (!plan.standIn) return { env: {}, globalConfig, dispose: async () => {} };
  const folder = await mkdtemp(path.join(tmpdir(), 'scan-preset-'));
  const file = path.join(folder, 'renovate.json');
  await writeFile(file, JSON.stringify(plan.standIn, null, 2));
  return {
    env: { RENOVATE_X_STATIC_REPO_CONFIG_FILE: file },
    globalConfig,
    dispose: () => rm(folder, { recursive: true, force: true }),
  };
}
