import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';

/**
 * Reads one world data file below `root`, or returns undefined when it does not exist.
 * Paths come from request URLs, so anything that would escape `root` is refused.
 */
export async function readWorldFile(
  root: string,
  ...segments: string[]
): Promise<Buffer | undefined> {
  const file = path.resolve(root, ...segments);
  if (!file.startsWith(path.resolve(root) + path.sep)) {
    return undefined;
  }
  try {
    return await readFile(file);
  } catch (err) {
    if (
      (err as NodeJS.ErrnoException).code === 'ENOENT' ||
      (err as NodeJS.ErrnoException).code === 'EISDIR'
    ) {
      return undefined;
    }
    throw err;
  }
}

export async function readWorldYaml<T>(
  root: string,
  ...segments: string[]
): Promise<T | undefined> {
  const content = await readWorldFile(root, ...segments);
  return content === undefined ? undefined : (parse(content.toString('utf8')) as T);
}

/** A git repository's refs as world data: `fixtures/world/git/<host>/<owner>/<repo>.yaml`. */
export interface GitRepoData {
  tags?: { name: string; date: string }[];
  releases?: { tag: string; date: string; prerelease?: boolean }[];
  branches?: string[];
}

/** An image's tags as world data: `fixtures/world/docker/<registry>/<repository>.yaml`. */
export interface ImageData {
  /** `digest` is the manifest digest a registry reports for the tag (`sha256:...`), if any. */
  tags: { name: string; pushed?: string; digest?: string }[];
}

/** A stable, fake commit id per ref, so that answers are deterministic across runs. */
export function fakeObjectId(seed: string): string {
  return createHash('sha1').update(seed).digest('hex');
}
