import { isCanaryRejection, type RegexEngineEvidence } from './re2-canary.ts';

/** A bunyan JSON record as Renovate writes it with LOG_FORMAT=json. */
export interface LogRecord {
  level: number;
  msg: string;
  [field: string]: unknown;
}

export const WARN = 40;

/** The policy-relevant fields of a branch, as Renovate decided them before writing anything. */
export interface BranchDecision {
  branchName: string;
  prTitle?: string;
  updateType?: string;
  automerge?: boolean;
  automergeType?: string;
  dependencyDashboardApproval?: boolean;
  schedule?: string[];
  automergeSchedule?: string[];
  platformAutomerge?: boolean;
  updateNotScheduled?: boolean;
  labels?: string[];
  addLabels?: string[];
  reviewers?: string[];
  minimumReleaseAge?: string | null;
  groupName?: string | null;
  upgrades: {
    depName?: string;
    packageFile?: string;
    manager?: string;
    currentValue?: string;
    newValue?: string;
    /** A pin by digest alone has no value: its digest is what changes. */
    currentDigest?: string;
    newDigest?: string;
    updateType?: string;
    pendingChecks?: boolean;
    releaseTimestamp?: string;
    datasource?: string;
  }[];
}

type RawBranch = BranchDecision & Record<string, unknown>;

function pickBranch(raw: RawBranch): BranchDecision {
  return {
    branchName: raw.branchName,
    prTitle: raw.prTitle,
    updateType: raw.updateType,
    automerge: raw.automerge,
    automergeType: raw.automergeType,
    dependencyDashboardApproval: raw.dependencyDashboardApproval,
    schedule: raw.schedule,
    automergeSchedule: raw.automergeSchedule,
    platformAutomerge: raw.platformAutomerge,
    updateNotScheduled: raw.updateNotScheduled,
    labels: raw.labels,
    addLabels: raw.addLabels,
    reviewers: raw.reviewers,
    minimumReleaseAge: raw.minimumReleaseAge,
    groupName: raw.groupName,
    upgrades: (raw.upgrades ?? []).map((upgrade) => ({
      depName: upgrade.depName,
      packageFile: upgrade.packageFile,
      manager: upgrade.manager,
      currentValue: upgrade.currentValue,
      newValue: upgrade.newValue,
      currentDigest: upgrade.currentDigest,
      newDigest: upgrade.newDigest,
      updateType: upgrade.updateType,
      pendingChecks: upgrade.pendingChecks,
      releaseTimestamp: upgrade.releaseTimestamp,
      datasource: upgrade.datasource,
    })),
  };
}

/** What we keep of a run's log: the decisions, the problems, and what tells whether RE2 ran. */
export interface LogSummary extends RegexEngineEvidence {
  branches: BranchDecision[];
  /** Warnings and errors, less the RE2 canary's expected rejection (re2-canary.ts). */
  problems: LogRecord[];
  /** Renovate's verdict on the repository (`done`, `config-validation`, ...), from "Repository finished". */
  repositoryResult?: string;
  extractDurations?: Record<string, number>;
}

export function emptySummary(): LogSummary {
  return {
    branches: [],
    problems: [],
    re2Unusable: false,
    re2CanaryRejected: false,
    reachedRepository: false,
  };
}

/**
 * Folds one log line into the summary. Trace logs run to many megabytes, so records are
 * read one by one and only what is needed is kept.
 */
export function summarizeLine(summary: LogSummary, line: string): LogRecord | undefined {
  if (!line.startsWith('{')) {
    return undefined;
  }
  let record: LogRecord;
  try {
    record = JSON.parse(line) as LogRecord;
  } catch {
    return undefined;
  }
  if (record.msg === 'branches' && Array.isArray(record.branches)) {
    summary.branches = (record.branches as RawBranch[]).map(pickBranch);
  }
  if (record.msg === 'Repository finished' && typeof record.result === 'string') {
    summary.repositoryResult = record.result;
  }
  if (record.msg === 'manager extract durations (ms)') {
    summary.extractDurations = record.managers as Record<string, number>;
  }
  if (typeof record.msg === 'string' && record.msg.startsWith('RE2 not usable')) {
    summary.re2Unusable = true;
  }
  if (record.msg === 'Repository started') {
    summary.reachedRepository = true;
  }
  if (isCanaryRejection(record)) {
    summary.re2CanaryRejected = true;
  } else if (record.level >= WARN) {
    summary.problems.push(record);
  }
  return record;
}

interface ConfigValidationError {
  validationSource?: string;
  validationError?: string;
  validationMessage?: string;
}

/**
 * Why a run failed, in words: its errors, and its config validation problems, which Renovate
 * logs as a warning ("Repository has invalid config") carrying the file and the parse error.
 */
export function failureReasons(summary: LogSummary): string[] {
  return summary.problems.flatMap((record) => {
    const err = record.err as ConfigValidationError | undefined;
    if (err?.validationError) {
      const detail = err.validationMessage ? `: ${err.validationMessage.trim()}` : '';
      return [`${err.validationSource ?? 'config'}: ${err.validationError}${detail}`];
    }
    return record.level >= 50 ? [record.msg] : [];
  });
}

/** One message for a failed run: exit code, Renovate's verdict, and why, for `where`. */
export function failureMessage(
  run: { exitCode: number; log: LogSummary; stderr: string },
  where: string,
): string {
  const reasons = failureReasons(run.log).map((reason) => `  - ${reason}`);
  const verdict = run.log.repositoryResult ? `, ${run.log.repositoryResult}` : '';
  return `Renovate failed (exit ${run.exitCode}${verdict}) on ${where}:\n${reasons.join('\n') || run.stderr.trim() || '  (no error logged)'}`;
}
