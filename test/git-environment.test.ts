import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  appendGitConfig,
  gitConfigEntries,
  mergeEnvironments,
  renovateGitConfig,
} from '../src/renovate/git-environment.ts';

const run = promisify(execFile);

/** What git itself makes of an environment's settings for one key: the value that wins. */
async function gitReads(env: Record<string, string>, key: string): Promise<string> {
  const { stdout } = await run('git', ['config', '--get', key], {
    env: { PATH: process.env.PATH ?? '', GIT_CONFIG_NOSYSTEM: '1', HOME: '/nonexistent', ...env },
  });
  return stdout.trim();
}

describe('appendGitConfig', () => {
  it.each`
    case                                         | env                                                                                          | expected
    ${'starts a list'}                           | ${{ PATH: '/bin' }}                                                                          | ${{ PATH: '/bin', GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'core.quotePath', GIT_CONFIG_VALUE_0: 'false' }}
    ${'adds after an entry'}                     | ${{ GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'http.sslVerify', GIT_CONFIG_VALUE_0: 'true' }} | ${{ GIT_CONFIG_COUNT: '2', GIT_CONFIG_KEY_0: 'http.sslVerify', GIT_CONFIG_VALUE_0: 'true', GIT_CONFIG_KEY_1: 'core.quotePath', GIT_CONFIG_VALUE_1: 'false' }}
    ${'treats an empty count as none'}           | ${{ GIT_CONFIG_COUNT: '' }}                                                                  | ${{ GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'core.quotePath', GIT_CONFIG_VALUE_0: 'false' }}
    ${'overwrites a stray entry past the count'} | ${{ GIT_CONFIG_COUNT: '0', GIT_CONFIG_KEY_0: 'x.y', GIT_CONFIG_VALUE_0: 'z' }}               | ${{ GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'core.quotePath', GIT_CONFIG_VALUE_0: 'false' }}
  `(
    '$case',
    ({ env, expected }: { env: Record<string, string>; expected: Record<string, string> }) => {
      expect(appendGitConfig(env, 'core.quotePath', 'false')).toEqual(expected);
    },
  );

  it.each`
    case                 | env                                                         | message
    ${'a bogus count'}   | ${{ GIT_CONFIG_COUNT: 'one' }}                              | ${'GIT_CONFIG_COUNT=one is not a count'}
    ${'a missing key'}   | ${{ GIT_CONFIG_COUNT: '1', GIT_CONFIG_VALUE_0: 'false' }}   | ${'GIT_CONFIG_KEY_0 is not set'}
    ${'a missing value'} | ${{ GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'core.bare' }} | ${'GIT_CONFIG_VALUE_0 is not set'}
  `(
    'refuses $case, as git would',
    ({ env, message }: { env: Record<string, string>; message: string }) => {
      expect(() => appendGitConfig(env, 'core.quotePath', 'false')).toThrow(message);
    },
  );
});

describe('mergeEnvironments', () => {
  const ours = appendGitConfig({ LANG: 'C.UTF-8' }, 'core.quotePath', 'false');

  it('keeps both lists, ours first, and lets overrides win elsewhere', () => {
    const merged = mergeEnvironments(ours, {
      LANG: 'de_DE.UTF-8',
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: 'http.sslCAInfo',
      GIT_CONFIG_VALUE_0: '/ca.pem',
    });
    expect(merged).toEqual({
      LANG: 'de_DE.UTF-8',
      GIT_CONFIG_COUNT: '2',
      GIT_CONFIG_KEY_0: 'core.quotePath',
      GIT_CONFIG_VALUE_0: 'false',
      GIT_CONFIG_KEY_1: 'http.sslCAInfo',
      GIT_CONFIG_VALUE_1: '/ca.pem',
    });
    expect(gitConfigEntries(merged)).toEqual([
      ...renovateGitConfig,
      { key: 'http.sslCAInfo', value: '/ca.pem' },
    ]);
  });

  it.each`
    case                                 | overrides                                                                                    | quotePath
    ${'without overrides, ours'}         | ${{}}                                                                                        | ${'false'}
    ${'with another key, still ours'}    | ${{ GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'core.bare', GIT_CONFIG_VALUE_0: 'false' }}     | ${'false'}
    ${'with the same key, the override'} | ${{ GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'core.quotePath', GIT_CONFIG_VALUE_0: 'true' }} | ${'true'}
  `(
    'gives git core.quotePath $case',
    async ({ overrides, quotePath }: { overrides: Record<string, string>; quotePath: string }) => {
      expect(await gitReads(mergeEnvironments(ours, overrides), 'core.quotePath')).toBe(quotePath);
    },
  );
});
