import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptySummary, summarizeLine } from '../src/renovate/log-records.ts';
import { withoutRe2Reason } from '../src/renovate/re2-canary.ts';
import { RenovateUnavailableError } from '../src/renovate/renovate-binary.ts';
import { runRenovate } from '../src/renovate/run-renovate.ts';
import { type TempGitRepo, tempGitRepo } from '../src/renovate/temp-git-repo.ts';
import type { OfflineWorld } from '../src/world/offline-world.ts';
import { fixturePath, startTestWorld } from './harness/offline-renovate.ts';

/**
 * Every Renovate run goes through runRenovate, which carries the canary and refuses a run that
 * matched with JavaScript's RegExp. These cases prove both directions with the real Renovate:
 * without them, "RE2 asserted" would only mean "no warning seen".
 */
describe('a real Renovate run', () => {
  let world: OfflineWorld;
  let repo: TempGitRepo;
  beforeAll(async () => {
    world = await startTestWorld();
    repo = await tempGitRepo(fixturePath('non-ascii-paths'), ['expected.json']);
  });
  afterAll(async () => {
    await world?.stop();
    await repo?.dispose();
  });

  it('with RE2 rejects the canary, and the rejection is no problem of the run', async () => {
    const run = await runRenovate({ repoDir: repo.dir, mode: 'extract', env: world.env });
    expect(run.exitCode).toBe(0);
    expect(run.log.re2CanaryRejected).toBe(true);
    expect(run.log.problems.map((record) => record.msg)).not.toContain(
      'Config validation errors found',
    );
    expect(run.deps.length).toBeGreaterThan(0);
  });

  it('with RENOVATE_X_IGNORE_RE2 (RegExp, no warning) is refused, naming why', async () => {
    const run = runRenovate({
      repoDir: repo.dir,
      mode: 'extract',
      env: { ...world.env, RENOVATE_X_IGNORE_RE2: 'true' },
    });
    await expect(run).rejects.toThrow(RenovateUnavailableError);
    await expect(run).rejects.toThrow(/only JavaScript RegExp accepts/);
  });
});

function summaryOf(records: object[]) {
  const summary = emptySummary();
  for (const record of records) summarizeLine(summary, JSON.stringify(record));
  return summary;
}

const started = { level: 30, msg: 'Repository started' };
const canaryError = {
  topic: 'Configuration Error',
  message:
    'Invalid regExp for packageRules[0].matchPackageNames: `/(?<=re2-canary)never-a-package/`',
};
const rejection = {
  level: 40,
  msg: 'Config validation errors found',
  configType: 'RENOVATE_CONFIG',
  errors: [canaryError],
};

it.each`
  case                                                   | records                                                                                             | reason
  ${'canary rejected'}                                   | ${[rejection, started]}                                                                             | ${undefined}
  ${'canary accepted'}                                   | ${[started]}                                                                                        | ${/only JavaScript RegExp accepts/}
  ${"Renovate's own warning"}                            | ${[{ level: 40, msg: 'RE2 not usable, falling back to RegExp' }, rejection, started]}               | ${/RE2 not usable/}
  ${'stopped before any repository'}                     | ${[{ level: 60, msg: 'Fatal error: no repositories' }]}                                             | ${undefined}
  ${'a real error beside the canary is not a rejection'} | ${[{ ...rejection, errors: [canaryError, { message: 'Invalid regExp for ignoreDeps' }] }, started]} | ${/only JavaScript RegExp accepts/}
`('$case', ({ records, reason }: { records: object[]; reason: RegExp | undefined }) => {
  const summary = summaryOf(records);
  if (reason) {
    expect(withoutRe2Reason(summary)).toMatch(reason);
  } else {
    expect(withoutRe2Reason(summary)).toBeUndefined();
  }
});

it('keeps a config validation record that is not only the canary among the problems', () => {
  const summary = summaryOf([{ ...rejection, configType: 'config.json' }]);
  expect(summary.problems.map((record) => record.msg)).toEqual(['Config validation errors found']);
  expect(summary.re2CanaryRejected).toBe(false);
});
