import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** A file to write: its path relative to a root, and its whole content. */
export interface FileToWrite {
  path: string;
  content: string;
}

/**
 * Writes every file to a temporary sibling first and renames them into place only when all
 * were written, so that a failure (a full disk, a read-only directory) never leaves a
 * half-written file or only some of the files behind. This is the one way this package writes
 * files: generated presets, `init`'s starter files, `policy`'s renovate.json.
 */
export async function writeFilesAtomically(
  root: string,
  files: readonly FileToWrite[],
): Promise<void> {
  const staged: { temp: string; target: string }[] = [];
  try {
    for (const file of files) {
      const target = path.resolve(root, file.path);
      const temp = `${target}.${process.pid}.tmp`;
      await mkdir(path.dirname(target), { recursive: true });
      staged.push({ temp, target });
      await writeFile(temp, file.content);
    }
  } catch (err) {
    await Promise.all(staged.map(({ temp }) => rm(temp, { force: true })));
    throw err;
  }
  for (const { temp, target } of staged) {
    await rename(temp, target);
  }
}
