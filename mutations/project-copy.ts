import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface ProjectCopy {
  dir: string;
  /**
   * Remembers the copy's files as they are; the function it returns puts back those that
   * changed since, and names them.
   */
  snapshot(): Promise<() => Promise<string[]>>;
  dispose(): Promise<void>;
}

/**
 * A copy of the project's tracked files as they are in the working tree (uncommitted edits
 * included; untracked files, such as another tool's scratch folders, left out) with
 * node_modules linked, not copied: the mutations touch sources and generated presets, never
 * dependencies.
 */
export async function copyProject(root: string): Promise<ProjectCopy> {
  const dir = await mkdtemp(path.join(tmpdir(), 'mutation-'));
  const { stdout } = await run('git', ['ls-files', '-z', '--cached'], {
    cwd: root,
    maxBuffer: 64 * 1024 * 1024,
  });
  const files = stdout.split('\0').filter(Boolean);
  for (const file of files) {
    const target = path.join(dir, file);
    await mkdir(path.dirname(target), { recursive: true });
    // A tracked file deleted in the working tree is simply not copied.
    await cp(path.join(root, file), target).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
    });
  }
  await symlink(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
  const read = (file: string) => readFile(path.join(dir, file)).catch(() => undefined);
  const snapshot = async () => {
    const before = new Map<string, Buffer | undefined>();
    for (const file of files) before.set(file, await read(file));
    return async () => {
      const changed: string[] = [];
      for (const [file, content] of before) {
        const now = await read(file);
        if (content === undefined || now?.equals(content)) continue;
        await writeFile(path.join(dir, file), content);
        changed.push(file);
      }
      return changed;
    };
  };
  return { dir, snapshot, dispose: () => rm(dir, { recursive: true, force: true }) };
}
