import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { scanClusterRepo } from '../policy/cluster-repo.ts';
import { type CompiledPolicy, compilePolicy } from '../policy/compile-policy.ts';
import { formatDiagnostic } from '../policy/diagnostics.ts';
import { parsePolicyFile, policyFileName } from '../policy/policy-file.ts';
import {
  ConfigFileError,
  findRenovateConfig,
  mergePolicyRules,
  policyPreset,
} from '../policy/renovate-config-file.ts';
import { RenovateUnavailableError, renovateEntryPoint } from '../renovate/renovate-binary.ts';
import { datasourceIds, migrateSchedule, scheduleProblem } from '../renovate/renovate-internals.ts';
import { formatTable } from '../scan/format-table.ts';
import { UserError } from '../shared/user-error.ts';
import { formatProblem } from '../validate/problem.ts';
import { validateAgainstRenovateSchema } from '../validate/renovate-schema.ts';
import { assertRepositoryRoot } from './git-repository.ts';
import { writeUserFiles } from './write-user-files.ts';

export const policyHelp = `Usage: renovate-gitops policy [dir] [--file FILE] [--out FILE] [--check] [--strict] [--json]

Turns the per-application policy of a cluster repository (${policyFileName}) into Renovate
packageRules and writes them into its renovate.json: the rules of an earlier run are replaced,
every other key and rule is kept. Each entry names its app by
  application   metadata.name of an Argo CD Application/ApplicationSet here: the pins in the file
                that defines it, below its source path (if in this repo), and its chart version
                in an App-of-Apps values file
  chart         a Helm chart name        path   a file glob        datasource   e.g. docker
and sets automerge (none | patch | minor), approveMajor (true | false), schedule, labels,
reviewers. Later entries win where they overlap; apps not listed follow the presets.

  dir            the cluster repository's top level (default: the current directory)
  --file FILE    the policy file (default: ${policyFileName} in dir)
  --out FILE     write the rules as a preset file instead of changing renovate.json
  --check        write nothing; exit 1 when renovate.json (or --out) is not what the policy makes
  --strict       warnings (an unknown application or chart, a path that matches no file) fail
                 the command; without it they are printed, and an unknown application's entry
                 is skipped
  --json         print the entries' decisions, the rules and the warnings as JSON

Exit codes: 0 written or up to date, 1 out of date (--check), warnings with --strict, or Renovate
unavailable, 2 bad arguments, an invalid policy file or renovate.json, or not a git repository.`;

export interface PolicyOptions {
  dir: string;
  file?: string;
  out?: string;
  check: boolean;
  strict: boolean;
  json: boolean;
}

export function parsePolicyArgs(args: string[]): PolicyOptions {
  try {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        file: { type: 'string' },
        out: { type: 'string' },
        check: { type: 'boolean', default: false },
        strict: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
      },
    });
    if (positionals.length > 1) {
      throw new UserError(
        `policy takes one directory, got ${positionals.length}: ${positionals.join(' ')}`,
      );
    }
    return {
      dir: positionals[0] ?? '.',
      ...(values.file ? { file: values.file } : {}),
      ...(values.out ? { out: values.out } : {}),
      check: values.check,
      strict: values.strict,
      json: values.json,
    };
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw new UserError(`${(err as Error).message}\n\n${policyHelp}`);
  }
}

/** How a path is shown to the user: relative to where they are, when that is shorter. */
function shown(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') ? relative : file;
}

function formatPolicyTable(compiled: CompiledPolicy): string {
  const rows = compiled.apps.map((app) => [
    app.entry,
    app.app,
    app.patch,
    app.minor,
    app.major,
    [
      app.schedule ? `schedule ${app.schedule.join(' | ')}` : '',
      app.labels ? `labels ${app.labels.join(',')}` : '',
      app.reviewers ? `reviewers ${app.reviewers.join(',')}` : '',
    ]
      .filter(Boolean)
      .join('; '),
    app.matches.join(', '),
  ]);
  return formatTable(['entry', 'app', 'patch', 'minor', 'major', 'also', 'matches'], rows);
}

