import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OfflineWorld } from '../src/world/offline-world.ts';
import type { FixtureRun } from './harness/offline-renovate.ts';
import { presetProject, startTestWorld } from './harness/offline-renovate.ts';
import {
  freshReleaseResponder,
  loadPolicyCases,
  type PolicyUpdate,
  pendingVersions,
  policyUpdates,
  runPolicyCase,
} from './harness/policy-cases.ts';

const cases = await loadPolicyCases();

function sorted(updates: readonly PolicyUpdate[]): PolicyUpdate[] {
  return [...updates].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      a.depName.localeCompare(b.depName) ||
      a.newValue.localeCompare(b.newValue, undefined, { numeric: true }) ||
      a.manager.localeCompare(b.manager),
  );
}

/**
 * Every policy building block, and a per-application policy file, checked by what the real
 * Renovate decides for each update (branch configs from its trace log), one lookup run per case.
 */
describe.each(cases)('policy: $name', (policyCase) => {
  let world: OfflineWorld;
  let run: FixtureRun;

  beforeAll(async () => {
    world = await startTestWorld({ responders: [freshReleaseResponder(policyCase.freshReleases)] });
    run = await runPolicyCase(world, policyCase);
  });
  afterAll(() => world?.stop());

  it('runs Renovate to completion with RE2, asking the world nothing it cannot answer', () => {
    expect(run.exitCode).toBe(0);
    expect(run.log.re2CanaryRejected).toBe(true);
    expect(run.unanswered).toEqual([]);
    expect(run.lookupFailures).toEqual([]);
  });

  it('resolves the presets it extends from the gitlab> project', () => {
    const served = world.answered
      .filter((request) => request.status === 200)
      .map((request) => decodeURIComponent(new URL(request.url).pathname))
      .filter((pathname) => pathname.includes(`/projects/${presetProject}/repository/files/`))
      .map((pathname) => pathname.split('/repository/files/')[1]);
    expect(served).toEqual(expect.arrayContaining(policyCase.presets));
  });

  it('decides every update as expected', () => {
    expect(sorted(policyUpdates(run.log.branches))).toEqual(sorted(policyCase.updates));
  });

  it('holds back exactly the versions still inside the soak', () => {
    expect(pendingVersions(run.deps)).toEqual(policyCase.pending);
  });
});
