import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { renovatePackageDir } from './renovate-binary.ts';

/**
 * A module of the pinned renovate package, so that what we accept is exactly what that
 * Renovate accepts. Loaded on demand: the datasource registry takes a second to import.
 */
async function renovateModule<T>(relativePath: string): Promise<T> {
  return (await import(pathToFileURL(path.join(renovatePackageDir(), relativePath)).href)) as T;
}

/** Every datasource id this Renovate knows (`docker`, `helm`, `github-tags`, ...). */
export async function datasourceIds(): Promise<string[]> {
  const datasources = await renovateModule<{ getDatasourceList(): string[] }>(
    'dist/modules/datasource/index.js',
  );
  return datasources.getDatasourceList();
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
