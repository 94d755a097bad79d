import type { LogRecord } from './log-records.ts';

/*
 * Renovate falls back to JavaScript's RegExp, silently, when re2 does not load or when
 * RENOVATE_X_IGNORE_RE2 is set; only the first case logs a warning. The absence of that warning
 * therefore proves nothing. The canary is a positive check: a pattern only JavaScript accepts
 * (a lookbehind), given to Renovate as global config. Renovate's validator compiles it with its
 * regex engine: under RE2 it logs a config validation error naming the canary (not fatal for
 * global config), under RegExp it says nothing. The pattern cannot match a package name under
 * either engine, so the rule never applies.
 */
const canaryPattern = '/(?<=re2-canary)never-a-package/';

/** The env source Renovate validates as its own config type, so its record is told apart. */
const canaryConfigType = 'RENOVATE_CONFIG';

const canaryDescription =
  'renovate-config-gitops RE2 canary: only JavaScript RegExp accepts this pattern';

const canaryConfig = {
  packageRules: [
    {
      description: canaryDescription,
      matchPackageNames: [canaryPattern],
      enabled: false,
    },
  ],
};

/** Environment that makes any Renovate run carry the canary (the RENOVATE_CONFIG variable). */
export function re2CanaryEnv(): Record<string, string> {
  return { [canaryConfigType]: JSON.stringify(canaryConfig) };
}

/**
 * A config as Renovate logs it ("Env config"), less the canary's rule: what the rest of the
 * environment set.
 */
export function withoutRe2Canary(config: Record<string, unknown>): Record<string, unknown> {
  const rules = config.packageRules;
  if (!Array.isArray(rules)) return config;
  const { packageRules: _, ...rest } = config;
  // Renovate's migration turns `description` into a list.
  const kept = rules.filter(
    (rule: { description?: unknown }) => ![rule?.description].flat().includes(canaryDescription),
  );
  return kept.length > 0 ? { ...rest, packageRules: kept } : rest;
}

interface ValidationProblem {
  message?: unknown;
}

/** Renovate's "Config validation errors found" record for the canary and nothing else. */
export function isCanaryRejection(record: LogRecord): boolean {
  if (record.msg !== 'Config validation errors found' || record.configType !== canaryConfigType) {
    return false;
  }
  const errors = record.errors as ValidationProblem[] | undefined;
  return (
    Array.isArray(errors) &&
    errors.length > 0 &&
    errors.every(
      (error) => typeof error.message === 'string' && error.message.includes(canaryPattern),
    )
  );
}

/** What a run's log tells about the regex engine Renovate used. */
export interface RegexEngineEvidence {
  /** Renovate's own "RE2 not usable" warning. */
  re2Unusable: boolean;
  /** Renovate rejected the canary, which only RE2 does. */
  re2CanaryRejected: boolean;
  /** Renovate reached a repository, so it parsed its global config (and the canary) first. */
  reachedRepository: boolean;
}

/**
 * Why a run did not use RE2, or undefined when it did or when it stopped before it could
 * tell (a run that fails at startup is reported by its own error).
 */
export function withoutRe2Reason(evidence: RegexEngineEvidence): string | undefined {
  if (evidence.re2Unusable) {
    return 'Renovate logged "RE2 not usable": its re2 native module did not load';
  }
  if (evidence.reachedRepository && !evidence.re2CanaryRejected) {
    return 'Renovate accepted a pattern that only JavaScript RegExp accepts: it matched with RegExp, not RE2 (is RENOVATE_X_IGNORE_RE2 set?)';
  }
  return undefined;
}
