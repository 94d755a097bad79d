/** The parts of Renovate's `--report-type=file` output that we read. */
export interface ReportUpdate {
  newValue?: string;
  newVersion?: string;
  newDigest?: string;
  updateType?: string;
  branchName?: string;
  releaseTimestamp?: string;
  pendingChecks?: boolean;
  /** Newer versions still inside `minimumReleaseAge`, skipped for this one (`internalChecksFilter: strict`). */
  pendingVersions?: string[];
}

/**
 * What an update proposes: its new value, or, for a pin by digest alone (`nginx@sha256:...`),
 * its new digest. Every reader of updates (scan, tests) names it this way.
 */
export function proposedVersion(update: {
  newValue?: string;
  newDigest?: string;
}): string | undefined {
  return update.newValue ?? update.newDigest;
}

/** What a pin stands at: its value, or, for a pin by digest alone, its digest. */
export function pinnedVersion(pin: {
  currentValue?: string | null;
  currentDigest?: string | null;
}): string | undefined {
  return pin.currentValue || pin.currentDigest || undefined;
}

export interface ReportDep {
  depName?: string;
  packageName?: string;
  datasource?: string;
  currentValue?: string | null;
  currentDigest?: string;
  registryUrls?: string[];
  skipReason?: string;
  updates?: ReportUpdate[];
  warnings?: { topic?: string; message?: string }[];
  replaceString?: string;
}

export interface ReportPackageFile {
  packageFile: string;
  deps: ReportDep[];
}

export interface RenovateReport {
  repositories?: Record<string, { packageFiles?: Record<string, ReportPackageFile[]> }>;
}

/** One dependency as found, with the manager and file that found it. */
export interface FoundDep extends ReportDep {
  manager: string;
  packageFile: string;
}

/** Flattens the report of a `--platform=local` run into one list, in a stable order. */
export function foundDeps(report: RenovateReport): FoundDep[] {
  const deps: FoundDep[] = [];
  for (const repository of Object.values(report.repositories ?? {})) {
    for (const [manager, packageFiles] of Object.entries(repository.packageFiles ?? {})) {
      for (const packageFile of packageFiles) {
        for (const dep of packageFile.deps) {
          deps.push({ ...dep, manager, packageFile: packageFile.packageFile });
        }
      }
    }
  }
  return deps.sort(
    (a, b) =>
      a.packageFile.localeCompare(b.packageFile) ||
      (a.depName ?? '').localeCompare(b.depName ?? '') ||
      (a.currentValue ?? '').localeCompare(b.currentValue ?? ''),
  );
}
