import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Edits that refuse to be no-ops: a mutation whose anchor is gone (code moved, a preset
 * renamed) would leave the copy intact, the suite would pass, and the catalogue would report
 * a hole that is not there, or, worse, stop reporting one that is.
 */

export class StaleMutationError extends Error {}

/** Replaces the one occurrence of `from` in a file of the copy. */
export async function replaceOnce(
  root: string,
  file: string,
  from: string,
  to: string,
): Promise<void> {
  const target = path.join(root, file);
  const text = await readFile(target, 'utf8');
  const count = text.split(from).length - 1;
  if (count !== 1) {
    throw new StaleMutationError(
      `${file}: expected one occurrence of ${JSON.stringify(from)}, found ${count}`,
    );
  }
  await writeFile(
    target,
    text.replace(from, () => to),
  );
}

/** Rewrites a JSON file of the copy; `change` must change it. */
export async function editJson(
  root: string,
  file: string,
  change: (json: Record<string, unknown>) => void,
): Promise<void> {
  const target = path.join(root, file);
  const before = await readFile(target, 'utf8');
  const json = JSON.parse(before) as Record<string, unknown>;
  change(json);
  const after = `${JSON.stringify(json, null, 2)}\n`;
  if (JSON.stringify(JSON.parse(before)) === JSON.stringify(json)) {
    throw new StaleMutationError(`${file}: the edit changed nothing`);
  }
  await writeFile(target, after);
}

/** The element of a list at an index, or a stale mutation. */
export function at<T>(list: unknown, index: number, what: string): T {
  if (!Array.isArray(list) || index >= list.length) {
    throw new StaleMutationError(`${what}: no element ${index}`);
  }
  return list[index] as T;
}
