import type { Chart } from '../catalog.ts';
import type { Shape } from './shape.ts';

/**
 * One family of versions that only `annotate` resolves, written in the spellings its fixture
 * (`fixtures/annotate/templated-versions`) uses. `generate(count, ...)` writes `count` units:
 * a unit is one Argo CD application (written, or rendered by a chart) or one Crossplane
 * provider, each carrying one or more templated versions.
 */
export interface AnnotateFamily extends Shape {
  /** What annotate reads the versions through, for the report. */
  resolves: string;
}

/** An OCI chart's registry host and the namespace inside it: `ghcr.io` + `stefanprodan/charts`. */
export function ociParts(chart: Chart): { registry: string; namespace: string } {
  const [registry = '', ...rest] = chart.repoURL.split('/');
  return { registry, namespace: rest.join('/') };
}

/** Units in groups of `size` (one chart, one file of many), the last group possibly smaller. */
export function groups(count: number, size: number): number[] {
  const sizes: number[] = [];
  for (let left = count; left > 0; left -= size) sizes.push(Math.min(size, left));
  return sizes;
}

/** `0042`: numbers in names sort as they were written. */
export function padded(index: number): string {
  return String(index).padStart(4, '0');
}
