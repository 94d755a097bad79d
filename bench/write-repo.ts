import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type TempGitRepo, tempGitRepo } from '../src/renovate/temp-git-repo.ts';
import type { BenchConfig } from './configs.ts';
import { repoConfigFile } from './measure-run.ts';
import type { GeneratedFile } from './shapes/shape.ts';

/** Writes generated files under `root`, creating directories as needed. */
export async function writeFiles(root: string, files: readonly GeneratedFile[]): Promise<void> {
  const directories = new Set(files.map((file) => path.dirname(path.join(root, file.path))));
  for (const directory of directories) {
    await mkdir(directory, { recursive: true });
  }
  for (const file of files) {
    await writeFile(path.join(root, file.path), file.content);
  }
}

/**
 * One committed git repository per config, each holding `files` and that config's
 * renovate.json (Renovate's local platform reads only tracked files). The caller disposes them.
 */
export async function reposPerConfig(
  files: readonly GeneratedFile[],
  configs: readonly BenchConfig[],
): Promise<Map<string, TempGitRepo>> {
  const stage = await mkdtemp(path.join(tmpdir(), 'bench-stage-'));
  const repos = new Map<string, TempGitRepo>();
  try {
    await writeFiles(stage, files);
    for (const config of configs) {
      const content = `${JSON.stringify(config.repoConfig, null, 2)}\n`;
      await writeFile(path.join(stage, repoConfigFile), content);
      repos.set(config.name, await tempGitRepo(stage));
    }
    return repos;
  } catch (err) {
    await Promise.all([...repos.values()].map((repo) => repo.dispose()));
    throw err;
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
}
