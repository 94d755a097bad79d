import type { Random } from '../random.ts';

/** One file of a synthetic cluster repository, by its path inside the repository. */
export interface GeneratedFile {
  path: string;
  content: string;
}

/** What a shape generated: the Argo CD files that count towards N, and the files they use. */
export interface ShapeOutput {
  argoFiles: GeneratedFile[];
  /** Values files, Kustomize directories, parent charts: read by the same managers. */
  supportFiles: GeneratedFile[];
}

/**
 * One kind of Argo CD file in a cluster repository. `generate` writes `count` of them, with
 * names numbered from `firstIndex` so that shapes never collide.
 */
export interface Shape {
  name: string;
  /** Its share of the N Argo CD files. */
  share: number;
  generate(count: number, firstIndex: number, random: Random): ShapeOutput;
}
