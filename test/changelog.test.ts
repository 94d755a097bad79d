import { execFile } from 'node:child_process';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  ChangelogError,
  changelogSections,
  releasedVersions,
  releaseNotes,
} from '../scripts/changelog.ts';
import { notesForTag, tagVersion } from '../scripts/release-notes.ts';
import { packageJson, projectRoot } from './harness/paths.ts';

const run = promisify(execFile);

const changelog = `# Changelog

Intro text.

## [Unreleased]

### Added

- Something not yet released.

## [1.1.0] - 2026-12-01

### Changed

- A change.

### Fixed

- A fix.

## [1.0.0] - 2026-11-30

### Added

- Everything.

[Unreleased]: https://gitlab.example.com/platform/renovate-config-gitops/-/compare/v1.1.0...HEAD
[1.1.0]: https://gitlab.example.com/platform/renovate-config-gitops/-/compare/v1.0.0...v1.1.0
[1.0.0]: https://gitlab.example.com/platform/renovate-config-gitops/-/tags/v1.0.0
`;

describe('changelogSections', () => {
  it('reads every section with its version, date, line and text', () => {
    expect(changelogSections(changelog)).toEqual([
      { version: 'Unreleased', line: 5, body: '### Added\n\n- Something not yet released.' },
      {
        version: '1.1.0',
        date: '2026-12-01',
        line: 11,
        body: '### Changed\n\n- A change.\n\n### Fixed\n\n- A fix.',
      },
      { version: '1.0.0', date: '2026-11-30', line: 21, body: '### Added\n\n- Everything.' },
    ]);
  });

  it('reads CRLF files alike', () => {
    expect(changelogSections(changelog.replaceAll('\n', '\r\n'))).toEqual(
      changelogSections(changelog),
    );
  });

  it('lists released versions newest first, without Unreleased', () => {
    expect(releasedVersions(changelog)).toEqual(['1.1.0', '1.0.0']);
  });

  it('refuses a level-2 heading that is no section, naming its line', () => {
    expect(() => changelogSections('## Unreleased\n')).toThrow(
      'line 1: "## Unreleased" is not a section heading such as "## [1.2.3] - 2026-01-31"',
    );
  });
});

describe('releaseNotes', () => {
  it('is the text of one version, ending in a newline', () => {
    expect(releaseNotes(changelog, '1.1.0')).toBe(
      '### Changed\n\n- A change.\n\n### Fixed\n\n- A fix.\n',
    );
    expect(releaseNotes(changelog, '1.0.0')).toBe('### Added\n\n- Everything.\n');
  });

  it.each`
    case                    | text                                                              | version         | message
    ${'a missing version'}  | ${changelog}                                                      | ${'1.2.0'}      | ${'no section "## [1.2.0] - YYYY-MM-DD" (released: 1.1.0, 1.0.0): move the Unreleased entries into one'}
    ${'Unreleased'}         | ${changelog}                                                      | ${'Unreleased'} | ${'Unreleased is not a version X.Y.Z'}
    ${'no date'}            | ${'## [2.0.0]\n\n- x\n'}                                          | ${'2.0.0'}      | ${'line 1: the section of 2.0.0 has no date'}
    ${'an empty section'}   | ${'## [2.0.0] - 2026-01-01\n\n## [1.0.0] - 2025-01-01\n- x\n'}    | ${'2.0.0'}      | ${'line 1: the section of 2.0.0 is empty'}
    ${'a section twice'}    | ${'## [2.0.0] - 2026-01-01\n- x\n## [2.0.0] - 2026-01-02\n- y\n'} | ${'2.0.0'}      | ${'2 sections for 2.0.0, at lines 1, 3'}
    ${'an empty changelog'} | ${'# Changelog\n'}                                                | ${'0.1.0'}      | ${'no section "## [0.1.0] - YYYY-MM-DD" (released: none): move the Unreleased entries into one'}
  `('fails for $case', ({ text, version, message }) => {
    expect(() => releaseNotes(text, version)).toThrow(new ChangelogError(message));
  });
});

describe('release tags', () => {
  it.each`
    tag            | version
    ${'v0.1.0'}    | ${'0.1.0'}
    ${'v10.20.30'} | ${'10.20.30'}
  `('$tag names version $version', ({ tag, version }) => {
    expect(tagVersion(tag)).toBe(version);
  });

  it.each(['0.1.0', 'v0.1', 'v1.0.0-rc.1', 'release-2026', 'V1.0.0'])(
    '%s is no release tag',
    (tag) => {
      expect(() => tagVersion(tag)).toThrow(`${tag} is not a release tag vX.Y.Z`);
    },
  );

  it('names an empty tag', () => {
    expect(() => tagVersion('')).toThrow('an empty tag is not a release tag vX.Y.Z');
  });

  it('refuses a tag whose version is not the package version', () => {
    expect(() => notesForTag('v1.1.0', '1.0.0', changelog)).toThrow(
      'tag v1.1.0 is version 1.1.0, but package.json says 1.0.0: tag the commit that sets the version, or set it first',
    );
    expect(notesForTag('v1.0.0', '1.0.0', changelog)).toBe('### Added\n\n- Everything.\n');
  });
});

describe('node scripts/release-notes.ts, as the release pipeline runs it', () => {
  /** A copy of the script beside a package.json and CHANGELOG.md of our choosing. */
  async function releaseTree(version: string, text: string) {
    const dir = await mkdtemp(path.join(tmpdir(), 'release-notes-'));
    await cp(path.join(projectRoot, 'scripts'), path.join(dir, 'scripts'), { recursive: true });
    await writeFile(path.join(dir, 'package.json'), JSON.stringify({ version }));
    await writeFile(path.join(dir, 'CHANGELOG.md'), text);
    return dir;
  }

  async function releaseNotesScript(dir: string, tag: string) {
    return run(process.execPath, [path.join(dir, 'scripts/release-notes.ts'), tag]).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (err: { code: number; stdout: string; stderr: string }) => err,
    );
  }

  it.each`
    case                              | version    | tag         | code | stdout                              | stderr
    ${'the package version'}          | ${'1.1.0'} | ${'v1.1.0'} | ${0} | ${releaseNotes(changelog, '1.1.0')} | ${''}
    ${'another version'}              | ${'1.1.0'} | ${'v1.0.0'} | ${1} | ${''}                               | ${'release-notes: tag v1.0.0 is version 1.0.0, but package.json says 1.1.0'}
    ${'a version CHANGELOG.md lacks'} | ${'1.2.0'} | ${'v1.2.0'} | ${1} | ${''}                               | ${'release-notes: no section "## [1.2.0] - YYYY-MM-DD"'}
    ${'a tag that is not vX.Y.Z'}     | ${'1.1.0'} | ${'latest'} | ${1} | ${''}                               | ${'release-notes: latest is not a release tag vX.Y.Z'}
  `('$case: exit $code', async ({ version, tag, code, stdout, stderr }) => {
    const dir = await releaseTree(version, changelog);
    try {
      const result = await releaseNotesScript(dir, tag);
      expect(result.code).toBe(code);
      expect(result.stdout).toBe(stdout);
      expect(result.stderr).toContain(stderr);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("has notes for this project's own version", async () => {
    const { version } = packageJson;
    const result = await releaseNotesScript(projectRoot, `v${version}`);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^### Added\n/);
  });
});
