import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { RenovateUnavailableError } from '../src/renovate/renovate-binary.ts';
import { UserError } from '../src/shared/user-error.ts';
import { adversarialBytes } from './adversarial.ts';
import { defaultSeed } from './cluster-repo.ts';
import { type ComparePresetsOptions, comparePresets } from './compare-presets.ts';
import { formatComparePresets } from './format-compare.ts';
import { formatFloorReport, formatReport } from './format-report.ts';
import { defaultLookupSize } from './lookup-run.ts';
import { type BenchLogLevel, BenchRunError } from './measure-run.ts';
import { fullOurStepsSizes, quickOurStepsSizes } from './our-steps-cases.ts';
import { type BenchOptions, runBenchmark } from './run-benchmark.ts';
import { updateReportFile } from './update-report-file.ts';

export const benchHelp = `Usage: npm run bench -- [--quick] [--runs N] [--sizes 100,1000,5000|none] [--no-adversarial]
                       [--log-level debug|info] [--seed N] [--json FILE] [--update FILE] [--attribute]
                       [--floor|--no-floor] [--lookup-size N|--no-lookup] [--no-our-steps]
                       [--annotate-sizes 100,1000,5000|--no-annotate] [--annotate-runs N]
       npm run bench -- --compare-presets REV[,REV...] [--sizes N] [--runs N] [--seed N]
                       [--log-level debug|info] [--json FILE]

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
  --update FILE     also put the report into FILE (BENCHMARKS.md) between its results and floor
                    (or, with --attribute, attribution) markers
  --attribute       profile instead: what each custom manager costs, as the run with all of them
                    minus the run without it (default N=1,000 and the adversarial files, 1 run)
  --floor           also the floor: (a) and (b) at N=1,000 (or the largest of --sizes below it)
                    and (a) and (a0) on the adversarial files, each with the installed Renovate
                    and with a patched copy that caches what it compiles (bench/floor.ts); on by
                    default, off with --quick (it adds about 12 min to a full run)
  --no-floor        without the floor
  --lookup-size N   also the lookup run: (a) and (b) with dry-run lookup on the repository of N
                    Argo CD files, every lookup answered by the offline world (bench/lookup-run.ts;
                    default ${defaultLookupSize}; 1 to 2 min per run at N=1,000)
  --no-lookup       without the lookup run (--attribute never has one)
  --no-our-steps    without timing our own steps after Renovate (line location, scan rows and
                    table, policy name resolution) on 200,000 identical lines, 9,000 image
                    objects and 5,000 Argo CD files, each against a quarter of that size
                    (bench/our-steps.ts; a quarter of those sizes with --quick). Mostly
                    Renovate's extract: about 10 min on a busy machine, 3 with --quick
  --annotate-sizes LIST  also time \`renovate-gitops annotate\` by phase (Renovate's extract and
                    ours) on repositories of N units of each family it resolves, mixed and alone
                    (bench/annotate-scaling.ts; default 100,1000,5000, 100,1000 with --quick;
                    a full one takes 10-20 min)
  --annotate-runs N runs of annotate per repository (default 1; medians over them)
  --no-annotate     without annotate
  --compare-presets REV[,REV...]  only this: the extract cost of the custom managers of the
                    presets at each git revision (. for the working tree's), back to back with
                    Renovate's built-in managers alone (b), on one repository of the first of
                    --sizes (default 1,000) Argo CD files, --runs each (default 3), interleaved;
                    prints a table with a/b and the deps each finds against the row above

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
      floor: { type: 'boolean' },
      lookup: { type: 'boolean', default: true },
      'lookup-size': { type: 'string' },
      'our-steps': { type: 'boolean', default: true },
      annotate: { type: 'boolean', default: true },
      'annotate-sizes': { type: 'string' },
      'annotate-runs': { type: 'string' },
      update: { type: 'string' },
      'compare-presets': { type: 'string' },
    },
  }).values;
}

export interface BenchCommand extends BenchOptions {
  json?: string;
  update?: string;
}

export interface ComparePresetsCommand {
  comparePresets: ComparePresetsOptions;
  json?: string;
}

/** What --compare-presets leaves out: each of these measures something else. */
const notWithComparePresets = [
  'quick',
  'attribute',
  'floor',
  'update',
  'lookup-size',
  'annotate-sizes',
  'annotate-runs',
] as const;

function parseComparePresets(
  values: ReturnType<typeof parseOptions>,
  revisionsText: string,
  logLevel: BenchLogLevel,
): ComparePresetsCommand {
  for (const option of notWithComparePresets) {
    if (values[option]) {
      throw new UserError(`--${option} does not go with --compare-presets\n\n${benchHelp}`);
    }
  }
  const revisions = revisionsText.split(',').map((revision) => revision.trim());
  if (revisions.some((revision) => revision === '')) {
    throw new UserError(
      `--compare-presets ${revisionsText}: expected git revisions separated by commas\n\n${benchHelp}`,
    );
  }
  const repeated = revisions.find((revision, index) => revisions.indexOf(revision) !== index);
  if (repeated) {
    throw new UserError(`--compare-presets: ${repeated} is named twice\n\n${benchHelp}`);
  }
  const [firstSize = ''] = (values.sizes ?? '1000').split(',');
  return {
    comparePresets: {
      revisions,
      size: positiveInteger(firstSize.trim(), '--sizes'),
      runs: positiveInteger(values.runs ?? '3', '--runs'),
      seed: values.seed ? positiveInteger(values.seed, '--seed') : defaultSeed,
      logLevel,
    },
    ...(values.json ? { json: values.json } : {}),
  };
}

export function parseBenchArgs(args: string[]): BenchCommand | ComparePresetsCommand {
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
  const revisionsText = values['compare-presets'];
  if (revisionsText !== undefined) {
    return parseComparePresets(values, revisionsText, logLevel);
  }
  if (values.attribute && values.floor) {
    throw new UserError(`--floor does not go with --attribute\n\n${benchHelp}`);
  }
  const defaultSizes = values.attribute ? '1000' : values.quick ? '100,1000' : '100,1000,5000';
  const sizesText = values.sizes ?? defaultSizes;
  const sizes =
    sizesText === 'none'
      ? []
      : sizesText.split(',').map((size) => positiveInteger(size.trim(), '--sizes'));
  if (values.attribute && values['lookup-size']) {
    throw new UserError(`--lookup-size does not go with --attribute\n\n${benchHelp}`);
  }
  const lookupSize =
    values.lookup && !values.attribute
      ? positiveInteger(values['lookup-size'] ?? String(defaultLookupSize), '--lookup-size')
      : undefined;
  const ourSteps =
    values['our-steps'] && !values.attribute
      ? { sizes: values.quick ? quickOurStepsSizes : fullOurStepsSizes, repeats: 3 }
      : undefined;
  const annotateSizes =
    values.annotate && !values.attribute
      ? (values['annotate-sizes'] ?? (values.quick ? '100,1000' : '100,1000,5000'))
      : 'none';
  const annotate =
    annotateSizes === 'none'
      ? undefined
      : {
          sizes: annotateSizes
            .split(',')
            .map((size) => positiveInteger(size.trim(), '--annotate-sizes')),
          runs: positiveInteger(values['annotate-runs'] ?? '1', '--annotate-runs'),
        };
  if (sizes.length === 0 && !values.adversarial && !lookupSize && !ourSteps && !annotate) {
    throw new UserError(
      `nothing to measure: --sizes none, --no-adversarial, --no-lookup, --no-our-steps and --no-annotate\n\n${benchHelp}`,
    );
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
    floor: values.floor ?? !(values.quick || values.attribute),
    ...(lookupSize ? { lookupSize } : {}),
    ...(ourSteps ? { ourSteps } : {}),
    ...(annotate ? { annotate } : {}),
    ...(values.json ? { json: values.json } : {}),
    ...(values.update ? { update: values.update } : {}),
  };
}

function progress(): (message: string) => void {
  const started = Date.now();
  return (message) =>
    process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(0)} s] ${message}\n`);
}

async function runComparison({ comparePresets: options, json }: ComparePresetsCommand) {
  const result = await comparePresets({ ...options, onProgress: progress() });
  if (json) {
    await writeFile(json, `${JSON.stringify(result, null, 2)}\n`);
  }
  process.stdout.write(formatComparePresets(result));
  return 0;
}

async function main(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(benchHelp);
    return 0;
  }
  const command = parseBenchArgs(args);
  if ('comparePresets' in command) return runComparison(command);
  const { json, update, ...options } = command;
  const result = await runBenchmark({ ...options, onProgress: progress() });
  if (json) {
    await writeFile(json, `${JSON.stringify(result, null, 2)}\n`);
  }
  const report = formatReport(result);
  const floorReport = formatFloorReport(result);
  if (update) {
    await updateReportFile(update, report, options.attribute ? 'attribution' : 'results');
    if (floorReport) await updateReportFile(update, floorReport, 'floor');
  }
  process.stdout.write(report);
  if (floorReport) process.stdout.write(`\n## The floor\n\n${floorReport}`);
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
