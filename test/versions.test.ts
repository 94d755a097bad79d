import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { changelogSections, releasedVersions } from '../scripts/changelog.ts';
import { parseInitArgs } from '../src/cli/init.ts';
import { packageJson, projectRoot } from './harness/paths.ts';

/**
 * One version everywhere a user meets it: a release tag vX.Y.Z is package.json's version, the
 * newest section of CHANGELOG.md, the `ref:` every example include pins, the `#vX.Y.Z` every
 * example preset reference pins, init's default --ref, and the package the cluster-repo template
 * installs. Bumping the version means changing all of them in one commit; this test names what
 * was missed.
 */
const tag = `v${packageJson.version}`;

interface Reference {
  file: string;
  line: number;
  version: string;
}

/** Every match of `pattern` (its first group is the version) in the files, with its line. */
async function references(files: readonly string[], pattern: RegExp): Promise<Reference[]> {
  const found: Reference[] = [];
  for (const file of files) {
    const lines = (await readFile(path.join(projectRoot, file), 'utf8')).split('\n');
    lines.forEach((text, index) => {
      for (const match of text.matchAll(pattern)) {
        found.push({ file, line: index + 1, version: match[1] ?? '' });
      }
    });
  }
  return found;
}

/** The files below `dir` (relative to the project), recursively. */
async function filesBelow(dir: string): Promise<string[]> {
  const entries = await readdir(path.join(projectRoot, dir), {
    recursive: true,
    withFileTypes: true,
  });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(projectRoot, path.join(entry.parentPath, entry.name)))
    .sort();
}

const docs = ['README.md', ...(await filesBelow('docs'))];
const templates = await filesBelow('templates');

describe(`one version everywhere: package.json says ${packageJson.version}`, () => {
  it('is the newest released section of CHANGELOG.md, below [Unreleased]', async () => {
    const changelog = await readFile(path.join(projectRoot, 'CHANGELOG.md'), 'utf8');
    expect(changelogSections(changelog)[0]?.version).toBe('Unreleased');
    expect(releasedVersions(changelog)[0]).toBe(packageJson.version);
  });

  it('is every #vX.Y.Z preset reference in README.md and docs/', async () => {
    const found = await references(docs, /#(v\d+\.\d+\.\d+)\b/g);
    expect(found.length).toBeGreaterThan(0);
    expect(found.filter((ref) => ref.version !== tag)).toEqual([]);
  });

  it('is every `ref: vX.Y.Z` of an include in templates/, README.md and docs/', async () => {
    const found = await references([...templates, ...docs], /\bref: (v\d+\.\d+\.\d+)\b/g);
    expect(found.map((ref) => ref.file)).toEqual(
      expect.arrayContaining([
        'templates/runner-project/.gitlab-ci.yml',
        'templates/runner-project-sharded/.gitlab-ci.yml',
      ]),
    );
    expect(found.filter((ref) => ref.version !== tag)).toEqual([]);
  });

  it("is init's default --ref", () => {
    expect(parseInitArgs([]).ref).toBe(tag);
  });

  it('is the version the cluster-repo template installs, of this package by its name', async () => {
    const template = parse(
      await readFile(path.join(projectRoot, 'templates/cluster-repo.gitlab-ci.yml'), 'utf8'),
    ) as { variables: Record<string, string> };
    expect(template.variables.RENOVATE_GITOPS_VERSION).toBe(packageJson.version);
    expect(template.variables.RENOVATE_GITOPS_PACKAGE).toBe(
      `${packageJson.name}@$RENOVATE_GITOPS_VERSION`,
    );
  });
});
