import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { brotliCompressSync, constants as zlibConstants } from 'node:zlib';
import { inject } from 'vitest';
import { packageJson, projectRoot } from './paths.ts';

const run = promisify(execFile);

export interface PackedTarball {
  file: string;
  /** Bytes of the .tgz. */
  size: number;
  unpackedSize: number;
  /** Paths inside the package, sorted. */
  files: string[];
  /** Wall time of `npm pack` with its prepack build. */
  seconds: number;
}

export interface InstalledPackage {
  /** A project outside this checkout with the tarball installed as its only dependency. */
  projectDir: string;
  /** The package inside it: node_modules/<name>. */
  packageDir: string;
  /** node_modules/.bin/renovate-gitops of that project (`#!/usr/bin/env node`). */
  bin: string;
  tarball: PackedTarball;
  /** Wall time of `npm install` of the tarball. */
  installSeconds: number;
}

/**
 * The environment of a user's shell: without what `npm test`/`npx` put there for this checkout
 * (npm_* config and package variables, INIT_CWD, NODE) and with PATH from pathOutsideCheckout,
 * or `pathFirst` before it.
 */
export function userEnvironment(pathFirst?: string): Record<string, string | undefined> {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !/^npm_/i.test(name) && name !== 'INIT_CWD' && name !== 'NODE',
    ),
  );
  const rest = pathOutsideCheckout();
  return { ...env, PATH: pathFirst ? `${pathFirst}${path.delimiter}${rest}` : rest };
}

/** PATH without this checkout's node_modules/.bin: what a user's shell has. */
export function pathOutsideCheckout(): string {
  return (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter((entry) => !entry.includes(`${path.sep}node_modules${path.sep}`))
    .join(path.delimiter);
}

/**
 * re2's prebuilt addon for this Node, as re2's install (run by the package's postinstall)
 * downloads it from a release mirror (`RE2_DOWNLOAD_MIRROR`, `<mirror>/uhop/node-re2/releases/
 * download/<version>/<platform>-<arch>-<abi>.br`): served from the re2 that `npm ci` installed
 * in this checkout, on 127.0.0.1, as GitHub serves it to an online install. Offline, without it,
 * the install compiles re2 from source: what `npm ci` of this checkout does, minutes on two cores.
 */
export async function re2Mirror(): Promise<{ url: string; close(): Promise<void> }> {
  const re2Dir = path.join(projectRoot, 'node_modules/re2');
  const { version } = JSON.parse(await readFile(path.join(re2Dir, 'package.json'), 'utf8')) as {
    version: string;
  };
  // Brotli's default quality takes half a minute on a 5 MB addon; 4 takes a fraction of a second.
  const addon = brotliCompressSync(await readFile(path.join(re2Dir, 'build/Release/re2.node')), {
    params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 },
  });
  const slot = `${process.platform}-${process.arch}-${process.versions.modules}`;
  const served = `/uhop/node-re2/releases/download/${version}/${slot}.br`;
  const server = createServer((request, response) => {
    if (request.url === served) {
      response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(addon);
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** `npm pack` of this checkout (its prepack builds dist/ and the presets) into `dir`. */
async function pack(dir: string): Promise<PackedTarball> {
  const started = performance.now();
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', dir], {
    cwd: projectRoot,
    maxBuffer: 64 * 1024 * 1024,
  });
  // prepack's own output comes first on stdout; the JSON report is the last thing npm prints.
  const report = JSON.parse(stdout.slice(stdout.lastIndexOf('\n[\n') + 1)) as {
    filename: string;
    size: number;
    unpackedSize: number;
    files: { path: string }[];
  }[];
  const [packed] = report;
  if (!packed) throw new Error(`npm pack reported nothing:\n${stdout}`);
  return {
    file: path.join(dir, packed.filename),
    size: packed.size,
    unpackedSize: packed.unpackedSize,
    files: packed.files.map((file) => file.path).sort(),
    seconds: (performance.now() - started) / 1000,
  };
}

async function install(dir: string, tarball: PackedTarball): Promise<InstalledPackage> {
  const { name } = packageJson;
  const projectDir = path.join(dir, 'cluster-tools');
  await mkdir(projectDir);
  // The install scripts the README asks users to allow (npm knows a tarball by its `file:`
  // path, a registry package by its name), but not re2's own: this package's postinstall
  // (scripts/ensure-re2.js) then installs re2 for the shipped Node, as it must wherever re2's
  // script is blocked or was built for another Node.
  const allowScripts = { node: true, [`file:${tarball.file}`]: true, re2: false };
  await writeFile(
    path.join(projectDir, 'package.json'),
    `${JSON.stringify({ name: 'cluster-tools', private: true, allowScripts }, null, 2)}\n`,
  );
  const mirror = await re2Mirror();
  const started = performance.now();
  try {
    // From npm's cache, which `npm ci` of this checkout filled: offline, as far as npm allows.
    await run(
      'npm',
      ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=warn', tarball.file],
      {
        cwd: projectDir,
        env: { ...userEnvironment(), RE2_DOWNLOAD_MIRROR: mirror.url },
        maxBuffer: 64 * 1024 * 1024,
      },
    );
  } finally {
    await mirror.close();
  }
  const installSeconds = (performance.now() - started) / 1000;
  return {
    projectDir,
    packageDir: path.join(projectDir, 'node_modules', name),
    bin: path.join(projectDir, 'node_modules/.bin/renovate-gitops'),
    tarball,
    installSeconds,
  };
}

const memos = new Map<string, Promise<unknown>>();

/**
 * `create`'s result, made once per test run whichever vitest worker asks first: the others
 * wait for it (the result is JSON in the run's folder, see package-run.ts) and share it.
 */
function oncePerRun<T>(name: string, create: (dir: string) => Promise<T>): Promise<T> {
  const memo = memos.get(name) ?? oncePerRunUncached(name, create);
  memos.set(name, memo);
  return memo as Promise<T>;
}

async function oncePerRunUncached<T>(
  name: string,
  create: (dir: string) => Promise<T>,
): Promise<T> {
  const runDir = inject('packageRunDir');
  const result = path.join(runDir, `${name}.json`);
  try {
    await mkdir(path.join(runDir, `${name}.lock`));
  } catch {
    while (!existsSync(result)) await sleep(500);
    const shared = JSON.parse(await readFile(result, 'utf8')) as
      | { ok: true; value: T }
      | { ok: false; error: string };
    if (!shared.ok) throw new Error(`${name} failed in another test file: ${shared.error}`);
    return shared.value;
  }
  const dir = path.join(runDir, name);
  await mkdir(dir);
  try {
    const value = await create(dir);
    await writeFile(result, JSON.stringify({ ok: true, value }));
    return value;
  } catch (err) {
    const failure = err as Error & { stdout?: string; stderr?: string };
    const error = `${failure.message}\n${failure.stdout ?? ''}${failure.stderr ?? ''}`;
    await writeFile(result, JSON.stringify({ ok: false, error }));
    throw err;
  }
}

/**
 * This checkout packed with `npm pack`, once per test run (prepack rebuilds dist/ and the
 * presets: two packs at once would race on dist/). The tarball is removed when the run ends.
 */
export function packedTarball(): Promise<PackedTarball> {
  return oncePerRun('tarball', pack);
}

/**
 * The packed tarball installed with `npm install` into a project of its own outside this
 * checkout, once per test run; installing runs the package's postinstall. Removed when the run
 * ends.
 */
export function installedPackage(): Promise<InstalledPackage> {
  return oncePerRun('installed', async (dir) => install(dir, await packedTarball()));
}
