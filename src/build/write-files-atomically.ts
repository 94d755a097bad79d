import { randomBytes } from 'node:crypto';
import { copyFile, link, lstat, mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/** A file to write: its path relative to a root, and its whole content. */
export interface FileToWrite {
  path: string;
  content: string;
}

/** The file system calls the writer makes; tests pass their own to inject failures. */
export interface FileOperations {
  mkdir(dir: string): Promise<unknown>;
  /** Writes the whole file and flushes it to disk before resolving. */
  writeFile(file: string, content: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  /** A second name for an existing file (a hard link), or a copy where links are refused. */
  keepCopy(file: string, copy: string): Promise<void>;
  exists(file: string): Promise<boolean>;
  remove(file: string): Promise<void>;
}

export const nodeFileOperations: FileOperations = {
  mkdir: (dir) => mkdir(dir, { recursive: true }),
  async writeFile(file, content) {
    const handle = await open(file, 'wx');
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  rename,
  async keepCopy(file, copy) {
    // A hard link leaves no moment without the original; where the file system refuses
    // links (EXDEV, EPERM on some mounts) a copy does the same job.
    await link(file, copy).catch(() => copyFile(file, copy));
  },
  exists: (file) =>
    lstat(file).then(
      () => true,
      () => false,
    ),
  remove: (file) => rm(file, { force: true }),
};

interface StagedFile {
  target: string;
  temp: string;
  /** Where the previous version is kept until every file is in place, if there was one. */
  backup?: string;
}

async function removeAll(operations: FileOperations, files: (string | undefined)[]): Promise<void> {
  await Promise.all(
    files
      .filter((file): file is string => file !== undefined)
      .map((file) => operations.remove(file).catch(() => {})),
  );
}

/**
 * Writes all files or none. Every file is first written (and flushed) to a temporary sibling;
 * then the previous version of each target is kept under a second name; only then are the
 * temporaries renamed over the targets, each rename atomic. If anything fails, the targets
 * already replaced get their previous version back (or are removed if they are new), so that
 * a failure (a full disk, a directory where a file should be) never leaves a half-written
 * file or a mix of old and new files behind. This is the one way this package writes files:
 * generated presets, `init`'s starter files, `policy`'s renovate.json.
 */
export async function writeFilesAtomically(
  root: string,
  files: readonly FileToWrite[],
  operations: FileOperations = nodeFileOperations,
): Promise<void> {
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const staged: StagedFile[] = [];
  try {
    for (const file of files) {
      const target = path.resolve(root, file.path);
      await operations.mkdir(path.dirname(target));
      const entry: StagedFile = { target, temp: `${target}.${tag}.tmp` };
      staged.push(entry);
      await operations.writeFile(entry.temp, file.content);
    }
    for (const entry of staged) {
      if (await operations.exists(entry.target)) {
        const backup = `${entry.target}.${tag}.bak`;
        await operations.keepCopy(entry.target, backup);
        entry.backup = backup;
      }
    }
  } catch (err) {
    await removeAll(
      operations,
      staged.flatMap((entry) => [entry.temp, entry.backup]),
    );
    throw err;
  }

  const replaced: StagedFile[] = [];
  try {
    for (const entry of staged) {
      await operations.rename(entry.temp, entry.target);
      replaced.push(entry);
    }
  } catch (err) {
    for (const entry of replaced.reverse()) {
      await (entry.backup
        ? operations.rename(entry.backup, entry.target)
        : operations.remove(entry.target)
      ).catch(() => {});
    }
    await removeAll(
      operations,
      staged.flatMap((entry) => [entry.temp, entry.backup]),
    );
    throw err;
  }
  await removeAll(
    operations,
    staged.map((entry) => entry.backup),
  );
}
