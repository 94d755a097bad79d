import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { GlobalConfig } from 'renovate/dist/config/global.js';
import { init as initLogger, levels } from 'renovate/dist/logger/index.js';
import { getFileList, initRepo, syncGit } from 'renovate/dist/util/git/index.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type RenovateRunResult, runRenovate } from '../src/renovate/run-renovate.ts';
import { type TempGitRepo, tempGitRepo } from '../src/renovate/temp-git-repo.ts';
import { locateDeps } from '../src/scan/locate-pin.ts';
import type { OfflineWorld } from '../src/world/offline-world.ts';
import { type FixtureExpectations, loadFixtures } from './harness/expectations.ts';
import { startTestWorld } from './harness/offline-renovate.ts';
import { isIgnored, shapeOfExpected, shapeOfFound, sortShapes } from './harness/reduce.ts';

const run = promisify(execFile);

const fixture = loadFixtures().find(
  (candidate) => candidate.name === 'non-ascii-paths',
) as FixtureExpectations;
/** The fixture's files with non-ASCII names, each holding pins. */
const nonAsciiFiles = [...new Set(fixture.pins.map((pin) => pin.file))].sort();

/** What git's default `core.quotePath=true` does to such a name, set explicitly for the test. */
const quotePathTrue = {
  GIT_CONFIG_COUNT: '1',
  GIT_CONFIG_KEY_0: 'core.quotePath',
  GIT_CONFIG_VALUE_0: 'true',
};

interface WorldRun extends RenovateRunResult {
  unanswered: string[];
}

describe('pins in files with non-ASCII names, on the local platform every CLI command uses', () => {
  let world: OfflineWorld;
  let repo: TempGitRepo;
  let unquoted: WorldRun;
  let quoted: WorldRun;

  async function extract(env: Record<string, string>): Promise<WorldRun> {
    const before = world.unanswered.length;
    const result = await runRenovate({ repoDir: repo.dir, mode: 'extract', env });
    const unanswered = world.unanswered
      .slice(before)
      .map((request) => `${request.method} ${request.url}`);
    return { ...result, unanswered };
  }

  beforeAll(async () => {
    world = await startTestWorld();
    repo = await tempGitRepo(fixture.dir, ['expected.json']);
    unquoted = await extract(world.env);
    // Appended after runRenovate's own entry, so it wins: Renovate as it is without ours.
    quoted = await extract({ ...world.env, ...quotePathTrue });
  });
  afterAll(async () => {
    await world?.stop();
    await repo?.dispose();
  });

  it('has file names that git quotes by default', async () => {
    const { stdout } = await run('git', ['ls-files'], {
      cwd: repo.dir,
      env: { PATH: process.env.PATH ?? '', HOME: repo.dir, GIT_CONFIG_NOSYSTEM: '1' },
    });
    const listed = stdout.split('\n');
    for (const file of nonAsciiFiles) {
      expect(listed).not.toContain(file);
      expect(listed).toContain(`"${file.replace(/[^\x20-\x7e]/gu, octalEscapes)}"`);
    }
  });

  it.each([
    ['with core.quotePath=false (ours)', () => unquoted],
    ['with core.quotePath=true', () => quoted],
  ])('runs Renovate to completion %s, with RE2, the world answering everything', (_, result) => {
    expect(result().exitCode).toBe(0);
    expect(result().log.re2CanaryRejected).toBe(true);
    expect(result().log.problems.map((record) => record.msg)).toEqual([]);
    expect(result().unanswered).toEqual([]);
  });

  it('finds every pin in those files exactly once, with exact fields', () => {
    const found = unquoted.deps.filter((dep) => !isIgnored(dep, fixture.ignored)).map(shapeOfFound);
    expect(sortShapes(found)).toEqual(sortShapes(fixture.pins.map(shapeOfExpected)));
  });

  it('gives scan the line of each pin, read from the file under its real name', async () => {
    const pins = unquoted.deps.filter((dep) => !isIgnored(dep, fixture.ignored));
    const lines = await locateDeps(repo.dir, pins);
    expect(pins.map((dep) => `${dep.packageFile}:${lines.get(dep)} ${dep.depName}`).sort()).toEqual(
      [
        'apps/café crème/application.yaml:12 metrics-server',
        'apps/café crème/application.yaml:17 registry.k8s.io/metrics-server/metrics-server',
        'apps/ü.yaml:13 ingress-nginx',
        'apps/ü.yaml:19 registry.k8s.io/ingress-nginx/controller',
        'apps/日本/values.yaml:5 ghcr.io/stefanprodan/podinfo',
        'platform/Überwachung prod/kustomization.yaml:14 quay.io/argoproj/argocd',
        'platform/Überwachung prod/kustomization.yaml:9 cert-manager',
      ],
    );
  });

  it('finds nothing in them when git quotes their names, and still reads renovate.json', () => {
    expect(quoted.deps.map((dep) => `${dep.packageFile} ${dep.manager} ${dep.depName}`)).toEqual([
      'renovate.json renovate-config platform/renovate-config-gitops',
    ]);
  });
});

/**
 * The runner template (templates/renovate-runner.gitlab-ci.yml) runs Renovate on GitLab, where the
 * file list comes from Renovate's own git wrapper (lib/util/git/index.ts `getFileList`), not from
 * the local platform's bare `git ls-files`. That wrapper passes `-c core.quotePath=false` on every
 * call and hands git only an allow-list of the environment, so the template needs no GIT_CONFIG_*
 * variables and could not switch the quoting either way with them. Should a Renovate update
 * change that, this test fails and the template needs `core.quotePath=false` after all.
 */
describe('pins in files with non-ASCII names, on GitLab (the runner template)', () => {
  let repo: TempGitRepo;
  let localDir: string;

  beforeAll(async () => {
    repo = await tempGitRepo(fixture.dir, ['expected.json']);
    localDir = await mkdtemp(path.join(tmpdir(), 'renovate-clone-'));
    vi.stubEnv('GIT_CONFIG_COUNT', quotePathTrue.GIT_CONFIG_COUNT);
    vi.stubEnv('GIT_CONFIG_KEY_0', quotePathTrue.GIT_CONFIG_KEY_0);
    vi.stubEnv('GIT_CONFIG_VALUE_0', quotePathTrue.GIT_CONFIG_VALUE_0);
    GlobalConfig.set({ localDir });
    await initLogger();
    levels('stdout', 'fatal');
  });
  afterAll(async () => {
    GlobalConfig.reset();
    vi.unstubAllEnvs();
    await repo?.dispose();
    await rm(localDir, { recursive: true, force: true });
  });

  it("are listed unquoted by Renovate's own git, even with core.quotePath=true around it", async () => {
    await initRepo({ url: repo.dir, defaultBranch: 'main' });
    await syncGit();
    const files = await getFileList();
    expect(files.filter((file) => nonAsciiFiles.includes(file)).sort()).toEqual(nonAsciiFiles);
    expect(files.filter((file) => file.startsWith('"'))).toEqual([]);
  });
});

/** git's quoting of one non-ASCII character: each UTF-8 byte as a backslash and three octal digits. */
function octalEscapes(character: string): string {
  return [...Buffer.from(character, 'utf8')]
    .map((byte) => `\\${byte.toString(8).padStart(3, '0')}`)
    .join('');
}
