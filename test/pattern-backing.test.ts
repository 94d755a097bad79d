import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RegexManager } from '../src/managers/custom-manager.ts';
import { managerFileMatcher } from '../src/renovate/renovate-internals.ts';
import { pinnedVersion } from '../src/renovate/report.ts';
import { loadFixtures } from './harness/expectations.ts';
import { projectRoot } from './harness/paths.ts';
import { managerMatches } from './harness/regex-matches.ts';

/**
 * Every pattern of every merged regex manager yields at least one expected fixture pin, in a
 * file of its class: so removing any one of them fails `detection.test.ts`. The mutation
 * catalogue proves that with Renovate (`npm run test:mutations -- --each-pattern`, half an
 * hour); this is its seconds-long check in CI, so a pattern added without a fixture fails here.
 * Recursive managers are left out: their patterns only mean something together.
 */
const detection = JSON.parse(
  readFileSync(path.join(projectRoot, 'presets/detection.json'), 'utf8'),
) as { customManagers: (RegexManager | { customType: 'jsonata' })[] };

const fixtureFiles = loadFixtures().map((fixture) => ({
  fixture,
  files: execFileSync('git', ['-c', 'core.quotePath=false', 'ls-files', '-z'], {
    cwd: fixture.dir,
    encoding: 'utf8',
  })
    .split('\0')
    .filter(Boolean),
}));

const patterns = detection.customManagers.flatMap((manager, managerIndex) =>
  manager.customType === 'regex' && manager.matchStringsStrategy !== 'recursive'
    ? manager.matchStrings.map((pattern, patternIndex) => ({
        id: `manager-${managerIndex}-pattern-${patternIndex}`,
        manager: { ...manager, matchStrings: [pattern] },
        filePatterns: manager.managerFilePatterns,
      }))
    : [],
);

describe('every pattern of the merged detection preset', () => {
  it('holds patterns to check', () => {
    expect(patterns.length).toBeGreaterThan(30);
  });

  it.each(patterns)('$id yields an expected fixture pin', async ({ manager, filePatterns }) => {
    const reads = await managerFileMatcher(filePatterns);
    const backing = fixtureFiles.flatMap(({ fixture, files }) =>
      files
        .filter(reads)
        .flatMap((file) =>
          managerMatches(manager, readFileSync(path.join(fixture.dir, file), 'utf8')).flatMap(
            (groups) =>
              fixture.pins
                .filter(
                  (pin) =>
                    pin.file === file &&
                    pin.manager === 'regex' &&
                    pinnedVersion(pin) === (groups.currentValue ?? groups.currentDigest),
                )
                .map((pin) => `${fixture.name}/${file} ${pin.depName}`),
          ),
        ),
    );
    expect(backing).not.toEqual([]);
  });
});
