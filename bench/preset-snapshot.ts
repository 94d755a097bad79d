import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The presets one bench run serves, frozen when it starts. */
export interface PresetSnapshot {
  /** A directory with `default.json` and `presets/*.json`, served as the preset project. */
  dir: string;
  /** sha256 of the preset files, first 12 hex digits: which presets the numbers are for. */
  digest: string;
  /** The package's git commit, `+` when the presets or their sources have uncommitted changes. */
  commit: string;
  dispose(): Promise<void>;
}

async function gitCommit(root: string): Promise<string> {
  try {
    const head = (await run('git', ['rev-parse', '--short', 'HEAD'], { cwd: root })).stdout.trim();
    const changes = (
      await run('git', ['status', '--porcelain', '--', 'default.json', 'presets', 'src'], {
        cwd: root,
      })
    ).stdout.trim();
    return changes ? `${head}+` : head;
  } catch {
    return 'unknown';
  }
}

/**
 * Copies the package's generated presets to a temporary directory. The offline world reads
 * preset files at every request, and a run takes many minutes: serving a copy keeps every run
 * of one bench on the same presets, even when the working tree changes meanwhile.
 */
export async function snapshotPresets(root: string): Promise<PresetSnapshot> {
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-presets-'));
  const files = [
    'default.json',
    ...(await readdir(path.join(root, 'presets')))
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map((name) => `presets/${name}`),
  ];
  const hash = createHash('sha256');
  for (const file of files) {
    await cp(path.join(root, file), path.join(dir, file));
    hash
      .update(file)
      .update('\0')
      .update(await readFile(path.join(root, file)))
      .update('\0');
  }
  return {
    dir,
    digest: hash.digest('hex').slice(0, 12),
    commit: await gitCommit(root),
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}
