import type { ResolvedPin } from '../resolve/resolve-pins.ts';

/** A `# renovate:` line to write above a value, or one of ours to bring up to date. */
export interface AnnotationEdit {
  file: string;
  /** 1-based line of the value the annotation governs. */
  line: number;
  kind: 'missing' | 'stale';
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
}

const annotationLine =
  /^[ \t]*#[ \t]*renovate:[ \t]*(datasource=\S+[ \t]+depName=\S+(?:[ \t]+\S+=\S+)*)[ \t]*\r?$/;

/** Renovate's own annotation grammar, as the preset's annotations manager reads it. */
export function annotationFor(pin: ResolvedPin): string {
  const registry = pin.registryUrl ? ` registryUrl=${pin.registryUrl}` : '';
  return `# renovate: datasource=${pin.datasource} depName=${pin.depName}${registry}`;
}

/**
 * Decides, per resolved pin, whether an annotation is missing (no manager of the preset finds
 * the value), stale (an annotation is there but names another dependency, e.g. a chart moved
 * its registry) or fine. Pins another manager already finds get nothing: an annotation there
 * would report them twice.
 */
export function planAnnotations(
  pins: readonly ResolvedPin[],
  found: readonly FoundAt[],
  fileLines: (file: string) => string[] | undefined,
): AnnotationEdit[] {
  const edits: AnnotationEdit[] = [];
  const seen = new Set(
    found
      .filter((dep) => dep.line !== undefined)
      .map((dep) => `${dep.file}:${dep.line}:${dep.currentValue}`),
  );
  for (const pin of pins) {
    const lines = fileLines(pin.file);
    if (!lines) continue;
    const wanted = annotationFor(pin);
    const above = annotationLine.exec(lines[pin.line - 2] ?? '');
    if (above) {
      const current = `# renovate: ${above[1]}`;
      if (current !== wanted)
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
    if (seen.has(`${pin.file}:${pin.line}:${pin.currentValue}`)) continue;
    edits.push({ file: pin.file, line: pin.line, kind: 'missing', annotation: wanted, pin });
  }
  return edits;
}
