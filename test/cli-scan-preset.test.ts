import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { tempGitRepo } from '../src/renovate/temp-git-repo.ts';
import type { ScanRow } from '../src/scan/scan-rows.ts';
import { runCli, snapshot } from './harness/cli.ts';
import { packageJson, projectRoot } from './harness/paths.ts';

const git = promisify(execFile);
const fixture = path.join(projectRoot, 'fixtures/policy-repos/platform-cluster');
const { version } = packageJson;

const repos: { dispose(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(repos.splice(0).map((repo) => repo.dispose()));
});

/**
 * The platform-cluster fixture with `renovateJson` as its renovate.json (none when undefined),
 * tracked by git unless `untracked`.
 */
async function clusterRepo(
  renovateJson: string | undefined,
  { untracked = false } = {},
): Promise<string> {
  const repo = await tempGitRepo(fixture, ['renovate.json']);
  repos.push(repo);
  if (renovateJson !== undefined) {
    await writeFile(path.join(repo.dir, 'renovate.json'), renovateJson);
    if (!untracked) await git('git', ['add', 'renovate.json'], { cwd: repo.dir });
  }
  return repo.dir;
}

/** scan's warnings and notes, one per line, without Renovate's progress lines. */
function messages(stderr: string): string[] {
  return stderr.split('\n').filter((line) => /^(warning|note): /.test(line));
}

/**
 * The rows of pins in cluster files: not the presets Renovate lists from renovate.json, nor the
 * include of init's .gitlab-ci.yml.
 */
function clusterRows(stdout: string): ScanRow[] {
  return (JSON.parse(stdout) as ScanRow[]).filter(
    (row) => row.file !== 'renovate.json' && row.file !== '.gitlab-ci.yml',
  );
}

/** Each pin once (a --lookup run has a row per update), as `file:line dependency current`. */
function pins(rows: readonly ScanRow[]): string[] {
  return [
    ...new Set(rows.map((row) => `${row.file}:${row.line} ${row.dependency} ${row.current}`)),
  ];
}

const notExtending =
  'Renovate scans with its own managers only, which miss most pins in a GitOps repository';

