import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { RenovateUnavailableError } from '../src/renovate/renovate-binary.ts';
import { UserError } from '../src/shared/user-error.ts';
import { adversarialBytes } from './adversarial.ts';
import { defaultSeed } from './cluster-repo.ts';
import { formatReport } from './format-report.ts';
import { type BenchLogLevel, BenchRunError } from './measure-run.ts';
import { type BenchOptions, runBenchmark } from './run-benchmark.ts';
import { updateReportFile } from './update-report-file.ts';

export const benchHelp = `Usage: npm run bench -- [--quick] [--runs N] [--sizes 100,1000,5000|none] [--no-adversarial]
                       [--log-level debug|info] [--seed N] [--json FILE] [--update FILE] [--attribute]

Times Renovate's extract (offline, --platform=local, dry-run extract) on synthetic Argo CD
cluster repositories and on adversarial 5 MiB files, with this package's preset (a) and with
Renovate's built-in managers alone on the same files (b). Prints a Markdown report: medians of
Renovate's own extract split and per-manager durations, process wall time and peak memory,
a/b, growth between sizes, and the targets of BENCHMARKS.md.
  --quick           N=100 and 1,000, 3 runs (the adversarial files too); for checking a change
  --runs N          runs per config and repository (default 5; medians over them)
  --sizes LIST      numbers of Argo CD files (default 100,1000,5000); none: adversarial only
  --no-adversarial  skip the adversarial files
  --log-level L     debug (default: what the runner template's log file records) or info
  --seed N          generator seed (default ${defaultSeed})
  --json FILE       also write every measurement as JSON
  --update FILE     also put the report into FILE (BENCHMARKS.md) between its results (or,
                    with --attribute, attribution) markers
  --attribute       profile instead: what each custom manager costs, as the run with all of them
                    minus the run without it (default N=1,000 and the adversarial files, 1 run)

Progress goes to stderr. Run it on a quiet machine: every run is one busy core.`;

function positiveInteger(value: string, option: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) {
    throw new UserError(`${option} ${value}: expected a positive whole number\n\n${benchHelp}`);
  }
  return number;
}

function parseOptions(args: string[]) {
  return parseArgs({
    args,
    allowNegative: true,
    options: {
      quick: { type: 'boolean', default: false },
      runs: { type: 'string' },
      sizes: { type: 'string' },
      adversarial: { type: 'boolean', default: true },
      'log-level': { type: 'string', default: 'debug' },
      seed: { type: 'string' },
      json: { type: 'string' },
      attribute: { type: 'boolean', default: false },
      update: { type: 'string' },
    },
  }).values;
}

export interface BenchCommand extends BenchOptions {
  json?: string;
  update?: string;
}

export function parseBenchArgs(args: string[]): BenchCommand {
  let values: ReturnType<typeof parseOptions>;
  try {
    values = parseOptions(args);
  } catch (err) {
    throw new UserError(`${(err as Error).message}\n\n${benchHelp}`);
  }
  const logLevel = values['log-level'];
  if (logLevel !== 'debug' && logLevel !== 'info') {
    throw new UserError(`--log-level ${logLevel}: expected debug or info\n\n${benchHelp}`);
  }
  const defaultSizes = values.attribute ? '1000' : values.quick ? '100,1000' : '100,1000,5000';
  const sizesText = values.sizes ?? defaultSizes;
  const sizes =
    sizesText === 'none'
      ? []
      : sizesText.split(',').map((size) => positiveInteger(size.trim(), '--sizes'));
  if (sizes.length === 0 && !values.adversarial) {
    throw new UserError(`nothing to measure: --sizes none and --no-adversarial\n\n${benchHelp}`);
  }
  return {
    sizes,
    runs: values.runs
      ? positiveInteger(values.runs, '--runs')
      : values.attribute
        ? 1
        : values.quick
          ? 3
          : 5,
    seed: values.seed ? positiveInteger(values.seed, '--seed') : defaultSeed,
    adversarial: values.adversarial,
    adversarialBytes,
    logLevel: logLevel satisfies BenchLogLevel,
    attribute: values.attribute,
    ...(values.json ? { json: values.json } : {}),
    ...(values.update ? { update: values.update } : {}),
  };
}

async function main(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(benchHelp);
    return 0;
  }
  const { json, update, ...options } = parseBenchArgs(args);
  const started = Date.now();
  const result = await runBenchmark({
    ...options,
    onProgress: (message) =>
      process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(0)} s] ${message}\n`),
  });
  if (json) {
    await writeFile(json, `${JSON.stringify(result, null, 2)}\n`);
  }
  const report = formatReport(result);
  if (update) {
    await updateReportFile(update, report, options.attribute ? 'attribution' : 'results');
  }
  process.stdout.write(report);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof UserError) {
      console.error(err.message);
      process.exitCode = err.exitCode;
    } else if (err instanceof BenchRunError || err instanceof RenovateUnavailableError) {
      console.error(`bench: ${err.message}`);
      process.exitCode = 1;
    } else {
      throw err;
    }
  },
);
