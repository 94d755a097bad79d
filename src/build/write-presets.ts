import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PresetSource } from '../presets/preset.ts';
import { serializePreset } from './serialize-preset.ts';

export interface GeneratedFile {
  path: string;
  content: string;
}

export function generatedFiles(presets: readonly PresetSource[]): GeneratedFile[] {
  return presets.map((preset) => ({
    path: `${preset.file}.json`,
    content: serializePreset(preset),
  }));
}

/**
 * Writes every file to a temporary sibling first and renames them into place only when all
 * were written, so that a failed build never leaves a half-written preset behind.
 */
export async function writeGeneratedFiles(
  root: string,
  files: readonly GeneratedFile[],
): Promise<void> {
  const staged: { temp: string; target: string }[] = [];
  try {
    for (const file of files) {
      const target = path.join(root, file.path);
      const temp = `${target}.${process.pid}.tmp`;
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(temp, file.content);
      staged.push({ temp, target });
    }
  } catch (err) {
    await Promise.all(staged.map(({ temp }) => rm(temp, { force: true })));
    throw err;
  }
  for (const { temp, target } of staged) {
    await rename(temp, target);
  }
}

/** Files whose checked-in content differs from what the generator writes. */
export async function staleFiles(root: string, files: readonly GeneratedFile[]): Promise<string[]> {
  const stale: string[] = [];
  for (const file of files) {
    const current = await readFile(path.join(root, file.path), 'utf8').catch(() => undefined);
    if (current !== file.content) {
      stale.push(file.path);
    }
  }
  return stale;
}