describe('scan and the preset', () => {
  /** What Renovate does with the fixture as it is: renovate.json extends gitlab>, served offline. */
  let adopted: ScanRow[];
  beforeAll(async () => {
    const repo = await tempGitRepo(fixture);
    repos.push(repo);
    const result = await runCli(['scan', '--lookup', '--offline-world', '--json', repo.dir]);
    expect(result.code, result.stderr).toBe(0);
    expect(messages(result.stderr)).toEqual([]);
    adopted = clusterRows(result.stdout);
    expect(adopted.filter((row) => row.decision === 'automerge').length).toBeGreaterThan(0);
  });

  it('warns when the repository has no Renovate config, and --preset scans as if it had one', async () => {
    const dir = await clusterRepo(undefined);
    const before = await snapshot(dir);

    const plain = await runCli(['scan', '--offline-world', '--json', dir]);
    expect(plain.code, plain.stderr).toBe(0);
    expect(messages(plain.stderr)).toEqual([
      `warning: no Renovate config in this repository (renovate.json or another file Renovate reads), so ${notExtending}. \`renovate-gitops init\` writes one that extends "local>platform/renovate-config-gitops"; \`renovate-gitops scan --preset\` tries that first`,
    ]);
    expect(JSON.parse(plain.stdout)).toBeInstanceOf(Array);

    const tried = await runCli(['scan', '--preset', '--lookup', '--offline-world', '--json', dir]);
    expect(tried.code, tried.stderr).toBe(0);
    expect(messages(tried.stderr)).toEqual([
      `note: scanning as if this repository had a renovate.json extending this package's default preset (renovate-config-gitops ${version}); nothing is written`,
    ]);
    expect(clusterRows(tried.stdout)).toEqual(adopted);
    expect(await snapshot(dir)).toEqual(before);
  });

  it('warns when renovate.json does not extend it; --preset adds it after its presets and keeps its settings', async () => {
    const dir = await clusterRepo(
      `${JSON.stringify({ extends: [':semanticCommits'], ignorePaths: ['workloads/**'] }, null, 2)}\n`,
    );
    const before = await snapshot(dir);

    const plain = await runCli(['scan', '--offline-world', '--json', dir]);
    expect(plain.code, plain.stderr).toBe(0);
    expect(messages(plain.stderr)).toEqual([
      `warning: renovate.json does not extend renovate-config-gitops directly: unless one of its presets does, ${notExtending}. Add "local>platform/renovate-config-gitops" to its extends (\`renovate-gitops init\` does), or try it first with \`renovate-gitops scan --preset\``,
    ]);

    const tried = await runCli(['scan', '--preset', '--offline-world', '--json', dir]);
    expect(tried.code, tried.stderr).toBe(0);
    expect(messages(tried.stderr)).toEqual([
      `note: scanning as if renovate.json extended this package's default preset (renovate-config-gitops ${version}) after its other presets; nothing is written`,
    ]);
    expect(pins(clusterRows(tried.stdout))).toEqual(
      pins(adopted.filter((row) => !row.file.startsWith('workloads/'))),
    );
    expect(await snapshot(dir)).toEqual(before);
  });

  it('stands in for local> (what init writes), which Renovate cannot read outside GitLab', async () => {
    const dir = await clusterRepo(
      `${JSON.stringify({
        extends: ['local>platform/renovate-config-gitops#v0.0.9', 'local>platform/renovate-base'],
      })}\n`,
    );
    const result = await runCli(['scan', '--lookup', '--offline-world', '--json', dir]);
    expect(result.code, result.stderr).toBe(0);
    expect(messages(result.stderr)).toEqual([
      'warning: renovate.json extends "local>platform/renovate-base", which scan cannot read: Renovate reads local> presets from the GitLab it runs on, and scan has none. What that preset sets is missing from this scan',
      `note: renovate.json extends "local>platform/renovate-config-gitops#v0.0.9", which Renovate reads from the GitLab it runs on: scan, which has none, uses this package's own default.json (renovate-config-gitops ${version}, not v0.0.9) in its place`,
    ]);
    expect(clusterRows(result.stdout)).toEqual(adopted);
  });

  it('scans a repository right after init, its files not yet committed', async () => {
    const dir = await clusterRepo(undefined);
    expect((await runCli(['init', dir])).code).toBe(0);
    const untracked = await runCli(['scan', '--offline-world', '--json', dir]);
    expect(untracked.code, untracked.stderr).toBe(0);
    expect(messages(untracked.stderr)).toEqual([
      'warning: renovate.json is not tracked by git, and Renovate reads only tracked files: it ignores it until you `git add renovate.json`',
    ]);

    await git('git', ['add', '--all'], { cwd: dir });
    const added = await runCli(['scan', '--offline-world', '--json', dir]);
    expect(added.code, added.stderr).toBe(0);
    expect(messages(added.stderr)).toEqual([
      `note: renovate.json extends "local>platform/renovate-config-gitops", which Renovate reads from the GitLab it runs on: scan, which has none, uses this package's own default.json (renovate-config-gitops ${version}) in its place`,
    ]);
    expect(pins(clusterRows(added.stdout))).toEqual(pins(adopted));
  });

  it('refuses a local> preset file this package does not have', async () => {
    const dir = await clusterRepo(
      '{ "extends": ["local>platform/renovate-config-gitops//presets/nightly"] }\n',
    );
    const result = await runCli(['scan', dir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^renovate-gitops: renovate\.json extends "local>platform\/renovate-config-gitops\/\/presets\/nightly", but renovate-config-gitops \S+ has no preset presets\/nightly\.json: its presets are default, presets\/annotations, /m,
    );
  });
});
