import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** The major version every pinned `renovate@44` release declares in `engines.node`. */
export const requiredNodeMajor = 24;

export class RenovateUnavailableError extends Error {}

/** The folder of the pinned renovate npm package. */
export function renovatePackageDir(): string {
  try {
    return path.dirname(require.resolve('renovate/package.json'));
  } catch {
    throw new RenovateUnavailableError(
      'the renovate package is not installed: run `npm ci` in this project first',
    );
  }
}

/** The `renovate` CLI entry point of the pinned npm package. */
export function renovateEntryPoint(
  bin: 'renovate' | 'renovate-config-validator' = 'renovate',
): string {
  const dir = renovatePackageDir();
  const { bin: bins } = require(path.join(dir, 'package.json')) as { bin: Record<string, string> };
  const entry = bins[bin];
  if (!entry) {
    throw new RenovateUnavailableError(`the renovate package has no \`${bin}\` command`);
  }
  return path.join(dir, entry);
}

/** Renovate 44 refuses older Node; say so plainly instead of letting it fail mid-run. */
export function assertNodeVersion(version = process.versions.node): void {
  const major = Number(version.split('.')[0]);
  if (major < requiredNodeMajor) {
    throw new RenovateUnavailableError(
      `Renovate 44 needs Node ${requiredNodeMajor}, but this is Node ${version}: run through \`npm run\`/\`npx\`, which use the project's own Node ${requiredNodeMajor}`,
    );
  }
}
