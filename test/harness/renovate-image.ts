import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { renovateEntryPoint } from '../../src/renovate/renovate-binary.ts';

export interface RenovateImagePath {
  /** Put first on PATH: it holds `node`, `renovate` and `renovate-config-validator`. */
  dir: string;
  dispose(): Promise<void>;
}

/**
 * What the runner template's image (ghcr.io/renovatebot/renovate at the pinned version) puts on
 * PATH, for a job that gitlab-ci-local runs in its shell executor instead: the two commands of
 * the pinned renovate npm package and Node 24 to run them. Both commands start with
 * `#!/usr/bin/env node`, so the `node` beside them must come first on PATH: the machine's own
 * Node may be older than Renovate 44 accepts. node_modules/.bin would do too, but it also
 * holds every other tool of this project, which the image does not.
 */
export async function renovateImagePath(): Promise<RenovateImagePath> {
  const dir = await mkdtemp(path.join(tmpdir(), 'renovate-image-bin-'));
  const commands = {
    node: process.execPath,
    renovate: renovateEntryPoint('renovate'),
    'renovate-config-validator': renovateEntryPoint('renovate-config-validator'),
  };
  for (const [name, target] of Object.entries(commands)) {
    await symlink(target, path.join(dir, name));
  }
  return { dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}
