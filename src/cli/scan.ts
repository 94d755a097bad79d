import path from 'node:path';
import { parseArgs } from 'node:util';
import { planAgainst } from '../annotate/annotate-repository.ts';
import { defaultProject, projectPathPattern } from '../policy/preset-reference.ts';
import { failureMessage, type LogRecord } from '../renovate/log-records.ts';
import { RenovateUnavailableError } from '../renovate/renovate-binary.ts';
import type { FoundDep } from '../renovate/report.ts';
import { runRenovate } from '../renovate/run-renovate.ts';
import { readRepository } from '../resolve/repository-model.ts';
import { resolvePins } from '../resolve/resolve-pins.ts';
import { filesRenovateDrops } from '../scan/files-renovate-drops.ts';
import { formatScanTable, summarize } from '../scan/format-table.ts';
import { locateDeps } from '../scan/locate-pin.ts';
import { planScanConfig, renovateConfigInputs } from '../scan/scan-config.ts';
import { scanRows } from '../scan/scan-rows.ts';
import { UserError } from '../shared/user-error.ts';
import { startBundledWorld } from '../world/bundled-world.ts';
import { assertGitRepository } from './git-repository.ts';

export const scanHelp = `Usage: renovate-gitops scan [dir] [--preset] [--lookup] [--offline-world] [--json] [--project PATH]

Runs the real Renovate (dry run, nothing is pushed) on a cluster repository and prints every
version pin it finds: file:line, dependency, datasource and current version.
  dir               a git repository (default: the current directory)
  --preset          try this package's default preset before adopting it: scan as if the
                    repository's Renovate config (or an empty one) listed it last in its extends;
                    nothing is written
  --lookup          also look up new versions and show, per update, what the policy decides:
                    automerge, needs approval, waiting N days (release age) or skipped
  --offline-world   answer registries and gitlab> presets from the bundled offline world
                    (fixtures/world and this package's presets) instead of the network
  --json            print the rows as JSON instead of a table (warnings stay on stderr)
  --project PATH    the GitLab project of renovate-config-gitops that the repository extends
                    (default: any project named renovate-config-gitops)

Renovate reads the config git tracks (renovate.json, .gitlab/renovate.json, ...); scan warns when
it does not extend this package. Renovate cannot read local> presets outside GitLab: for
local>PROJECT (what \`init\` writes) scan uses this installed package's presets instead.

Exit codes: 0 done, 1 Renovate failed or the config extends a preset this package does not have,
2 bad arguments or not a git repository.`;

export interface ScanOptions {
  dir: string;
  lookup: boolean;
  offlineWorld: boolean;
  json: boolean;
  /** Scan as if the repository's config extended this package's default preset. */
  preset?: boolean;
  /** The project of this package the repository's extends names. */
  project?: string;
}

/** Milestones of a Renovate run worth a line on stderr while the user waits. */
function progressLine(record: LogRecord): string | undefined {
  if (record.msg === 'Repository started') return 'renovate: repository started';
  if (record.msg.startsWith('Found ') && record.msg.endsWith(' package file(s)'))
    return `renovate: ${record.msg}`;
  if (record.msg === 'lookupUpdates')
    return `renovate: looking up ${String(record.dependency ?? '')}`;
  if (record.msg === 'Repository finished') return 'renovate: repository finished';
  return undefined;
}

/** A Renovate that is not installed is the user's to fix: a message, not a stack trace. */
function renovateUnavailable(err: unknown): never {
  if (err instanceof RenovateUnavailableError) throw new UserError(err.message, 1);
  throw err;
}

export async function runScan(options: ScanOptions): Promise<number> {
  const dir = path.resolve(options.dir);
  await assertGitRepository(dir);
  const plan = await planScanConfig(dir, {
    preset: options.preset ?? false,
    ...(options.project ? { project: options.project } : {}),
  }).catch(renovateUnavailable);
  for (const message of plan.messages) process.stderr.write(`${message}\n`);
  const inputs = await renovateConfigInputs(plan);
  const world = options.offlineWorld ? await startBundledWorld() : undefined;
  try {
    const result = await runRenovate({
      repoDir: dir,
      mode: options.lookup ? 'lookup' : 'extract',
      env: { ...world?.env, ...inputs.env },
      globalConfig: inputs.globalConfig,
      onRecord: (record) => {
        const line = progressLine(record);
        if (line && !options.json) process.stderr.write(`${line}\n`);
      },
    }).catch(renovateUnavailable);
    if (result.exitCode !== 0) {
      throw new UserError(failureMessage(result, dir), 1);
    }
    const lineOf = await locateDeps(dir, result.deps);
    const rows = scanRows({
      deps: result.deps,
      branches: result.log.branches,
      lookup: options.lookup,
      lineOf: (dep) => lineOf.get(dep),
      now: new Date(),
    });
    if (options.json) {
      console.log(JSON.stringify(rows, null, 2));
    } else {
      console.log(formatScanTable(rows, options.lookup));
      console.log(`\n${summarize(rows)}`);
      const unseen = await whatRenovateCannotSee(dir, result.deps);
      if (unseen) console.log(`\n${unseen}`);
    }
    return 0;
  } finally {
    await world?.stop();
    await inputs.dispose();
  }
}

/**
 * Files the YAML-parsing managers drop whole, and versions only `annotate` makes visible
 * (resolved through templates, without fetching charts: scan stays a dry run of Renovate).
 */
async function whatRenovateCannotSee(dir: string, deps: readonly FoundDep[]): Promise<string> {
  const model = await readRepository(dir);
  const dropped = await filesRenovateDrops(dir, model.files);
  const plan = await planAgainst(dir, await resolvePins(model), deps);
  const sections: string[] = [];
  if (dropped.length > 0) {
    sections.push(
      [
        `Files Renovate drops whole (${dropped.length}): every pin in them is lost`,
        ...dropped.map((entry) => `  ${entry.file}:${entry.line}  ${entry.reason}`),
      ].join('\n'),
    );
  }
  if (plan.edits.length > 0) {
    sections.push(
      [
        `Versions only \`renovate-gitops annotate\` makes visible (${plan.edits.length}): run \`renovate-gitops annotate --diff\``,
        ...plan.edits.map(
          (edit) =>
            `  ${edit.file}:${edit.line}  ${edit.pin.depName} ${edit.pin.currentValue}  [${edit.pin.datasource}]`,
        ),
      ].join('\n'),
    );
  }
  return sections.join('\n\n');
}

export function parseScanArgs(args: string[]): ScanOptions {
  try {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        lookup: { type: 'boolean', default: false },
        'offline-world': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        preset: { type: 'boolean', default: false },
        project: { type: 'string' },
      },
    });
    if (positionals.length > 1) {
      throw new UserError(
        `scan takes one directory, got ${positionals.length}: ${positionals.join(' ')}`,
      );
    }
    if (values.project !== undefined && !projectPathPattern.test(values.project)) {
      throw new UserError(
        `--project ${values.project}: not a GitLab project path such as ${defaultProject}`,
      );
    }
    return {
      dir: positionals[0] ?? '.',
      lookup: values.lookup,
      offlineWorld: values['offline-world'],
      json: values.json,
      preset: values.preset,
      ...(values.project ? { project: values.project } : {}),
    };
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw new UserError(`${(err as Error).message}\n\n${scanHelp}`);
  }
}

export function scan(args: string[]): Promise<number> {
  return runScan(parseScanArgs(args));
}
