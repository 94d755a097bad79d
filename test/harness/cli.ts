import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { projectRoot } from './paths.ts';

export const cliEntry = path.join(projectRoot, 'src/cli/main.ts');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A stack trace line, as Node prints one for an uncaught error: never shown for user errors. */
export const stackTraceLine = /\n\s+at /;

/**
 * Runs `renovate-gitops` as a user would: a separate Node process (this one, Node 24), its
 * output captured, its exit code returned rather than thrown.
 */
export function runCli(
  args: readonly string[],
  options: { cwd?: string; entry?: string; env?: Record<string, string> } = {},
): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [options.entry ?? cliEntry, ...args],
      {
        cwd: options.cwd ?? projectRoot,
        env: { ...process.env, ...options.env },
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** A failure as users must see it: one `renovate-gitops:` message on stderr, no stack trace. */
export function expectUserError(result: CliResult, code: number, message: RegExp): void {
  expect(result.code, result.stderr).toBe(code);
  expect(result.stderr).toMatch(message);
  expect(result.stderr.match(/^renovate-gitops: /gm)).toHaveLength(1);
  expect(`${result.stdout}\n${result.stderr}`).not.toMatch(stackTraceLine);
}

/** Every file below `dir` (but .git) with its content, to show that a failure wrote nothing. */
export async function snapshot(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const file = path.relative(dir, path.join(entry.parentPath, entry.name));
    if (!entry.isFile() || file.split(path.sep)[0] === '.git') continue;
    files[file] = await readFile(path.join(dir, file), 'utf8');
  }
  return files;
}

/** A directory that git does not know, for the "not a git repository" cases. */
export async function plainDirectory(): Promise<{ dir: string; dispose(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'not-a-repo-'));
  await writeFile(path.join(dir, 'app.yaml'), 'apiVersion: v1\nkind: ConfigMap\n');
  return { dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * A copy of this package whose node_modules has everything but renovate (symlinks to ours):
 * how the CLI behaves for someone who skipped `npm ci`, or whose install lost it.
 */
export function packageWithoutRenovate(): Promise<{ entry: string; dispose(): Promise<void> }> {
  return packageWithout(['renovate']);
}

/** A copy of this package whose node_modules has everything but `missing` (symlinks to ours). */
export async function packageWithout(missing: readonly string[]): Promise<{
  entry: string;
  dispose(): Promise<void>;
}> {
  const root = await mkdtemp(path.join(tmpdir(), 'no-renovate-'));
  await cp(path.join(projectRoot, 'src'), path.join(root, 'src'), { recursive: true });
  await cp(path.join(projectRoot, 'presets'), path.join(root, 'presets'), { recursive: true });
  // A checkout: --offline-world needs the bundled world's data.
  await symlink(path.join(projectRoot, 'fixtures'), path.join(root, 'fixtures'));
  for (const file of ['package.json', 'default.json']) {
    await cp(path.join(projectRoot, file), path.join(root, file));
  }
  await mkdir(path.join(root, 'node_modules'));
  for (const name of await readdir(path.join(projectRoot, 'node_modules'))) {
    if (missing.includes(name) || name === '.bin') continue;
    await symlink(
      path.join(projectRoot, 'node_modules', name),
      path.join(root, 'node_modules', name),
    );
  }
  return {
    entry: path.join(root, 'src/cli/main.ts'),
    dispose: () => rm(root, { recursive: true, force: true }),
  };
}
