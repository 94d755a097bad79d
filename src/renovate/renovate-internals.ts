import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { renovatePackageDir } from './renovate-binary.ts';

/**
 * A module of the pinned renovate package, so that what we accept is exactly what that
 * Renovate accepts. Loaded on demand: the datasource registry takes a second to import.
 */
async function renovateModule<T>(relativePath: string): Promise<T> {
  return (await import(pathToFileURL(path.join(renovatePackageDir(), relativePath)).href)) as T;
}

/** The version of the pinned renovate package. */
export function renovateVersion(): string {
  const file = path.join(renovatePackageDir(), 'package.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

/** Every datasource id Renovate's own registry lists, in its order. */
export async function renovateDatasourceIds(): Promise<string[]> {
  const datasources = await renovateModule<{ getDatasourceList(): string[] }>(
    'dist/modules/datasource/index.js',
  );
  return datasources.getDatasourceList();
}

/** The ids of the pinned Renovate, written by `npm run build` (scripts/datasource-ids.ts). */
export const datasourceIdsFile = fileURLToPath(new URL('./datasource-ids.json', import.meta.url));

/**
 * Every datasource id this Renovate knows (`docker`, `helm`, `github-tags`, ...): from the
 * list recorded for the pinned version, or, when another Renovate is installed, from its
 * registry (which takes a second to import: `policy` would spend it on every run).
 */
export async function datasourceIds(): Promise<string[]> {
  const recorded = JSON.parse(readFileSync(datasourceIdsFile, 'utf8')) as {
    renovateVersion: string;
    datasourceIds: string[];
  };
  return recorded.renovateVersion === renovateVersion()
    ? recorded.datasourceIds
    : renovateDatasourceIds();
}

/** Why Renovate would reject one `schedule` entry, or undefined when it accepts it. */
export async function scheduleProblem(schedule: string): Promise<string | undefined> {
  const { hasValidSchedule } = await renovateModule<{
    hasValidSchedule(schedule: string[]): [boolean, string?];
  }>('dist/workers/repository/update/branch/schedule.js');
  const [valid, message] = hasValidSchedule([schedule]);
  return valid ? undefined : (message ?? 'invalid schedule').replace(/^Invalid schedule: /, '');
}

/**
 * A schedule in the form Renovate migrates it to (`after 10pm and before 5am every weekday`
 * becomes two entries), so that generated config needs no migration: Renovate's
 * `renovate-config-validator --strict` fails on config that does.
 */
export async function migrateSchedule(schedule: readonly string[]): Promise<string[]> {
  const { migrateConfig } = await renovateModule<{
    migrateConfig(config: { schedule: string[] }): { migratedConfig: { schedule?: string[] } };
  }>('dist/config/migration.js');
  return migrateConfig({ schedule: [...schedule] }).migratedConfig.schedule ?? [...schedule];
}

/**
 * Whether a file is one a manager with these `managerFilePatterns` reads, decided by
 * Renovate's own matcher (minimatch with `dot` and `nocase`, or a `/regex/`).
 */
export async function managerFileMatcher(
  patterns: readonly string[],
): Promise<(file: string) => boolean> {
  const { matchRegexOrGlobList } = await renovateModule<{
    matchRegexOrGlobList(input: string, patterns: string[]): boolean;
  }>('dist/util/string-match.js');
  return (file) => matchRegexOrGlobList(file, [...patterns]);
}

/**
 * The options Renovate merges rather than replaces when a config extends another (arrays are
 * concatenated, objects merged key by key), with their type: what `mergeChildConfig`
 * (lib/config/utils.ts) consults. Its own function is not called because its trace logging
 * warns on stdout while Renovate's logger is not set up.
 */
export async function mergeableOptions(): Promise<Map<string, string>> {
  const options = await renovateModule<{
    getOptions(): { name: string; type: string; mergeable?: boolean }[];
  }>('dist/config/options/index.js');
  return new Map(
    options
      .getOptions()
      .filter((option) => option.mergeable)
      .map((option) => [option.name, option.type]),
  );
}

/** Renovate's own template renderer, as its custom managers render `*Template` fields. */
export async function templateRenderer(): Promise<
  (template: string, input: Record<string, unknown>) => string
> {
  const { compile } = await renovateModule<{
    compile(template: string, input: Record<string, unknown>, filterFields: boolean): string;
  }>('dist/util/template/index.js');
  return (template, input) => compile(template, input, false);
}

/** Renovate's own rules for a custom manager's dependency: the fields it reads, and validity. */
export async function customDependencyRules(): Promise<{
  validMatchFields: readonly string[];
  isValidDependency(dep: Record<string, unknown>): boolean;
}> {
  return renovateModule('dist/modules/manager/custom/utils.js');
}
