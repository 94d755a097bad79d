import { cp, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { expectUserError, runCli } from './harness/cli.ts';
import { projectRoot } from './harness/paths.ts';

/**
 * `check` and `build --check` guard what this package publishes. Each runs for real on a copy
 * of the package (its sources, its generated presets, its installed node_modules), once as it
 * is, where both must pass, and once broken in the way each guard exists to catch.
 */

let copy: string;

beforeEach(async () => {
  copy = await mkdtemp(path.join(tmpdir(), 'package-copy-'));
  for (const entry of ['src', 'presets', 'default.json', 'package.json']) {
    await cp(path.join(projectRoot, entry), path.join(copy, entry), { recursive: true });
  }
  await symlink(path.join(projectRoot, 'node_modules'), path.join(copy, 'node_modules'));
});
afterEach(() => rm(copy, { recursive: true, force: true }));

const inCopy = (args: string[]) =>
  runCli(args, { cwd: copy, entry: path.join(copy, 'src/cli/main.ts') });

it('pass on the package as built', async () => {
  const build = await inCopy(['build', '--check']);
  expect(build.code, build.stderr).toBe(0);
  const check = await inCopy(['check']);
  expect(check.code, check.stderr).toBe(0);
  expect(check.stdout).toMatch(/presets: up to date, schema-valid, RE2-clean, accepted by/);
}, 120_000);

it('fail and name a generated preset edited by hand', async () => {
  const file = path.join(copy, 'presets/manifest-urls.json');
  const preset = JSON.parse(await readFile(file, 'utf8')) as { description: string };
  preset.description = 'edited by hand';
  await writeFile(file, `${JSON.stringify(preset, null, 2)}\n`);
  expectUserError(await inCopy(['build', '--check']), 1, /presets\/manifest-urls\.json/);
  expectUserError(await inCopy(['check']), 1, /out of date .*presets\/manifest-urls\.json/);
}, 120_000);

it('check fails when a source pattern does not compile under RE2', async () => {
  const source = path.join(copy, 'src/managers/versioned-raw-urls.ts');
  const text = await readFile(source, 'utf8');
  // A lookahead: JavaScript accepts it, RE2 (what Renovate uses) does not.
  await writeFile(source, text.replace("'https://',", "'https://(?=[a-z])',"));
  expectUserError(await inCopy(['check']), 1, /does not compile under RE2/);
}, 120_000);
