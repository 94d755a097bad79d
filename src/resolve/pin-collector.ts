import type { Origin } from './located-values.ts';
import type { ModelProblem } from './repository-model.ts';
import type { TagOnlyOverride } from './tag-only-overrides.ts';

/**
 * A version written at file:line that a template turns into a dependency: "this value is the
 * version of that dependency, because template T reads it". The identity is in Renovate's
 * terms, ready for a `# renovate:` annotation.
 */
export interface ResolvedPin {
  file: string;
  line: number;
  currentValue: string;
  datasource: 'helm' | 'docker';
  depName: string;
  registryUrl?: string;
  because: string;
}

/** A version the layer saw but cannot name: shown, never guessed. */
export interface UnresolvedPin {
  file: string;
  line: number;
  currentValue: string;
  reason: string;
}

export interface Resolution {
  pins: ResolvedPin[];
  unresolved: UnresolvedPin[];
  problems: ModelProblem[];
}

/**
 * Gathers what templates say about values: one pin per value, an unresolved entry where a
 * value is read but cannot be named, or is read as two different dependencies.
 */
export class PinCollector {
  readonly pins = new Map<string, ResolvedPin>();
  readonly unresolved = new Map<string, UnresolvedPin>();
  private readonly ambiguous = new Set<string>();

  add(pin: ResolvedPin): void {
    const key = `${pin.file}:${pin.line}:${pin.currentValue}`;
    const seen = this.pins.get(key);
    if (seen && (seen.depName !== pin.depName || seen.datasource !== pin.datasource)) {
      // Two templates read the same value as different dependencies: never guess which.
      this.ambiguous.add(key);
      this.unresolved.set(key, {
        file: pin.file,
        line: pin.line,
        currentValue: pin.currentValue,
        reason: `read as ${seen.depName} (${seen.because}) and as ${pin.depName} (${pin.because})`,
      });
      return;
    }
    if (!seen && !this.ambiguous.has(key)) this.pins.set(key, pin);
  }

  readonly overrides = new Map<string, TagOnlyOverride>();

  override(override: TagOnlyOverride): void {
    const key = `${override.tag.origin.file}:${override.tag.origin.line}:${override.tag.text}`;
    if (!this.overrides.has(key)) this.overrides.set(key, override);
  }

  miss(origin: Origin, currentValue: string, reason: string): void {
    const key = `${origin.file}:${origin.line}:${currentValue}`;
    if (!this.pins.has(key) && !this.unresolved.has(key)) {
      this.unresolved.set(key, { file: origin.file, line: origin.line, currentValue, reason });
    }
  }

  result(): { pins: ResolvedPin[]; unresolved: UnresolvedPin[] } {
    const byPlace = (a: { file: string; line: number }, b: { file: string; line: number }) =>
      a.file.localeCompare(b.file) || a.line - b.line;
    return {
      pins: [...this.pins.entries()]
        .filter(([key]) => !this.ambiguous.has(key))
        .map(([, pin]) => pin)
        .sort(byPlace),
      unresolved: [...this.unresolved.values()].sort(byPlace),
    };
  }
}
