import { execFile, execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureGitEnv, type TempGitRepo, tempGitRepo } from '../src/renovate/temp-git-repo.ts';
import type { ScanRow } from '../src/scan/scan-rows.ts';
import { type CliResult, stackTraceLine } from './harness/cli.ts';
import {
  type InstalledPackage,
  installedPackage,
  pathOutsideCheckout,
  userEnvironment,
} from './harness/installed-package.ts';
import { projectRoot } from './harness/paths.ts';

/**
 * What a user gets from the registry: the tarball `npm pack` makes, installed with npm into a
 * project outside this checkout, its `renovate-gitops` run from yet another directory (a cluster
 * repository) on the machine's own Node and on the Node 24 the package ships.
 */

let installed: InstalledPackage;
const repos: TempGitRepo[] = [];

beforeAll(async () => {
  installed = await installedPackage();
  console.log(
    `tarball ${path.basename(installed.tarball.file)}: ${installed.tarball.files.length} files, ${(installed.tarball.size / 1024).toFixed(0)} kB packed, ${(installed.tarball.unpackedSize / 1024).toFixed(0)} kB unpacked; npm pack ${installed.tarball.seconds.toFixed(0)} s, npm install ${installed.installSeconds.toFixed(0)} s`,
  );
}, 900_000);
afterAll(async () => {
  await Promise.all(repos.map((repo) => repo.dispose()));
});

/** The Node 24 binary inside the installed `node` package, found as the package finds it. */
function shippedNode(): string {
  const nodePackage = createRequire(path.join(installed.packageDir, 'package.json')).resolve(
    'node/package.json',
  );
  const platform = process.platform === 'darwin' && process.arch === 'arm64' ? 'node-bin' : 'node';
  const platformPackage = createRequire(nodePackage).resolve(
    `${platform}-${process.platform}-${process.arch}/package.json`,
  );
  const binary = path.join(path.dirname(platformPackage), 'bin/node');
  accessSync(binary, constants.X_OK);
  return binary;
}

/** A `node` older than 24 on the user's PATH (the machine's own Node), if there is one. */
function systemNode(): { dir: string; version: string } | undefined {
  for (const dir of pathOutsideCheckout().split(path.delimiter)) {
    const node = path.join(dir, 'node');
    if (!dir || !existsSync(node)) continue;
    const version = execFileSync(node, ['-p', 'process.versions.node'], {
      encoding: 'utf8',
    }).trim();
    return Number(version.split('.')[0]) < 24 ? { dir, version } : undefined;
  }
  return undefined;
}

const system = systemNode();

interface NodeOnPath {
  name: string;
  /** Put first on PATH, so that the bin's `#!/usr/bin/env node` runs this one. */
  dir(): string;
}

const nodes: NodeOnPath[] = [
  ...(system ? [{ name: `the system's Node ${system.version}`, dir: () => system.dir }] : []),
  { name: 'the shipped Node 24', dir: () => path.dirname(shippedNode()) },
];

/** The installed `renovate-gitops`, started by its shebang with `node` first on PATH. */
function runInstalled(node: NodeOnPath, args: string[], cwd: string): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      installed.bin,
      args,
      {
        cwd,
        env: userEnvironment(node.dir()),
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/**
 * A git copy of a fixture cluster repository as `renovate-gitops init` leaves it: renovate.json
 * extends `local>` this package, whose presets `scan` then takes from the installed package.
 */
async function clusterRepo(): Promise<string> {
  const repo = await tempGitRepo(path.join(projectRoot, 'fixtures/policy-repos/platform-cluster'));
  repos.push(repo);
  await writeFile(
    path.join(repo.dir, 'renovate.json'),
    `${JSON.stringify({ extends: ['local>platform/renovate-config-gitops'] }, null, 2)}\n`,
  );
  await writeFile(
    path.join(repo.dir, 'renovate-gitops.json5'),
    `{
  apps: [
    { application: 'cert-manager', automerge: 'none', schedule: ['after 10pm and before 5am every weekday'] },
    { application: 'ingress-nginx', automerge: 'minor', approveMajor: true },
    { datasource: 'docker', labels: ['image'] },
  ],
}
`,
  );
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: repo.dir, env: { ...process.env, ...fixtureGitEnv } });
  git('add', '--all');
  git('commit', '--quiet', '--no-gpg-sign', '--message', 'init');
  return repo.dir;
}

function expectClean(result: CliResult): void {
  expect(`${result.stdout}\n${result.stderr}`).not.toMatch(stackTraceLine);
}

