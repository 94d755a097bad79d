import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pinnedVersion, proposedVersion } from '../src/renovate/report.ts';
import type { OfflineWorld } from '../src/world/offline-world.ts';
import { byUpdateType, upgradeDecisions } from './harness/decisions.ts';
import { loadFixtures } from './harness/expectations.ts';
import { type FixtureRun, runFixture, startTestWorld } from './harness/offline-renovate.ts';

const fixtures = loadFixtures().filter((fixture) => fixture.pins.some((pin) => pin.updates));

describe.each(fixtures)('lookup: $name', (fixture) => {
  let world: OfflineWorld;
  let run: FixtureRun;

  beforeAll(async () => {
    world = await startTestWorld();
    run = await runFixture(world, fixture.dir, 'lookup');
  });
  afterAll(() => world?.stop());

  it('completes with RE2 and asks the world nothing it cannot answer', () => {
    expect(run.exitCode).toBe(0);
    expect(run.log.re2CanaryRejected).toBe(true);
    expect(run.unanswered).toEqual([]);
    expect(run.lookupFailures).toEqual([]);
  });

  it.each(fixture.ignored)('proposes nothing for $depName $currentValue in $file', (entry) => {
    const dep = run.deps.find(
      (found) =>
        found.packageFile === entry.file &&
        found.manager === entry.manager &&
        found.depName === entry.depName &&
        (entry.currentValue === undefined || found.currentValue === entry.currentValue),
    );
    expect(dep).toBeDefined();
    expect(dep?.skipReason).toBe(entry.skipReason);
    expect(dep?.updates ?? []).toEqual([]);
  });

  it.each(fixture.pins.filter((pin) => pin.updates))(
    'proposes the expected updates for $depName $currentValue ($file)',
    (pin) => {
      const dep = run.deps.find(
        (found) =>
          found.packageFile === pin.file &&
          found.manager === pin.manager &&
          found.depName === pin.depName &&
          found.currentValue === pin.currentValue &&
          found.currentDigest === pin.currentDigest,
      );
      expect(dep, 'pin not found in lookup').toBeDefined();
      // No updates must mean "up to date", not "the lookup failed".
      expect(dep?.warnings ?? []).toEqual([]);
      const updates = (dep?.updates ?? []).map((update) => ({
        // A digest update of a pin by digest alone has no new value: its new digest is it.
        newValue: proposedVersion(update),
        updateType: update.updateType,
      }));
      expect(updates.sort(byUpdateType)).toEqual(
        (pin.updates ?? [])
          .map(({ newValue, updateType }) => ({ newValue, updateType }))
          .sort(byUpdateType),
      );
    },
  );

  it.each(fixture.pins.filter((pin) => pin.updates))(
    'applies the policy to $depName $currentValue',
    (pin) => {
      const decisions = upgradeDecisions(run.log.branches).filter(
        (upgrade) =>
          upgrade.file === pin.file &&
          upgrade.manager === pin.manager &&
          upgrade.depName === pin.depName &&
          upgrade.currentValue === pinnedVersion(pin),
      );
      // Pins that share file, name and value (one per cluster, say) are one row each in the
      // same branch: the decision is per update, so identical rows count once.
      const rows = new Map(
        decisions.map(({ newValue, updateType, decision }) => [
          `${newValue} ${updateType} ${decision}`,
          { newValue, updateType, decision },
        ]),
      );
      expect([...rows.values()].sort(byUpdateType)).toEqual(
        [...(pin.updates ?? [])].sort(byUpdateType),
      );
    },
  );
});
