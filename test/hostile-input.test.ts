import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FoundDep } from '../src/renovate/report.ts';
import type { OfflineWorld } from '../src/world/offline-world.ts';
import { fiveMegabytes, hostileFiles, writeHostileRepo } from './harness/hostile-repo.ts';
import { type FixtureRun, runFixture, startTestWorld } from './harness/offline-renovate.ts';

/**
 * A repository of bad files, generated at test time (a 5 MB file is not committed): the
 * real Renovate must finish, report no dependency that is not a pin, and still find the
 * valid pins next to broken ones wherever a manager can read them.
 *
 * Found while building this: a values file that is one flat map of many keys stalls every
 * YAML parse quadratically (eemeli/yaml's unique-key check, which Renovate turns on): 75,000
 * keys in 5 MB cost ~45 s per parse, and our presets parse values files twice (helm-values,
 * and the ApplicationSet JSONata manager, which reads every YAML file). The run still
 * completes, in two to eight minutes; the file here is shaped as real large values files are.
 */

function shape(dep: FoundDep): { manager: string; depName: string; currentValue: string } {
  return { manager: dep.manager, depName: dep.depName ?? '', currentValue: dep.currentValue ?? '' };
}

function byName(a: { depName: string; manager: string }, b: { depName: string; manager: string }) {
  return a.depName.localeCompare(b.depName) || a.manager.localeCompare(b.manager);
}

describe('a repository of hostile files', () => {
  let dir: string;
  let world: OfflineWorld;
  let run: FixtureRun;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'hostile-repo-'));
    await writeHostileRepo(dir);
    world = await startTestWorld();
    run = await runFixture(world, dir, 'lookup');
  });
  afterAll(async () => {
    await world?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it.each`
    file                             | holds
    ${'platform/huge/values.yaml'}   | ${(bytes: Buffer) => bytes.length >= fiveMegabytes}
    ${'apps/binary.yaml'}            | ${(bytes: Buffer) => bytes.includes(0) && !bytes.toString('utf8').includes('apiVersion')}
    ${'apps/byte-order-mark.yaml'}   | ${(bytes: Buffer) => bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))}
    ${'workloads/tab-indented.yaml'} | ${(bytes: Buffer) => bytes.toString().includes('\n\t\t\t\t\timage:')}
    ${'apps/long-lines.yaml'} | ${(bytes: Buffer) => bytes
    .toString()
    .split('\n')
    .some((line) => line.length > 1024 * 1024)}
    ${'apps/latin-1.yaml'}           | ${(bytes: Buffer) => !Buffer.from(bytes.toString('utf8')).equals(bytes)}
  `('is hostile as the table says: $file', async ({ file, holds }) => {
    expect(holds(await readFile(path.join(dir, file)))).toBe(true);
  });

  it('lets Renovate finish the run, asking the world nothing it cannot answer', () => {
    expect(run.exitCode).toBe(0);
    expect(run.log.repositoryResult).toBeUndefined();
    expect(run.unanswered).toEqual([]);
    expect(run.lookupFailures).toEqual([]);
  });

  it.each(hostileFiles)('$path, $trap: reports exactly the pins a manager can read', (file) => {
    const found = run.deps.filter((dep) => dep.packageFile === file.path).map(shape);
    expect(found.sort(byName), file.why).toEqual([...file.finds].sort(byName));
  });

  it('reports nothing in any other file but the preset reference', () => {
    const tabled = new Set(hostileFiles.map((file) => file.path));
    expect(
      run.deps
        .filter((dep) => !tabled.has(dep.packageFile))
        .map((dep) => `${dep.manager} ${dep.packageFile}`),
    ).toEqual(['renovate-config renovate.json']);
  });

  it('looks up every pin it found in a hostile file and proposes its update', () => {
    const pins = run.deps.filter((dep) => dep.manager !== 'renovate-config');
    expect(pins.length).toBeGreaterThan(0);
    const stuck = pins.filter((dep) => !dep.updates?.length || dep.warnings?.length);
    expect(stuck.map((dep) => `${dep.packageFile} ${dep.depName}`)).toEqual([]);
  });
});
