import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { catalogue, type Mutation } from './catalogue.ts';
import { StaleMutationError } from './edits.ts';
import { formatTable } from './format-table.ts';
import { copyProject } from './project-copy.ts';
import { runSuites } from './run-suites.ts';

/*
 * `npm run test:mutations`: each semantic breakage of the catalogue is applied to a fresh copy
 * of the project and must make the suites that back its claim fail. First the same suites run
 * on an unmutated copy: a suite that fails anyway would "catch" everything.
 */

export interface MutationResult {
  id: string;
  breaks: string;
  outcome: 'caught' | 'SURVIVED' | 'stale';
  firstFailure?: string;
  error?: string;
  seconds: number;
}

const root = path.resolve(import.meta.dirname, '..');

async function baseline(mutations: readonly Mutation[]): Promise<void> {
  const suites = [...new Set(mutations.flatMap((mutation) => mutation.suites))];
  const copy = await copyProject(root);
  try {
    process.stdout.write(`baseline: ${suites.join(' ')}\n`);
    const result = await runSuites(copy.dir, suites);
    if (result.exitCode !== 0) {
      process.stderr.write(result.output);
      throw new Error(
        `the unmutated project fails its own suites (${result.firstFailure ?? 'see above'}): fix that first`,
      );
    }
    process.stdout.write(`baseline passed in ${result.seconds.toFixed(0)} s\n`);
  } finally {
    await copy.dispose();
  }
}

async function tryMutation(mutation: Mutation): Promise<MutationResult> {
  const copy = await copyProject(root);
  const started = performance.now();
  try {
    await mutation.apply(copy.dir);
    const run = await runSuites(copy.dir, mutation.suites);
    return {
      id: mutation.id,
      breaks: mutation.breaks,
      outcome: run.exitCode === 0 ? 'SURVIVED' : 'caught',
      firstFailure: run.firstFailure,
      seconds: run.seconds,
    };
  } catch (err) {
    if (!(err instanceof StaleMutationError)) throw err;
    return {
      id: mutation.id,
      breaks: mutation.breaks,
      outcome: 'stale',
      error: err.message,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await copy.dispose();
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      only: { type: 'string' },
      list: { type: 'boolean' },
      'no-baseline': { type: 'boolean' },
      'each-pattern': { type: 'boolean' },
      out: { type: 'string' },
    },
  });
  const all = catalogue(root, { eachPattern: values['each-pattern'] });
  const wanted = values.only?.split(',');
  const unknown = wanted?.filter((id) => !all.some((mutation) => mutation.id === id)) ?? [];
  if (unknown.length > 0) {
    process.stderr.write(`unknown mutation: ${unknown.join(', ')} (see --list)\n`);
    return 2;
  }
  const mutations = wanted ? all.filter((mutation) => wanted.includes(mutation.id)) : all;
  if (values.list) {
    for (const mutation of mutations) {
      process.stdout.write(`${mutation.id}\t${mutation.breaks}\t${mutation.suites.join(' ')}\n`);
    }
    return 0;
  }
  if (!values['no-baseline']) {
    await baseline(mutations);
  }
  const results: MutationResult[] = [];
  for (const mutation of mutations) {
    const result = await tryMutation(mutation);
    process.stdout.write(
      `${result.outcome.padEnd(8)} ${mutation.id} (${result.seconds.toFixed(0)} s)${result.firstFailure ? `: ${result.firstFailure}` : ''}${result.error ? `: ${result.error}` : ''}\n`,
    );
    results.push(result);
  }
  const table = formatTable(results);
  process.stdout.write(`\n${table}\n`);
  if (values.out) {
    await writeFile(values.out, `${table}\n`);
  }
  const failed = results.filter((result) => result.outcome !== 'caught');
  if (failed.length > 0) {
    process.stderr.write(
      `${failed.length} of ${results.length} mutations not caught: ${failed.map((result) => result.id).join(', ')}\n`,
    );
    return 1;
  }
  process.stdout.write(`all ${results.length} mutations caught\n`);
  return 0;
}

process.exitCode = await main();
