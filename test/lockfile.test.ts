import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fillLockfileGaps, type Lockfile, lockfileGaps } from '../scripts/lockfile-gaps.ts';
import { projectRoot } from './harness/paths.ts';

describe('package-lock.json', () => {
  it('names every optional dependency, so that `npm ci` accepts it (run `npx node scripts/complete-lockfile.ts`)', () => {
    const lock = JSON.parse(readFileSync(`${projectRoot}/package-lock.json`, 'utf8')) as Lockfile;
    expect(lockfileGaps(lock)).toEqual([]);
  });
});

describe('lockfileGaps', () => {
  const lock: Lockfile = {
    packages: {
      '': { optionalDependencies: {} },
      'node_modules/@biomejs/biome': {
        version: '2.6.8',
        dev: true,
        optionalDependencies: {
          '@biomejs/cli-linux-x64': '2.6.8',
          '@biomejs/cli-win32-x64': '2.6.8',
        },
      },
      'node_modules/@biomejs/cli-linux-x64': { version: '2.6.8', dev: true, optional: true },
      'node_modules/a/node_modules/b': { version: '1.0.0', optionalDependencies: { c: '^0.2.1' } },
      'node_modules/a/node_modules/c': { version: '0.2.1', optional: true },
    },
  };

  it('finds optional dependencies with no entry, resolving nested before top level', () => {
    expect(lockfileGaps(lock)).toEqual([
      { name: '@biomejs/cli-win32-x64', range: '2.6.8', neededBy: 'node_modules/@biomejs/biome' },
    ]);
  });

  it('fills them with optional entries that close every gap', () => {
    const filled = fillLockfileGaps(lock);
    expect(filled.packages['node_modules/@biomejs/cli-win32-x64']).toEqual({
      version: '2.6.8',
      dev: true,
      optional: true,
    });
    expect(lockfileGaps(filled)).toEqual([]);
  });
});