describe('the packed tarball', () => {
  it('holds the compiled CLI, the presets and the templates, and no sources, tests or fixtures', () => {
    const { files } = installed.tarball;
    const top = [...new Set(files.map((file) => file.split('/')[0]))].sort();
    expect(top).toEqual(
      expect.arrayContaining(['default.json', 'dist', 'package.json', 'presets', 'templates']),
    );
    expect(
      top.filter(
        (entry) =>
          ![
            'CHANGELOG.md',
            'LICENSE',
            'README.md',
            'default.json',
            'dist',
            'docs',
            'package.json',
            'presets',
            'scripts',
            'templates',
          ].includes(entry ?? ''),
      ),
    ).toEqual([]);
    expect(files).toEqual(
      expect.arrayContaining([
        'dist/cli/main.js',
        'dist/cli/main.d.ts',
        'dist/cli/main.js.map',
        'dist/policy/policy-file.schema.json',
        'dist/renovate/datasource-ids.json',
        'scripts/ensure-re2.js',
        'templates/renovate-runner.gitlab-ci.yml',
      ]),
    );
    expect(files.filter((file) => file.startsWith('scripts/'))).toEqual(['scripts/ensure-re2.js']);
    expect(files.filter((file) => file.startsWith('dist/world/gitlab/'))).toEqual([]);
    expect(files.filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))).toEqual([]);
  });

  it('installs with npm into a project of its own, with the bin linked and RE2 usable', () => {
    accessSync(installed.bin, constants.X_OK);
    // Renovate's own verdict, from the installed renovate on the Node that runs it. The project
    // denies re2's install script: this is the package's postinstall's doing.
    const regex = pathToFileURL(
      path.join(
        path.dirname(
          createRequire(path.join(installed.packageDir, 'package.json')).resolve(
            'renovate/package.json',
          ),
        ),
        'dist/util/regex.js',
      ),
    ).href;
    const status = execFileSync(
      shippedNode(),
      [
        '--input-type=module',
        '-e',
        `const { regexEngineStatus } = await import(${JSON.stringify(regex)}); console.log(regexEngineStatus.type)`,
      ],
      { encoding: 'utf8' },
    );
    expect(status.trim()).toBe('available');
  });
});

describe.each(nodes)('the installed renovate-gitops on $name', (node) => {
  let repo: string;
  beforeAll(async () => {
    repo = await clusterRepo();
  });

  it('prints its usage', async () => {
    const result = await runInstalled(node, ['--help'], repo);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Usage: renovate-gitops <command>/);
    expect(result.stderr).toBe('');
  });

  it.each(['scan', 'demo', 'annotate', 'init', 'policy', 'build', 'corpus', 'check'])(
    'prints the usage of %s',
    async (command) => {
      const result = await runInstalled(node, [command, '--help'], repo);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`^Usage: renovate-gitops ${command}\\b`));
      expect(result.stderr).toBe('');
    },
  );

  it('writes the policy into renovate.json, then finds it up to date', async () => {
    const write = await runInstalled(node, ['policy'], repo);
    expect(write.code, write.stderr).toBe(0);
    expect(write.stdout).toMatch(/wrote \d+ rules from renovate-gitops\.json5 to renovate\.json$/m);
    const check = await runInstalled(node, ['policy', '--check'], repo);
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).toMatch(/renovate\.json is up to date with renovate-gitops\.json5/);
    expectClean(write);
    expectClean(check);
  });

  it('scans the repository with the installed Renovate and presets', async () => {
    const result = await runInstalled(node, ['scan', '--json'], repo);
    expect(result.code, result.stderr).toBe(0);
    expectClean(result);
    const rows = JSON.parse(result.stdout) as ScanRow[];
    expect(rows).toContainEqual({
      file: 'apps/cert-manager.yaml',
      line: 11,
      manager: 'argocd',
      dependency: 'cert-manager',
      datasource: 'helm',
      current: 'v1.18.0',
      decision: 'found',
    });
    expect(rows.filter((row) => row.decision === 'found')).toHaveLength(13);
  });

  it.each([{ args: ['scan', '--offline-world'] }, { args: ['demo'] }])(
    'says that $args needs a checkout',
    async ({ args }) => {
      const result = await runInstalled(node, args, repo);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(
        /^renovate-gitops: .* needs a checkout of renovate-config-gitops: the bundled offline world/m,
      );
      expect(result.stderr.match(/^renovate-gitops: /gm)).toHaveLength(1);
      expectClean(result);
    },
  );
});
