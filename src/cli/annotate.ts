import path from 'node:path';
import { parseArgs } from 'node:util';
import type { AnnotatePlan } from '../annotate/annotate-repository.ts';
import {
  AnnotateError,
  planRepository,
  writeAnnotations,
} from '../annotate/annotate-repository.ts';
import { RenovateUnavailableError } from '../renovate/renovate-binary.ts';
import { UserError } from '../shared/user-error.ts';
import { startBundledWorld } from '../world/bundled-world.ts';
import { assertGitRepository } from './git-repository.ts';

export const annotateHelp = `Usage: renovate-gitops annotate [dir] [--check] [--diff] [--json] [--offline-world]

Finds versions that reach a dependency only through a template (an add-on registry in values
read by an ApplicationSet or App-of-Apps chart, a Crossplane package version in values, a
chart version in ApplicationSet generator values whose chart name is composed) and writes
Renovate's own annotation on the line above each one that no manager of the preset finds:
  # renovate: datasource=<helm|docker> depName=<name> [registryUrl=<url>]
It asks the real Renovate (extract mode, the repository's renovate.json) what is found already,
so a value found by another manager is never annotated (it would be reported twice). Every
other byte of a file is kept; all files are written at once or none.
  dir               a git repository (default: the current directory)
  --check           write nothing; exit 1 if an annotation is missing, stale or redundant (for CI)
  --diff            write nothing; print the lines it would write
  --json            write nothing; print the plan (annotations, unresolved values, problems)
  --offline-world   answer gitlab> presets and registries from the bundled offline world

Exit codes: 0 done (or nothing to do), 1 --check found work or Renovate failed, 2 bad arguments.`;

interface AnnotateOptions {
  dir: string;
  check: boolean;
  diff: boolean;
  json: boolean;
  offlineWorld: boolean;
}

function parseAnnotateArgs(args: string[]): AnnotateOptions {
  try {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        check: { type: 'boolean', default: false },
        diff: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        'offline-world': { type: 'boolean', default: false },
      },
    });
    if (positionals.length > 1)
      throw new UserError(
        `annotate takes one directory, got ${positionals.length}: ${positionals.join(' ')}`,
      );
    return {
      dir: positionals[0] ?? '.',
      check: values.check,
      diff: values.diff,
      json: values.json,
      offlineWorld: values['offline-world'],
    };
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw new UserError(`${(err as Error).message}\n\n${annotateHelp}`);
  }
}

function describe(plan: AnnotatePlan): string[] {
  const lines = plan.edits.map((edit) => {
    const at = `${edit.file}:${edit.line}`;
    if (edit.kind === 'missing')
      return `${at}: missing  ${edit.annotation}\n    because ${edit.pin.because}`;
    if (edit.kind === 'redundant') {
      return `${at}: redundant ${edit.annotation}\n    another manager of the preset reads ${edit.pin.depName} ${edit.pin.currentValue} here: the annotation would report it twice`;
    }
    return `${at}: stale    ${edit.current ?? ''}\n    should read ${edit.annotation}\n    because ${edit.pin.because}`;
  });
  for (const miss of plan.resolution.unresolved)
    lines.push(`${miss.file}:${miss.line}: unresolved ${miss.currentValue}: ${miss.reason}`);
  for (const file of plan.dropped) {
    lines.push(
      `${file.file}:${file.line}: not read by Renovate: ${file.reason}; fix it and its pins are found again`,
    );
  }
  for (const problem of plan.resolution.problems)
    lines.push(`${problem.file}:${problem.line}: not read: ${problem.reason}`);
  return lines;
}

export async function annotate(args: string[]): Promise<number> {
  const options = parseAnnotateArgs(args);
  const dir = path.resolve(options.dir);
  await assertGitRepository(dir);
  const world = options.offlineWorld ? await startBundledWorld() : undefined;
  try {
    const plan = await planRepository(dir, world?.env ?? {});
    if (options.json) {
      console.log(
        JSON.stringify(
          { annotations: plan.edits, ...plan.resolution, dropped: plan.dropped },
          null,
          2,
        ),
      );
      return options.check && plan.edits.length > 0 ? 1 : 0;
    }
    if (options.diff) {
      for (const edit of plan.edits) {
        if (edit.current) console.log(`${edit.file}:${edit.line - 1}\n- ${edit.current}`);
        if (edit.kind !== 'redundant')
          console.log(`${edit.file}:${edit.line}\n+ ${edit.annotation}`);
      }
      return 0;
    }
    const report = describe(plan);
    if (options.check) {
      if (report.length) console.log(report.join('\n'));
      if (plan.edits.length === 0) {
        console.log(
          `annotate: every resolved pin is found (${plan.resolution.pins.length} resolved)`,
        );
        return 0;
      }
      console.log(
        `annotate: ${plan.edits.length} annotation(s) missing, stale or redundant: run \`renovate-gitops annotate\``,
      );
      return 1;
    }
    await writeAnnotations(dir, plan);
    if (report.length) console.log(report.join('\n'));
    console.log(
      `annotate: wrote ${plan.edits.length} annotation(s) in ${plan.digests.size} file(s); ${plan.resolution.pins.length} pins resolved`,
    );
    return 0;
  } catch (err) {
    if (err instanceof RenovateUnavailableError || err instanceof AnnotateError)
      throw new UserError(err.message, 1);
    throw err;
  } finally {
    await world?.stop();
  }
}
