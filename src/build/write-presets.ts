import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { PresetSource } from '../presets/preset.ts';
import { serializePreset } from './serialize-preset.ts';
import type { FileToWrite } from './write-files-atomically.ts';

/** A generated preset file, written with `writeFilesAtomically`. */
export type GeneratedFile = FileToWrite;

export function generatedFiles(presets: readonly PresetSource[]): GeneratedFile[] {
  return presets.map((preset) => ({
    path: `${preset.file}.json`,
    content: serializePreset(preset),
  }));
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
