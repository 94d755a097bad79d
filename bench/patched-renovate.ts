import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  renovateEntryPoint,
  renovateNode,
  renovatePackageDir,
} from '../src/renovate/renovate-binary.ts';
import { BenchRunError } from './measure-run.ts';
import { type RenovatePatch, renovatePatches } from './renovate-patches.ts';

const run = promisify(execFile);

/** A patched copy of the installed Renovate, for the bench only: never shipped, never kept. */
export interface PatchedRenovate {
  /** The copy's package folder. */
  dir: string;
  /** Its `renovate` CLI, for `runRenovate({ entryPoint })`. */
  entryPoint: string;
  patches: readonly RenovatePatch[];
  dispose(): Promise<void>;
}

/** Applies a patch's edits to `text`, failing when an edit's anchor is missing or ambiguous. */
export function applyPatch(text: string, patch: RenovatePatch): string {
  return patch.edits.reduce((patched, edit) => {
    const first = patched.indexOf(edit.find);
    if (first < 0 || patched.indexOf(edit.find, first + 1) >= 0) {
      throw new BenchRunError(
        `the "${patch.name}" patch expects ${first < 0 ? 'one' : 'only one'} occurrence of\n${edit.find}\nin renovate/${patch.file}: the installed Renovate differs from the one the patch was written for; update bench/renovate-patches.ts`,
      );
    }
    return patched.slice(0, first) + edit.replace + patched.slice(first + edit.find.length);
  }, text);
}

/**
 * The copy resolves Renovate's dependencies as the installed package does: `node_modules/`
 * beside it holds a symlink to each of the project's packages, and Node follows them to the
 * real folders. The copy itself must be real files: Node identifies a module by its real path,
 * so a symlinked `dist/` file would import its neighbours from the installed, unpatched tree.
 */
async function linkDependencies(modulesDir: string, installedModulesDir: string): Promise<void> {
  const entries = await readdir(installedModulesDir);
  await Promise.all(
    entries
      .filter((name) => name !== 'renovate' && !name.startsWith('.'))
      .map((name) => symlink(path.join(installedModulesDir, name), path.join(modulesDir, name))),
  );
}

/**
 * Runs the patched `regEx()` in Renovate's Node with RE2, and fails unless it caches global
 * regexes and hands them out with `lastIndex` 0 (bench/patched-regex-check.ts).
 */
async function checkPatchedRegex(copyDir: string): Promise<void> {
  const check = path.join(import.meta.dirname, 'patched-regex-check.ts');
  try {
    await run(renovateNode().path, [check, path.join(copyDir, 'dist/util/regex.js')]);
  } catch (err) {
    const { stderr, message } = err as { stderr?: string; message: string };
    throw new BenchRunError(`the patched regEx() failed its check: ${stderr?.trim() || message}`);
  }
}

/**
 * Copies the installed Renovate to a temporary directory and applies `patches` to the copy;
 * `node_modules/renovate` stays untouched. The caller disposes of the copy.
 */
export async function createPatchedRenovate(
  patches: readonly RenovatePatch[] = renovatePatches,
): Promise<PatchedRenovate> {
  const installed = renovatePackageDir();
  const root = await mkdtemp(path.join(tmpdir(), 'renovate-patched-'));
  const dispose = () => rm(root, { recursive: true, force: true });
  try {
    const modulesDir = path.join(root, 'node_modules');
    const dir = path.join(modulesDir, 'renovate');
    await mkdir(modulesDir);
    await cp(installed, dir, { recursive: true });
    await linkDependencies(modulesDir, path.dirname(installed));
    for (const patch of patches) {
      const file = path.join(dir, patch.file);
      await writeFile(file, applyPatch(await readFile(file, 'utf8'), patch));
    }
    if (patches.some((patch) => patch.file === 'dist/util/regex.js')) {
      await checkPatchedRegex(dir);
    }
    return { dir, entryPoint: renovateEntryPoint('renovate', dir), patches, dispose };
  } catch (err) {
    await dispose();
    throw err;
  }
}
