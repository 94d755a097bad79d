import type { RenovateRunResult } from '../../src/renovate/run-renovate.ts';

/**
 * Every lookup that failed in a run, as "<file> <depName>: <message>". Renovate records a failed
 * lookup as a warning on the dependency and goes on: the dependency then shows no updates,
 * which an expected `updates: []` cannot tell from "up to date". Tests assert this is empty.
 */
export function lookupFailures(run: Pick<RenovateRunResult, 'deps' | 'log'>): string[] {
  const onDeps = run.deps.flatMap((dep) =>
    (dep.warnings ?? []).map(
      (warning) => `${dep.packageFile} ${dep.depName ?? '?'}: ${warning.message ?? '?'}`,
    ),
  );
  // Renovate's summary of the same warnings; only logged where it renders the dashboard.
  const logged = run.log.problems
    .filter((record) => record.msg === 'Package lookup failures')
    .flatMap((record) => (record.warnings as string[] | undefined) ?? [record.msg]);
  return [...onDeps, ...logged.filter((message) => !onDeps.some((line) => line.endsWith(message)))];
}
