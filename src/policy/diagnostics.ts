import type { SourcePosition } from './json5-locate.ts';

/** Something wrong (or suspicious) in a file the user wrote, located to the line and field. */
export interface Diagnostic {
  file: string;
  position?: SourcePosition;
  /** The offending field as users write it, e.g. `apps[2].automerge`; empty for the file. */
  field: string;
  message: string;
}

/** `renovate-gitops.json5:12:5 apps[2].automerge: must be one of none, patch, minor` */
export function formatDiagnostic(diagnostic: Diagnostic): string {
  const where = diagnostic.position
    ? `${diagnostic.file}:${diagnostic.position.line}:${diagnostic.position.column}`
    : diagnostic.file;
  return diagnostic.field
    ? `${where} ${diagnostic.field}: ${diagnostic.message}`
    : `${where} ${diagnostic.message}`;
}

export function byPosition(a: Diagnostic, b: Diagnostic): number {
  return (
    (a.position?.line ?? 0) - (b.position?.line ?? 0) ||
    (a.position?.column ?? 0) - (b.position?.column ?? 0)
  );
}
