import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, it } from 'vitest';
import { runCli } from './harness/cli.ts';
import { projectRoot } from './harness/paths.ts';

/** The README's quick start shows `npm run demo`'s output: it must be that output, line for line. */
it("the README's demo block is what `npm run demo` prints", async () => {
  const readme = await readFile(path.join(projectRoot, 'README.md'), 'utf8');
  const block = /Its real output:\n\n```text\n([\s\S]*?)\n```/.exec(readme)?.[1];
  expect(block, 'README has no demo block after "Its real output:"').toBeDefined();
  const demo = await runCli(['demo']);
  expect(demo.code, demo.stderr).toBe(0);
  expect(demo.stdout.trimEnd()).toBe(block?.trimEnd());
}, 120_000);
