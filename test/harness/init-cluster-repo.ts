import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { type TempGitRepo, tempGitRepo } from '../../src/renovate/temp-git-repo.ts';
import { runCli } from './cli.ts';

export interface InitialisedRepo extends TempGitRepo {
  /** What `init` wrote, by path, byte for byte. */
  written: Record<string, Buffer>;
}

/**
 * A fixture cluster repository as a person leaves it after `renovate-gitops init`: a git copy of
 * the fixture without its test expectations and without its own renovate.json (the fixture's
 * `gitlab>` config is what init replaces), then the real CLI run on it. The files are written,
 * not committed, as init leaves them.
 */
export async function initialisedClusterRepo(
  fixtureDir: string,
  initArgs: readonly string[] = [],
): Promise<InitialisedRepo> {
  const repo = await tempGitRepo(fixtureDir, ['expected.json', 'renovate.json']);
  try {
    const result = await runCli(['init', repo.dir, ...initArgs]);
    if (result.code !== 0) {
      throw new Error(`renovate-gitops init failed (exit ${result.code}):\n${result.stderr}`);
    }
    const written: Record<string, Buffer> = {};
    for (const [, file] of result.stdout.matchAll(/^(?:wrote|overwrote) (.+)$/gm)) {
      if (file) {
        written[file] = await readFile(path.join(repo.dir, file));
      }
    }
    return { ...repo, written };
  } catch (err) {
    await repo.dispose();
    throw err;
  }
}
