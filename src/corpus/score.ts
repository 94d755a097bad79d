import type { CorpusLabel } from './labels.ts';
import { sameName } from './names.ts';

/**
 * The corpus README's scoring rules, as pure functions: which reported dependency finds which
 * labelled pin, and what each dependency that finds none is.
 */

/** The fields of a reported dependency that scoring reads (Renovate's report has more). */
export interface ScoredDep {
  packageFile: string;
  depName?: string | undefined;
  packageName?: string | undefined;
  currentValue?: string | null | undefined;
  currentDigest?: string | undefined;
  skipReason?: string | null | undefined;
}

/** What a reported dependency that takes no label is. */
export type ExtraClass = 'duplicate' | 'false' | 'noise' | 'skipped';

export interface FoundPin<D extends ScoredDep> {
  label: CorpusLabel;
  dep: D;
}

export interface ExtraDep<D extends ScoredDep> {
  dep: D;
  class: ExtraClass;
  /** For a duplicate: the found pin it names again. */
  duplicateOf?: CorpusLabel;
}

export interface ScoreCounts {
  labels: number;
  found: number;
  missed: number;
  false: number;
  duplicate: number;
  noise: number;
  skipped: number;
}

export interface Score<D extends ScoredDep> {
  counts: ScoreCounts;
  /** In label order (file, then line). */
  found: FoundPin<D>[];
  missed: CorpusLabel[];
  /** In report order. */
  extras: ExtraDep<D>[];
}

/** The names a correct detection of `label` may report. */
export function labelNames(label: CorpusLabel): string[] {
  return [label.depName, ...(label.altNames ?? [])];
}

/** The names `dep` reports (a custom manager may set either). */
export function depNames(dep: ScoredDep): string[] {
  return [dep.depName, dep.packageName].filter((name): name is string => !!name);
}

/**
 * Whether `dep` detects `label`: same file, same `currentValue`, and a depName/packageName that
 * names the same thing as the label's depName or one of its altNames.
 */
export function detects(label: CorpusLabel, dep: ScoredDep): boolean {
  return (
    dep.packageFile === label.file &&
    (dep.currentValue ?? '') === label.currentValue &&
    labelNames(label).some((labelName) => depNames(dep).some((name) => sameName(labelName, name)))
  );
}

/** `{{ .Values.tag }}`, `${TAG}`, `$(TAG)`, `<version>`: filled in later, not a version. */
const templated = /\{\{|\}\}|\$\{|\$\(|<[A-Za-z_][\w.-]*>/;
/** A commit id (a short one needs a letter, or `20240101` would be one). */
const commitSha = /^(?:[0-9a-f]{40}|(?=[0-9a-f]*[a-f])[0-9a-f]{7,39})$/i;

/**
 * Whether a reported value looks like a version: anything with a digit that is not templated or
 * a commit id, and any digest pin. Branch names, `HEAD` and `latest`-style tags have no digit.
 * Ranges such as `1.x` do look like one: a manager that reports them would update them.
 */
export function looksLikeVersion(value: string | null | undefined, digest?: string): boolean {
  if (digest) {
    return true;
  }
  const text = (value ?? '').trim();
  return /\d/.test(text) && !templated.test(text) && !commitSha.test(text);
}

/**
 * Classifies a dependency that took no label. `skipped` comes first: Renovate updates nothing it
 * skips, so such a dependency can neither duplicate a pin nor falsely update one (this is also
 * what the published baseline implies: Helm's `local-dependency` with `0.1.0` is not false).
 */
export function classifyExtra<D extends ScoredDep>(
  dep: D,
  found: readonly FoundPin<D>[],
): ExtraDep<D> {
  if (dep.skipReason) {
    return { dep, class: 'skipped' };
  }
  const duplicateOf = found.find((pin) => detects(pin.label, dep))?.label;
  if (duplicateOf) {
    return { dep, class: 'duplicate', duplicateOf };
  }
  return { dep, class: looksLikeVersion(dep.currentValue, dep.currentDigest) ? 'false' : 'noise' };
}

/**
 * A maximum one-to-one matching of labels to deps (Kuhn's augmenting paths): a greedy pass could
 * let one dep take a label that only it can find another way round. Labels are tried in order,
 * deps in report order, so the result is deterministic.
 */
function matchOneToOne(candidates: readonly number[][], depCount: number): (number | undefined)[] {
  const labelOfDep: (number | undefined)[] = new Array(depCount).fill(undefined);
  function augment(label: number, seen: Set<number>): boolean {
    for (const dep of candidates[label] ?? []) {
      if (seen.has(dep)) {
        continue;
      }
      seen.add(dep);
      const holder = labelOfDep[dep];
      if (holder === undefined || augment(holder, seen)) {
        labelOfDep[dep] = label;
        return true;
      }
    }
    return false;
  }
  for (let label = 0; label < candidates.length; label++) {
    augment(label, new Set());
  }
  return labelOfDep;
}

function byFileAndLine(a: CorpusLabel, b: CorpusLabel): number {
  return a.file.localeCompare(b.file) || a.line - b.line;
}

/** Scores one repository: the labels against every dependency Renovate reported for it. */
export function scoreRepo<D extends ScoredDep>(
  labels: readonly CorpusLabel[],
  deps: readonly D[],
): Score<D> {
  const sortedLabels = [...labels].sort(byFileAndLine);
  const candidates = sortedLabels.map((label) =>
    deps.flatMap((dep, index) => (detects(label, dep) ? [index] : [])),
  );
  const labelOfDep = matchOneToOne(candidates, deps.length);
  const depOfLabel = new Map<number, number>();
  labelOfDep.forEach((label, dep) => {
    if (label !== undefined) {
      depOfLabel.set(label, dep);
    }
  });

  const found: FoundPin<D>[] = [];
  const missed: CorpusLabel[] = [];
  sortedLabels.forEach((label, index) => {
    const dep = depOfLabel.get(index);
    if (dep === undefined) {
      missed.push(label);
    } else {
      found.push({ label, dep: deps[dep] as D });
    }
  });
  const extras = deps
    .filter((_, index) => labelOfDep[index] === undefined)
    .map((dep) => classifyExtra(dep, found));

  const count = (kind: ExtraClass) => extras.filter((extra) => extra.class === kind).length;
  return {
    counts: {
      labels: labels.length,
      found: found.length,
      missed: missed.length,
      false: count('false'),
      duplicate: count('duplicate'),
      noise: count('noise'),
      skipped: count('skipped'),
    },
    found,
    missed,
    extras,
  };
}

/** Adds up counts, for the total row. */
export function sumCounts(counts: readonly ScoreCounts[]): ScoreCounts {
  const total: ScoreCounts = {
    labels: 0,
    found: 0,
    missed: 0,
    false: 0,
    duplicate: 0,
    noise: 0,
    skipped: 0,
  };
  for (const entry of counts) {
    for (const key of Object.keys(total) as (keyof ScoreCounts)[]) {
      total[key] += entry[key];
    }
  }
  return total;
}
