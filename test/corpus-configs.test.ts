import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  carefulUserConfigFile,
  type DetectionConfig,
  detectionConfigs,
} from '../src/corpus/detection-configs.ts';
import type { CorpusLabel, CorpusRepo } from '../src/corpus/labels.ts';
import { runConfig, stagedRepo } from '../src/corpus/run-corpus.ts';
import { runConfigValidator } from '../src/validate/config-validator.ts';
import { validateCustomManagerRegexes } from '../src/validate/custom-manager-regexes.ts';
import { validateAgainstRenovateSchema } from '../src/validate/renovate-schema.ts';
import type { OfflineWorld } from '../src/world/offline-world.ts';
import { startTestWorld } from './harness/offline-renovate.ts';
import { matchGroups } from './harness/regex-matches.ts';

// The corpus configurations as Renovate runs them: the careful user's config through Renovate's
// validator, a prepare hook through a real extract run. The scoring they feed is in
// corpus-score.test.ts, which runs no Renovate and is what `npm run test:stryker` mutates.

function label(
  fields: Partial<CorpusLabel> & Pick<CorpusLabel, 'depName' | 'currentValue'>,
): CorpusLabel {
  return { file: 'apps.yaml', line: 1, kind: 'manifest-image', datasource: 'docker', ...fields };
}

interface CarefulUserConfig {
  customManagers: { customType: string; matchStrings: string[] }[];
}

async function readCarefulUserConfig(): Promise<CarefulUserConfig> {
  return JSON.parse(await readFile(carefulUserConfigFile, 'utf8')) as CarefulUserConfig;
}

describe("the careful user's config (src/corpus/careful-user.renovate.json)", () => {
  it('is the repository config of the careful-user run', async () => {
    expect(detectionConfigs['careful-user'].repoConfig).toEqual(await readCarefulUserConfig());
  });

  it('validates as presets do: the pinned Renovate schema, RE2-clean regexes with their groups', async () => {
    const document = await readCarefulUserConfig();
    expect(validateAgainstRenovateSchema(carefulUserConfigFile, document)).toEqual([]);
    expect(validateCustomManagerRegexes(carefulUserConfigFile, document.customManagers)).toEqual(
      [],
    );
  });

  it('is accepted by renovate-config-validator --strict', async () => {
    const result = await runConfigValidator(path.dirname(carefulUserConfigFile), [
      path.basename(carefulUserConfigFile),
    ]);
    expect(result.output).toContain('Config validated successfully against 1 file(s)');
    expect(result.ok).toBe(true);
  });

  // What the custom managers copied from Renovate's docs catch, and what they do not.
  it.each`
    yaml                                                                                                  | found
    ${'# renovate: datasource=helm depName=cilium registryUrl=https://helm.cilium.io\nversion: 1.18.2\n'} | ${[{ datasource: 'helm', depName: 'cilium', registryUrl: 'https://helm.cilium.io', currentValue: '1.18.2' }]}
    ${'  # renovate: datasource=docker depName=ghcr.io/o/app versioning=loose\n  tag: "2.1"\n'}           | ${[{ datasource: 'docker', depName: 'ghcr.io/o/app', versioning: 'loose', currentValue: '2.1' }]}
    ${'image: ghcr.io/o/app:2.1 # renovate: docker=ghcr.io/o/app\n'}                                      | ${[]}
    ${'- https://github.com/o/r/releases/download/v1.2.0/install.yaml\n'}                                 | ${[{ depName: 'o/r', currentValue: 'v1.2.0' }]}
    ${'- https://raw.githubusercontent.com/o/r/v0.9.1/deploy/crds.yaml\n'}                                | ${[{ depName: 'o/r', currentValue: 'v0.9.1' }]}
  `('$yaml: $found', async ({ yaml, found }: { yaml: string; found: Record<string, string>[] }) => {
    const { customManagers } = await readCarefulUserConfig();
    const matches = customManagers.flatMap((manager) =>
      manager.matchStrings.flatMap((pattern) => matchGroups(pattern, yaml)),
    );
    expect(matches).toEqual(found);
  });
});

describe("a configuration's prepare hook runs on the repository copy before Renovate", () => {
  const git = promisify(execFile);
  let world: OfflineWorld;
  let corpusDir: string;
  let repo: CorpusRepo;
  const original = 'tools:\n  kubectl: v1.33.2\n';
  const kubectl = label({
    file: 'versions.yaml',
    line: 2,
    kind: 'annotated',
    depName: 'kubernetes/kubernetes',
    currentValue: 'v1.33.2',
    datasource: 'github-releases',
  });
  /** A trivial stand-in for `renovate-gitops annotate`: one comment above the kubectl line. */
  async function annotateKubectl(copyDir: string): Promise<void> {
    const { stdout } = await git('git', ['rev-parse', '--show-toplevel'], { cwd: copyDir });
    expect(await realpath(stdout.trim())).toBe(await realpath(copyDir));
    expect(copyDir).not.toBe(repo.dir);
    const file = path.join(copyDir, 'versions.yaml');
    const content = await readFile(file, 'utf8');
    await writeFile(
      file,
      content.replace(
        '  kubectl:',
        '  # renovate: datasource=github-releases depName=kubernetes/kubernetes\n  kubectl:',
      ),
    );
  }

  beforeAll(async () => {
    world = await startTestWorld();
    corpusDir = await mkdtemp(path.join(tmpdir(), 'corpus-prepare-'));
    repo = { name: 'demo', dir: path.join(corpusDir, 'demo'), labels: [kubectl], warnings: [] };
    await mkdir(repo.dir);
    await writeFile(path.join(repo.dir, 'versions.yaml'), original);
  });

  afterAll(async () => {
    await world?.stop();
    await rm(corpusDir, { recursive: true, force: true });
  });

  it.each([
    { name: 'without a hook', prepare: undefined, found: [] },
    { name: 'with a hook that annotates', prepare: annotateKubectl, found: [2] },
  ])('$name: found on lines $found of the corpus file', async ({ prepare, found }) => {
    const config: DetectionConfig = {
      ...detectionConfigs['careful-user'],
      ...(prepare ? { prepare } : {}),
    };
    const result = await runConfig(repo, 'careful-user', config, world.env);
    expect(result.score.found.map((pin) => pin.dep.line)).toEqual(found);
    // The corpus folder is read, never written.
    expect(await readdir(repo.dir)).toEqual(['versions.yaml']);
    expect(await readFile(path.join(repo.dir, 'versions.yaml'), 'utf8')).toBe(original);
    expect(world.unanswered).toEqual([]);
  });

  it('a failing hook names the repository and the configuration', async () => {
    const config: DetectionConfig = {
      ...detectionConfigs['careful-user'],
      prepare: () => Promise.reject(new Error('versions.yaml: no such key')),
    };
    await expect(stagedRepo(repo, 'annotated', config)).rejects.toThrow(
      'preparing demo for the annotated config failed: versions.yaml: no such key',
    );
  });
});
