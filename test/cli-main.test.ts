import { describe, expect, it } from 'vitest';
import { expectUserError, runCli, stackTraceLine } from './harness/cli.ts';

const usage = await runCli(['--help']);
const commands = (usage.stdout.split('Commands:\n')[1] ?? '')
  .split('\n\n')[0]
  ?.split('\n')
  .map((line) => line.trim().split(/\s+/)[0] ?? '')
  .filter(Boolean);

describe('renovate-gitops', () => {
  it('lists its commands with --help and exits 0', () => {
    expect(usage.code).toBe(0);
    expect(commands).toEqual(
      expect.arrayContaining(['scan', 'demo', 'init', 'policy', 'build', 'check']),
    );
  });

  it.concurrent.each(commands ?? [])('%s --help prints its usage and exits 0', async (command) => {
    const result = await runCli([command, '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^Usage: renovate-gitops ${command}\\b`));
    expect(result.stdout).toMatch(/Exit codes: 0 /);
    expect(result.stderr).toBe('');
  });

  it('without a command prints the usage and exits 2', async () => {
    const result = await runCli([]);
    expect(result.code).toBe(2);
    expect(result.stdout).toMatch(/^Usage: renovate-gitops <command>/);
  });

  it('names an unknown command, exit 2', async () => {
    expectUserError(await runCli(['scna']), 2, /^renovate-gitops: unknown command `scna`/);
  });

  it.concurrent.each`
    args                                 | message
    ${['scan', '--bogus']}               | ${/Unknown option '--bogus'/}
    ${['init', '--bogus']}               | ${/Unknown option '--bogus'/}
    ${['policy', '--bogus']}             | ${/Unknown option '--bogus'/}
    ${['build', '--bogus']}              | ${/Unknown option '--bogus'/}
    ${['check', '--bogus']}              | ${/Unknown option '--bogus'/}
    ${['scan', 'a', 'b']}                | ${/scan takes one directory, got 2: a b/}
    ${['init', 'a', 'b']}                | ${/init takes one directory, got 2: a b/}
    ${['policy', 'a', 'b']}              | ${/policy takes one directory, got 2: a b/}
    ${['policy', '--out']}               | ${/Option '--out <value>' argument missing/}
    ${['init', '--project', 'nope']}     | ${/--project nope: not a GitLab project path/}
    ${['init', '--ref', 'v1 2']}         | ${/--ref v1 2: not a tag or branch name/}
    ${['init', '--ci-file', '../x.yml']} | ${/--ci-file \.\.\/x\.yml: must be a YAML file inside the repository/}
  `(
    '$args: one message, exit 2',
    async ({ args, message }: { args: string[]; message: RegExp }) => {
      const result = await runCli(args);
      expectUserError(result, 2, message);
      expect(result.stderr).not.toMatch(stackTraceLine);
    },
  );
});
