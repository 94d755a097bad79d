import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFilesAtomically } from '../build/write-files-atomically.ts';
import { ChartDefaults, defaultChartCacheDir } from '../helm/chart-defaults.ts';
import { failureMessage } from '../renovate/log-records.ts';
import type { FoundDep } from '../renovate/report.ts';
import { runRenovate } from '../renovate/run-renovate.ts';
import { type PhaseTimer, untimed } from '../resolve/phase-timer.ts';
import { readRepository } from '../resolve/repository-model.ts';
import { type Resolution, resolvePins } from '../resolve/resolve-pins.ts';
import { type DroppedFile, filesRenovateDrops } from '../scan/files-renovate-drops.ts';
import { locateDeps } from '../scan/locate-pin.ts';
import { planScanConfig, renovateConfigInputs } from '../scan/scan-config.ts';
import { type AnnotationEdit, groupBy, planAnnotations } from './plan-annotations.ts';
import { applyAnnotations } from './write-annotations.ts';

export interface AnnotatePlan {
  resolution: Resolution;
  /** Files Renovate's YAML managers drop whole: no annotation helps there, fixing the file does. */
  dropped: DroppedFile[];
  edits: AnnotationEdit[];
  /** The text each edited file had when planned: a file changed since is refused, not overwritten. */
  digests: Map<string, string>;
}

export class AnnotateError extends Error {}

export interface PlanOptions {
  /** Where fetched chart archives are kept (default: the user's cache folder). */
  chartCacheDir?: string;
  /** Measures each phase (the bench); by default they run untimed. */
  timer?: PhaseTimer;
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Resolves the repository's templated versions, asks the real Renovate (extract mode, with the
 * repository's own config) what the preset already finds, and plans the annotations for the
 * rest. `env` carries the offline world's proxy settings when one is used.
 */
export async function planRepository(
  root: string,
  env: Record<string, string> = {},
  options: PlanOptions = {},
): Promise<AnnotatePlan> {
  const time = options.timer ?? untimed;
  const model = await time('read-model', () => readRepository(root));
  // Charts are fetched the way Helm would: through the same proxy and CAs as Renovate.
  const network = { ...process.env, ...env };
  const chartDefaults = new ChartDefaults(
    network,
    options.chartCacheDir ?? defaultChartCacheDir(network),
  );
  const resolution = await time('resolve', () =>
    resolvePins(model, { chartDefaults, timer: time }),
  );
  const run = await time('renovate', async () => {
    // The repository's own config as Renovate reads it on GitLab: `local>` references to this
    // package (what `init` writes) come from this installed package, as `scan` does it.
    const inputs = await renovateConfigInputs(await planScanConfig(root, { preset: false }));
    return runRenovate({
      repoDir: root,
      mode: 'extract',
      env: { ...env, ...inputs.env },
      globalConfig: inputs.globalConfig,
    }).finally(() => inputs.dispose());
  });
  if (run.exitCode !== 0) {
    throw new AnnotateError(failureMessage(run, root));
  }
  const plan = await time('plan', () => planAgainst(root, resolution, run.deps, time));
  const dropped = await time('dropped-files', () => filesRenovateDrops(root, model.files));
  return { ...plan, dropped };
}

/**
 * The annotations a resolution needs, given what a Renovate run of the repository found:
 * `scan` calls this with its own run, `annotate` with a fresh one.
 */
export async function planAgainst(
  root: string,
  resolution: Resolution,
  deps: readonly FoundDep[],
  time: PhaseTimer = untimed,
): Promise<AnnotatePlan> {
  const lineOf = await time('locate-deps', () => locateDeps(root, deps));
  const found = deps.map((dep) => ({
    file: dep.packageFile,
    line: lineOf.get(dep),
    currentValue: dep.currentValue,
    depName: dep.depName,
    replaceString: dep.replaceString,
  }));
  const texts = new Map<string, string>();
  const lines = new Map<string, string[]>();
  for (const file of new Set(resolution.pins.map((pin) => pin.file))) {
    const text = await readFile(path.join(root, file), 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    texts.set(file, text);
    // Split once: the planner asks for a file's lines for every pin in it.
    lines.set(file, text.split('\n'));
  }
  const { edits, unreadable } = planAnnotations(resolution.pins, found, (file) => lines.get(file));
  const digests = new Map(
    [...new Set(edits.map((edit) => edit.file))].map((file) => [
      file,
      digest(texts.get(file) ?? ''),
    ]),
  );
  const unresolved = [...resolution.unresolved, ...unreadable].sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line,
  );
  const unreadableAt = new Set(unreadable.map((entry) => `${entry.file}:${entry.line}`));
  const annotatable = resolution.pins.filter((pin) => !unreadableAt.has(`${pin.file}:${pin.line}`));
  return {
    resolution: { ...resolution, pins: annotatable, unresolved },
    dropped: [],
    edits,
    digests,
  };
}

/** The files with their annotations applied; throws if a file changed since it was planned. */
export async function annotatedFiles(
  root: string,
  plan: AnnotatePlan,
): Promise<{ path: string; content: string }[]> {
  const out: { path: string; content: string }[] = [];
  const editsByFile = groupBy(plan.edits, (edit) => edit.file);
  for (const [file, expected] of plan.digests) {
    const text = await readFile(path.join(root, file), 'utf8');
    if (digest(text) !== expected) {
      throw new AnnotateError(
        `${file}: changed while annotate was running; nothing was written, run it again`,
      );
    }
    out.push({
      path: file,
      content: applyAnnotations(text, editsByFile.get(file) ?? []),
    });
  }
  return out;
}

/** Writes every planned annotation at once: all files or none. */
export async function writeAnnotations(root: string, plan: AnnotatePlan): Promise<void> {
  await writeFilesAtomically(root, await annotatedFiles(root, plan));
}
