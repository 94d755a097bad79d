/** The name of this package's project wherever it is hosted: `group/.../renovate-config-gitops`. */
export const packageProjectName = 'renovate-config-gitops';

/** The GitLab project init and scan name when not told another (--project). */
export const defaultProject = `platform/${packageProjectName}`;

/** A GitLab project path, `group/project` or `group/subgroup/project`. */
export const projectPathPattern = /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)+$/;

/** The hosts a repository preset is read from; `local` is the GitLab (or GitHub...) Renovate runs on. */
export type PresetSource = 'github' | 'gitlab' | 'gitea' | 'forgejo' | 'local';

/** An `extends` entry that names a preset in a repository, taken apart as Renovate does. */
export interface RepositoryPreset {
  /** The entry as written, e.g. `local>platform/renovate-config-gitops//presets/approve-all#v1.0.0`. */
  entry: string;
  source: PresetSource;
  /** The project path, e.g. `platform/renovate-config-gitops`. */
  repo: string;
  /** The preset file in that project, without `.json`: `default`, `presets/approve-all`. */
  file: string;
  tag?: string;
}

const prefixes: readonly PresetSource[] = ['github', 'gitlab', 'gitea', 'forgejo', 'local'];

// The two shapes of lib/config/presets/parse.ts: `repo//path/name#tag` and `repo:name#tag`.
const withPath =
  /^(?<repo>~?[\w\-. /%]+?)\/\/(?:(?<presetPath>[\w\-./]+)\/)?(?<presetName>[\w\-.]+)(?:#(?<tag>[\w\-./]+?))?$/;
const withName = /^(?<repo>~?[\w\-. /%]+)(?::(?<presetName>[\w\-.+/]+))?(?:#(?<tag>[\w\-./]+?))?$/;

/**
 * The repository preset an `extends` entry names, or undefined for Renovate's built-in presets
 * (`config:recommended`, `:semanticCommits`), npm packages, URLs and relative references.
 * Follows Renovate's parsePreset: a bare `group/project` is a `local>` preset too, and a
 * trailing `(arguments)` list is not part of the name.
 */
export function parseRepositoryPreset(entry: string): RepositoryPreset | undefined {
  let rest = entry;
  let source = prefixes.find((prefix) => rest.startsWith(`${prefix}>`));
  if (source) {
    rest = rest.slice(source.length + 1);
  } else if (
    rest.includes('/') &&
    !/^(@|:|\.{0,2}\/|npm>|https?:\/\/)/.test(rest) &&
    !/^[\w-]+:/.test(rest)
  ) {
    source = 'local';
  } else {
    return undefined;
  }
  const arguments_ = rest.indexOf('(');
  if (arguments_ >= 0) rest = rest.slice(0, arguments_);
  const match = rest.includes('//') ? withPath.exec(rest) : withName.exec(rest);
  const groups = match?.groups;
  if (!groups?.repo) return undefined;
  const name = groups.presetName || 'default';
  const file = groups.presetPath ? `${groups.presetPath}/${name}` : name;
  return {
    entry,
    source,
    repo: groups.repo,
    file: file.replace(/\.json5?$/, ''),
    ...(groups.tag ? { tag: groups.tag } : {}),
  };
}

/**
 * Whether a preset comes from this package: its project is `project` (init's and scan's
 * --project), or any project named renovate-config-gitops, whatever group hosts it.
 */
export function isThisPackage(preset: RepositoryPreset, project?: string): boolean {
  return preset.repo === project || preset.repo.split('/').at(-1) === packageProjectName;
}

/** The `extends` entries of a parsed config (Renovate also accepts a single string). */
export function extendsEntries(config: Record<string, unknown>): string[] {
  const value = config.extends;
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) {
    return value.filter((entry): entry is string => typeof entry === 'string');
  }
  return [];
}

/** The entries of `config.extends` that name this package, in their order. */
export function thisPackagePresets(
  config: Record<string, unknown>,
  project?: string,
): RepositoryPreset[] {
  return extendsEntries(config)
    .map(parseRepositoryPreset)
    .filter((preset): preset is RepositoryPreset => !!preset && isThisPackage(preset, project));
}
