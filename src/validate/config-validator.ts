import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { renovateEntryPoint, renovateNode } from '../renovate/renovate-binary.ts';

const execFileAsync = promisify(execFile);

export interface ValidatorResult {
  ok: boolean;
  output: string;
}

/**
 * Renovate's own `renovate-config-validator --strict` on the given preset files, as repo
 * configuration (`--no-global`): fails on errors, warnings and any needed migration (such as
 * `fileMatch` instead of `managerFilePatterns`).
 */
export async function runConfigValidator(
  cwd: string,
  files: readonly string[],
): Promise<ValidatorResult> {
  const node = renovateNode();
  const args = [
    renovateEntryPoint('renovate-config-validator'),
    '--strict',
    '--no-global',
    ...files,
  ];
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'info' };
  try {
    const { stdout, stderr } = await execFileAsync(node.path, args, { cwd, env });
    return { ok: true, output: stdout + stderr };
  } catch (err) {
    const failure = err as { stdout?: string; stderr?: string };
    return { ok: false, output: (failure.stdout ?? '') + (failure.stderr ?? '') };
  }
}
