import { execFile, execFileSync } from 'node:child_process';
import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { renovateNode } from '../src/renovate/renovate-binary.ts';
import { tempGitRepo } from '../src/renovate/temp-git-repo.ts';
import { packageRoot } from '../src/shared/package-root.ts';
import { summarize } from './stats.ts';

const run = promisify(execFile);
const runs = 10;
const bin = path.join(packageRoot, 'dist/cli/main.js');

/** The machine's own Node (20 here) as a user's CI image has it, if one is on PATH outside npm's. */
function systemNode(): string | undefined {
  const dirs = (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter((dir) => !dir.includes('node_modules'));
  try {
    return execFileSync('which', ['node'], { env: { PATH: dirs.join(path.delimiter) } })
      .toString()
      .trim();
  } catch {
    return undefined;
  }
}

async function medianMs(node: string, args: string[]): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await run(node, [bin, ...args]);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return Math.round(summarize(times).median);
}

/**
 * `npm run bench:cli`: how long the compiled CLI takes to answer, median of 10 runs, on the Node
 * 24 it ships and on the machine's own Node: `--help`, and `policy --check` on the article's
 * repository with the seven-entry policy of fixtures/policy-cases/per-app-policy.
 */
async function main(): Promise<void> {
  execFileSync('node', [path.join(packageRoot, 'scripts/compile.ts')], { stdio: 'ignore' });
  const repo = await tempGitRepo(path.join(packageRoot, 'fixtures/repos/gitops-with-monitoring'), [
    'expected.json',
  ]);
  try {
    await copyFile(
      path.join(packageRoot, 'fixtures/policy-cases/per-app-policy/renovate-gitops.json5'),
      path.join(repo.dir, 'renovate-gitops.json5'),
    );
    const shipped = renovateNode().path;
    await run(shipped, [bin, 'policy', repo.dir]);
    console.log('| Node | `--help` | `policy --check` |\n|---|---|---|');
    for (const node of [shipped, systemNode()].filter((n): n is string => n !== undefined)) {
      const version = (await run(node, ['--version'])).stdout.trim();
      const help = await medianMs(node, ['--help']);
      const check = await medianMs(node, ['policy', '--check', repo.dir]);
      console.log(`| ${version} | ${help} ms | ${check} ms |`);
    }
  } finally {
    await repo.dispose();
  }
}

await main();
