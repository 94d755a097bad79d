import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { CustomManager } from 'renovate/dist/modules/manager/custom/types.js';
import { UserError } from '../src/shared/user-error.ts';

const run = promisify(execFile);

/** How `--compare-presets` names the working tree's presets, as they are on disk. */
export const workingTree = '.';

/** The custom managers the default preset gave Renovate at one revision. */
export interface PresetsAtRevision {
  /** As given: anything `git rev-parse` resolves to a commit, or `.` for the working tree. */
  revision: string;
  /** Short hash of the commit; for `.`, HEAD's, with `+` when the presets differ from it. */
  commit: string;
  /**
   * The last commit up to the revision that changed default.json or presets/: what the row
   * measures (the revision itself may be any later commit). Absent for uncommitted presets.
   */
  lastChange?: { commit: string; subject: string };
  /** The preset files the managers came from, in the order Renovate merges them. */
  files: string[];
  customManagers: CustomManager[];
}

type Described = Pick<PresetsAtRevision, 'commit' | 'lastChange'>;

/** Reads one file as it is at the revision, or undefined where the revision has no such file. */
type FileReader = (file: string) => Promise<string | undefined>;

async function git(root: string, args: string[]): Promise<string> {
  return (await run('git', args, { cwd: root })).stdout.trim();
}

function workingTreeReader(root: string): FileReader {
  return (file) => readFile(path.join(root, file), 'utf8').catch(() => undefined);
}

function commitReader(root: string, commit: string): FileReader {
  return (file) => git(root, ['show', `${commit}:${file}`]).catch(() => undefined);
}

/** The full hash of `revision`, or a UserError naming it (no stack trace, no git noise). */
async function resolveCommit(root: string, revision: string): Promise<string> {
  try {
    // --end-of-options: a revision such as `--all` must not reach git as an option.
    return await git(root, [
      'rev-parse',
      '--verify',
      '--quiet',
      '--end-of-options',
      `${revision}^{commit}`,
    ]);
  } catch {
    throw new UserError(
      `--compare-presets ${revision}: no such revision in ${root} (a commit, tag or branch git rev-parse knows, or . for the working tree)`,
    );
  }
}

async function readPreset(
  read: FileReader,
  revision: string,
  file: string,
): Promise<Record<string, unknown> | undefined> {
  const text = await read(file);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch (err) {
    throw new UserError(
      `--compare-presets ${revision}: ${file} is not JSON there (${(err as Error).message})`,
    );
  }
}

/**
 * The preset files `default.json` extends by relative reference (`./presets/argocd`), depth
 * first in Renovate's merge order, each once. Following the default rather than naming files
 * covers every layout the package had: one building block per shape before presets/detection
 * existed (3e95d41 and earlier), the merged detection preset since. Other references
 * (`config:recommended`, `gitlab>...`) carry none of our managers and are skipped.
 */
async function extendedFiles(
  read: FileReader,
  revision: string,
  file: string,
  seen: Set<string>,
): Promise<{ file: string; preset: Record<string, unknown> }[]> {
  if (seen.has(file)) return [];
  seen.add(file);
  const preset = await readPreset(read, revision, file);
  if (!preset) return [];
  const references = Array.isArray(preset.extends) ? preset.extends : [];
  const nested = [];
  for (const reference of references) {
    if (typeof reference !== 'string' || !reference.startsWith('./')) continue;
    const target = `${path.posix.normalize(reference)}${reference.endsWith('.json') ? '' : '.json'}`;
    nested.push(...(await extendedFiles(read, revision, target, seen)));
  }
  return [...nested, { file, preset }];
}

const presetPaths = ['default.json', 'presets'];

async function lastChange(root: string, commit: string): Promise<Described['lastChange']> {
  const [hash = '', ...subject] = (
    await git(root, ['log', '-1', '--format=%h %s', commit, '--', ...presetPaths])
  ).split(' ');
  return hash ? { commit: hash, subject: subject.join(' ') } : undefined;
}

async function describeCommit(root: string, commit: string): Promise<Described> {
  const changed = await lastChange(root, commit);
  return {
    commit: await git(root, ['rev-parse', '--short', commit]),
    ...(changed ? { lastChange: changed } : {}),
  };
}

async function describeWorkingTree(root: string): Promise<Described> {
  const head = await describeCommit(root, 'HEAD');
  const changed = await git(root, ['status', '--porcelain', '--', ...presetPaths]);
  return changed ? { commit: `${head.commit}+` } : head;
}

/**
 * The custom managers of the default preset at `revision` of the git repository at `root`,
 * read once: later changes to the working tree do not reach a comparison that has started.
 * Fails with a UserError naming the revision when git does not know it or it has no presets.
 */
export async function presetsAtRevision(
  root: string,
  revision: string,
): Promise<PresetsAtRevision> {
  let read: FileReader;
  let described: Described;
  if (revision === workingTree) {
    read = workingTreeReader(root);
    described = await describeWorkingTree(root);
  } else {
    const commit = await resolveCommit(root, revision);
    read = commitReader(root, commit);
    described = await describeCommit(root, commit);
  }
  const found = await extendedFiles(read, revision, 'default.json', new Set());
  if (found.length === 0) {
    throw new UserError(
      `--compare-presets ${revision}: no default.json at ${described.commit}, so no presets to compare`,
    );
  }
  const withManagers = found.filter(({ preset }) => Array.isArray(preset.customManagers));
  const customManagers = withManagers.flatMap(
    ({ preset }) => preset.customManagers as CustomManager[],
  );
  if (customManagers.length === 0) {
    throw new UserError(
      `--compare-presets ${revision}: the presets at ${described.commit} (${found.map(({ file }) => file).join(', ')}) have no custom managers to compare`,
    );
  }
  return {
    revision,
    ...described,
    files: withManagers.map(({ file }) => file),
    customManagers,
  };
}
