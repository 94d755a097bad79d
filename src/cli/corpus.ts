import path from 'node:path';
import { parseArgs } from 'node:util';
import { referenceConfig } from '../corpus/detection-configs.ts';
import { formatMisses, formatTables, toJson } from '../corpus/format-table.ts';
import { type CorpusRepo, loadCorpus } from '../corpus/labels.ts';
import { runCorpus } from '../corpus/run-corpus.ts';
import { packageRoot } from '../shared/package-root.ts';
import { UserError } from '../shared/user-error.ts';

export const corpusHelp = `Usage: renovate-gitops corpus [--json] [--misses] [--repo NAME]... [--corpus DIR]

Measures detection on the labelled real-world GitOps repositories of the corpus: runs Renovate
(extract mode, offline) on a copy of each, once per configuration (this package's preset,
Renovate's built-in managers alone, a careful user's own config from Renovate's docs), and
prints per repository and in total: labelled pins, found, missed, false, duplicate, noise and
skipped, scored by the corpus README's rules, then the preset's lead over each other config.
  --misses       also list the preset's missed labels by kind, and its false and duplicate
                 detections, each with file:line
  --repo NAME    only this repository folder (a unique part of its name is enough); repeatable
  --corpus DIR   the corpus folder (default: ../shared/corpus next to this package)
  --json         print everything (counts, found, missed, extras, warnings) as JSON

Exit codes: 0 measured, 1 Renovate failed or the preset did not resolve, 2 bad arguments or labels.`;

export interface CorpusOptions {
  corpusDir: string;
  repos: string[];
  json: boolean;
  misses: boolean;
}

export function parseCorpusArgs(args: string[]): CorpusOptions {
  try {
    const { values } = parseArgs({
      args,
      options: {
        json: { type: 'boolean', default: false },
        misses: { type: 'boolean', default: false },
        repo: { type: 'string', multiple: true, default: [] },
        corpus: { type: 'string' },
      },
    });
    return {
      corpusDir: path.resolve(values.corpus ?? path.join(packageRoot, '../shared/corpus')),
      repos: values.repo,
      json: values.json,
      misses: values.misses,
    };
  } catch (err) {
    throw new UserError(`${(err as Error).message}\n\n${corpusHelp}`);
  }
}

/** The repositories `--repo` names: an exact folder name, or the one folder containing it. */
export function selectRepos(all: readonly CorpusRepo[], names: readonly string[]): CorpusRepo[] {
  if (names.length === 0) {
    return [...all];
  }
  const selected = names.map((name) => {
    const exact = all.find((repo) => repo.name === name);
    const partial = all.filter((repo) => repo.name.includes(name));
    const repo = exact ?? (partial.length === 1 ? partial[0] : undefined);
    if (!repo) {
      const candidates = partial.length > 1 ? partial : all;
      throw new UserError(
        `--repo ${name} names ${partial.length > 1 ? 'more than one' : 'no'} corpus repository; one of:\n${candidates.map((entry) => `  ${entry.name}`).join('\n')}`,
      );
    }
    return repo;
  });
  return all.filter((repo) => selected.includes(repo));
}

export async function runCorpusCommand(options: CorpusOptions): Promise<number> {
  const repos = selectRepos(await loadCorpus(options.corpusDir), options.repos);
  const result = await runCorpus({
    repos,
    onProgress: (message) => {
      if (!options.json) process.stderr.write(`${message}\n`);
    },
  });
  if (options.json) {
    console.log(JSON.stringify(toJson(result, options.corpusDir), null, 2));
    return 0;
  }
  console.log(formatTables(result, options.corpusDir));
  if (options.misses) {
    console.log(`\n${formatMisses(result, referenceConfig)}`);
  }
  if (result.warnings.length > 0) {
    console.log(`\nWarnings:\n${result.warnings.map((warning) => `  ${warning}`).join('\n')}`);
  }
  return 0;
}

export async function corpus(args: string[]): Promise<number> {
  return runCorpusCommand(parseCorpusArgs(args));
}
