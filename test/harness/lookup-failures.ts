import type { RenovateRunResult } from '../../src/renovate/run-renovate.ts';

/**
 * Every lookup that failed in a run, as "<file> <depName>: <message>". Renovate records a failed
 * lookup as a warning on the dependency and goes on: the dependency then shows no updates,
 * which an expected `updates: []` cannot tell from "up to date". Tests assert this is empty.
 */
export function lookupFailures(run: Pick<RenovateRunResult, 'deps'>): string[] {
  return run.deps.flatMap((dep) =>
    (dep.warnings ?? []).map(
      (warning) => `${dep.packageFile} ${dep.depName ?? '?'}: ${warning.message ?? '?'}`,
    ),
  );
}
