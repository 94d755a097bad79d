import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempGitRepo } from '../src/renovate/temp-git-repo.ts';
import { runCli, snapshot } from './harness/cli.ts';
import { projectRoot } from './harness/paths.ts';

/**
 * fixtures/init-cases/<case>/: `before/` is the repository init runs on, `after/` the files
 * init must leave different (the Renovate config it edits), `expected.json` its exit code and
 * what it prints. Every file not in `after/` must be as in `before/`, but the starter files
 * that the output says init wrote.
 */
interface InitCase {
  description: string;
  args?: string[];
  exitCode: number;
  /** The lines before the closing "Next: ..." paragraph. */
  stdout?: string[];
  /** The one error line, without the `renovate-gitops: ` prefix. */
  stderr?: string;
}

const casesDir = path.join(projectRoot, 'fixtures/init-cases');
const cases = await Promise.all(
  (await readdir(casesDir)).sort().map(async (name) => ({
    name,
    ...(JSON.parse(await readFile(path.join(casesDir, name, 'expected.json'), 'utf8')) as InitCase),
  })),
);
const starterFiles = new Set(['renovate-gitops.json5', '.gitlab-ci.yml']);

async function files(dir: string): Promise<Record<string, string>> {
  return snapshot(dir).catch(() => ({}));
}

const repos: { dispose(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(repos.splice(0).map((repo) => repo.dispose()));
});

describe('init on a repository that has a Renovate config (fixtures/init-cases)', () => {
  it.each(cases)('$name: $description', async (expected) => {
    const caseDir = path.join(casesDir, expected.name);
    const before = await files(path.join(caseDir, 'before'));
    const after = await files(path.join(caseDir, 'after'));
    const repo = await tempGitRepo(path.join(caseDir, 'before'));
    repos.push(repo);

    const result = await runCli(['init', ...(expected.args ?? []), repo.dir]);

    expect(result.code, result.stderr).toBe(expected.exitCode);
    const written = await snapshot(repo.dir);
    if (expected.exitCode !== 0) {
      expect(result.stderr).toBe(`renovate-gitops: ${expected.stderr}\n`);
      expect(written).toEqual(before);
      return;
    }
    expect(result.stderr).toBe('');
    const [report = ''] = result.stdout.split('\n\n');
    expect(report.split('\n')).toEqual(expected.stdout);
    const starters = Object.keys(written).filter(
      (file) => starterFiles.has(file) && !(file in before),
    );
    expect(starters.map((file) => `wrote ${file}`).sort()).toEqual(
      (expected.stdout ?? []).filter((line) => /^wrote (?!renovate\.json$)/.test(line)).sort(),
    );
    const others = Object.fromEntries(
      Object.entries(written).filter(([file]) => !starters.includes(file)),
    );
    expect(others).toEqual({ ...before, ...after });
  });
});
