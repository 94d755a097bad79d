import { annotatedValue, annotationLine } from '../managers/renovate-annotations.ts';
import type { ResolvedPin, UnresolvedPin } from '../resolve/resolve-pins.ts';

/** A `# renovate:` line to write above a value, or one of ours to bring up to date. */
export interface AnnotationEdit {
  file: string;
  /** 1-based line of the value the annotation governs. */
  line: number;
  kind: 'missing' | 'stale' | 'redundant';
  /** The annotation as it should read (without indentation). */
  annotation: string;
  /** The annotation now above the value, for a stale one. */
  current?: string;
  pin: ResolvedPin;
}

/** What a Renovate run found at a place: enough to tell whether a pin is seen already. */
export interface FoundAt {
  file: string;
  line: number | undefined;
  currentValue: string | null | undefined;
  depName?: string | undefined;
  /** The text a regex manager matched: an annotation manager's starts with the comment. */
  replaceString?: string | undefined;
}

const readByAnnotation = (dep: FoundAt) => /^\s*#\s*renovate:/.test(dep.replaceString ?? '');

/** `nginx` and `docker.io/library/nginx` name one image; a chart and its OCI path one chart. */
function sameName(a: string, b: string): boolean {
  return a === b || a.endsWith(`/${b}`) || b.endsWith(`/${a}`);
}

/** Where a value is written, as far as Renovate's report tells: its file and the value. */
function valueKey(file: string, value: string | null | undefined): string {
  return `${file}\0${value ?? ''}`;
}

/**
 * Items grouped by a key, so that each pin looks only at the dependencies of its own file and
 * value: comparing every pin with every dependency grows with their product (pins and
 * dependencies both grow with the repository).
 */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

type FoundByValue = ReadonlyMap<string, readonly FoundAt[]>;

/**
 * Renovate's report has no lines: a pin counts as found when a dependency of its file has its
 * value and either was located on its line or bears its name (a value written twice in a file
 * must not make the line finder's choice decide).
 */
function isFound(pin: ResolvedPin, found: FoundByValue): boolean {
  return (found.get(valueKey(pin.file, pin.currentValue)) ?? []).some(
    (dep) =>
      dep.line === pin.line || (dep.depName !== undefined && sameName(dep.depName, pin.depName)),
  );
}

/**
 * The preset's own annotation pieces, so that what `annotate` writes and reads is exactly what
 * the annotations managers read: the comment line, and the `key: value` line under it.
 */
const commentLine = new RegExp(`^${annotationLine}\\r?$`);
const governedLine = new RegExp(`^${annotatedValue}[ \\t]*(?:#.*)?\\r?$`);

/** The identity an annotation line names, or undefined when the line is no annotation. */
function annotationAt(line: string): { text: string; identity: string } | undefined {
  const groups = commentLine.exec(line)?.groups;
  if (!groups) return undefined;
  return {
    text: line.trim(),
    identity: identityOf(groups.datasource, groups.depName, groups.registryUrl),
  };
}

function identityOf(datasource?: string, depName?: string, registryUrl?: string): string {
  return `${datasource} ${depName} ${registryUrl?.replace(/\/$/, '') ?? ''}`;
}

/** Renovate's own annotation grammar, as the preset's annotations manager reads it. */
export function annotationFor(pin: ResolvedPin): string {
  const registry = pin.registryUrl ? ` registryUrl=${pin.registryUrl}` : '';
  return `# renovate: datasource=${pin.datasource} depName=${pin.depName}${registry}`;
}

/**
 * Pins whose annotation another manager makes redundant: in their file, the dependencies of
 * that value and name found by other managers number at least the pins (a preset update now
 * reads what needed an annotation before). Only then, since which of several equal values a
 * manager read cannot be told.
 */
function redundantAnnotations(
  pins: readonly ResolvedPin[],
  found: FoundByValue,
  annotated: (pin: ResolvedPin) => boolean,
): Set<ResolvedPin> {
  const redundant = new Set<ResolvedPin>();
  const pinsByValue = groupBy(pins, (pin) => valueKey(pin.file, pin.currentValue));
  for (const pin of pins) {
    if (!annotated(pin)) continue;
    const key = valueKey(pin.file, pin.currentValue);
    const group = (pinsByValue.get(key) ?? []).filter((other) =>
      sameName(other.depName, pin.depName),
    );
    const others = (found.get(key) ?? []).filter(
      (dep) =>
        dep.depName !== undefined && sameName(dep.depName, pin.depName) && !readByAnnotation(dep),
    );
    if (others.length >= group.length) redundant.add(pin);
  }
  return redundant;
}

/**
 * Decides, per resolved pin, whether an annotation is missing (no manager of the preset finds
 * the value), stale (an annotation is there but names another dependency, e.g. a chart moved
 * its registry), redundant (another manager reads the value now: the annotation would report
 * it twice, so it goes) or fine. Pins another manager already finds get nothing.
 */
export function planAnnotations(
  pins: readonly ResolvedPin[],
  found: readonly FoundAt[],
  fileLines: (file: string) => string[] | undefined,
): { edits: AnnotationEdit[]; unreadable: UnresolvedPin[] } {
  const edits: AnnotationEdit[] = [];
  const unreadable: UnresolvedPin[] = [];
  const annotationAbove = (pin: ResolvedPin) =>
    annotationAt(fileLines(pin.file)?.[pin.line - 2] ?? '');
  const foundByValue = groupBy(found, (dep) => valueKey(dep.file, dep.currentValue));
  const redundant = redundantAnnotations(
    pins,
    foundByValue,
    (pin) => annotationAbove(pin) !== undefined,
  );
  for (const pin of pins) {
    const lines = fileLines(pin.file);
    if (!lines) continue;
    const wanted = annotationFor(pin);
    const above = annotationAbove(pin);
    if (above) {
      const current = above.text;
      if (redundant.has(pin)) {
        edits.push({
          file: pin.file,
          line: pin.line,
          kind: 'redundant',
          annotation: current,
          current,
          pin,
        });
        continue;
      }
      if (above.identity !== identityOf(pin.datasource, pin.depName, pin.registryUrl))
        edits.push({
          file: pin.file,
          line: pin.line,
          kind: 'stale',
          annotation: wanted,
          current,
          pin,
        });
      continue;
    }
    if (isFound(pin, foundByValue)) continue;
    if (!annotatableLine(lines[pin.line - 1] ?? '', pin.currentValue)) {
      unreadable.push({
        file: pin.file,
        line: pin.line,
        currentValue: pin.currentValue,
        reason: `${pin.depName}: the value is not alone on a \`key: value\` line (a flow map or a longer string), so an annotation above it would not be read; write it as \`key: ${pin.currentValue}\` on its own line`,
      });
      continue;
    }
    edits.push({ file: pin.file, line: pin.line, kind: 'missing', annotation: wanted, pin });
  }
  return { edits, unreadable };
}

/** The annotations manager reads exactly this value on the line under its comment. */
function annotatableLine(line: string, value: string): boolean {
  return governedLine.exec(line)?.groups?.currentValue === value;
}