/** What would be written, and where: the merged renovate.json or a preset file. */
async function target(
  options: PolicyOptions,
  dir: string,
  policyLabel: string,
  compiled: CompiledPolicy,
): Promise<{ file: string; content: string }> {
  if (options.out) {
    return {
      file: path.resolve(options.out),
      content: policyPreset(policyLabel, compiled.packageRules),
    };
  }
  const config = await findRenovateConfig(dir);
  if (!config) {
    throw new UserError(
      `${shown(dir) || '.'}: no Renovate config (renovate.json): create one with \`renovate-gitops init\`, or write the rules to a preset with --out`,
    );
  }
  if (!config.rewritable) {
    throw new UserError(
      `${config.path} is not plain JSON: rewriting it would lose its comments. Write the rules to a preset with --out and add it to extends`,
    );
  }
  try {
    return {
      file: path.join(dir, config.path),
      content: mergePolicyRules(config.path, config.text, compiled.packageRules),
    };
  } catch (err) {
    if (err instanceof ConfigFileError) throw new UserError(err.message);
    throw err;
  }
}

export async function runPolicy(options: PolicyOptions): Promise<number> {
  const dir = path.resolve(options.dir);
  await assertRepositoryRoot(dir);
  const policyPath = options.file ? path.resolve(options.file) : path.join(dir, policyFileName);
  const policyLabel = shown(policyPath);
  const source = await readFile(policyPath, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') {
      throw new UserError(
        `${policyLabel}: no such file. Create one with \`renovate-gitops init\`, or name another with --file`,
      );
    }
    throw new UserError(`${policyLabel}: cannot read it: ${err.message}`);
  });
  const parsed = parsePolicyFile(policyLabel, source);
  if (!parsed.ok) {
    throw new UserError(
      `${policyLabel} is not a valid policy file:\n${parsed.errors.map(formatDiagnostic).join('\n')}`,
    );
  }
  const repo = await scanClusterRepo(dir);
  const compiled = await (async () => {
    // Datasources, schedules and the schema of the output are checked by the pinned Renovate.
    renovateEntryPoint();
    return compilePolicy(parsed.parsed, repo, { datasourceIds, scheduleProblem, migrateSchedule });
  })().catch((err: unknown) => {
    if (err instanceof RenovateUnavailableError) throw new UserError(err.message, 1);
    throw err;
  });
  for (const warning of compiled.warnings) {
    console.error(`warning: ${formatDiagnostic(warning)}`);
  }
  if (compiled.errors.length > 0) {
    throw new UserError(
      `${policyLabel} is not a valid policy file:\n${compiled.errors.map(formatDiagnostic).join('\n')}`,
    );
  }
  if (options.strict && compiled.warnings.length > 0) {
    throw new UserError(
      `${compiled.warnings.length} warning${compiled.warnings.length === 1 ? '' : 's'} and --strict: nothing written`,
      1,
    );
  }
  // The compiler's own output must be valid Renovate config; a failure here is our bug.
  const problems = validateAgainstRenovateSchema('generated packageRules', {
    packageRules: compiled.packageRules,
  });
  if (problems.length > 0) {
    throw new Error(
      `generated rules fail Renovate's schema:\n${problems.map(formatProblem).join('\n')}`,
    );
  }

  const { file, content } = await target(options, dir, policyLabel, compiled);
  const targetLabel = shown(file);
  const current = await readFile(file, 'utf8').catch(() => undefined);
  const upToDate = current === content;
  if (options.check && !upToDate) {
    throw new UserError(
      `${targetLabel} is out of date with ${policyLabel}: run \`renovate-gitops policy${options.out ? ` --out ${options.out}` : ''}\` and commit the result`,
      1,
    );
  }
  if (!options.check && !upToDate) {
    await writeUserFiles(path.dirname(file), [{ path: path.basename(file), content }]);
  }
  if (options.json) {
    console.log(
      JSON.stringify(
        {
          policyFile: policyLabel,
          target: targetLabel,
          written: !options.check && !upToDate,
          apps: compiled.apps,
          packageRules: compiled.packageRules,
          warnings: compiled.warnings.map(formatDiagnostic),
        },
        null,
        2,
      ),
    );
    return 0;
  }
  if (compiled.apps.length > 0) console.log(`${formatPolicyTable(compiled)}\n`);
  const rules = `${compiled.packageRules.length} rule${compiled.packageRules.length === 1 ? '' : 's'}`;
  console.log(
    upToDate
      ? `${targetLabel} is up to date with ${policyLabel} (${rules})`
      : `wrote ${rules} from ${policyLabel} to ${targetLabel}`,
  );
  return 0;
}

export function policy(args: string[]): Promise<number> {
  return runPolicy(parsePolicyArgs(args));
}
