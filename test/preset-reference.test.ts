import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  isThisPackage,
  parseRepositoryPreset,
  thisPackagePresets,
} from '../src/policy/preset-reference.ts';
import { renovatePackageDir } from '../src/renovate/renovate-binary.ts';

interface RenovatePreset {
  presetSource?: string;
  repo: string;
  presetPath?: string;
  presetName: string;
  tag?: string;
}

const { parsePreset } = (await import(
  pathToFileURL(path.join(renovatePackageDir(), 'dist/config/presets/parse.js')).href
)) as { parsePreset(entry: string): RenovatePreset };

describe('parseRepositoryPreset', () => {
  it.each`
    entry                                                                 | source       | repo                                       | file                     | tag
    ${'local>platform/renovate-config-gitops'}                            | ${'local'}   | ${'platform/renovate-config-gitops'}       | ${'default'}             | ${undefined}
    ${'local>platform/renovate-config-gitops#v0.1.0'}                     | ${'local'}   | ${'platform/renovate-config-gitops'}       | ${'default'}             | ${'v0.1.0'}
    ${'gitlab>platform/renovate-config-gitops//presets/approve-all#v1.2'} | ${'gitlab'}  | ${'platform/renovate-config-gitops'}       | ${'presets/approve-all'} | ${'v1.2'}
    ${'gitlab>infra/renovate/renovate-config-gitops:approve-all'}         | ${'gitlab'}  | ${'infra/renovate/renovate-config-gitops'} | ${'approve-all'}         | ${undefined}
    ${'platform/renovate-config-gitops'}                                  | ${'local'}   | ${'platform/renovate-config-gitops'}       | ${'default'}             | ${undefined}
    ${'github>acme/renovate-config-gitops(arg)'}                          | ${'github'}  | ${'acme/renovate-config-gitops'}           | ${'default'}             | ${undefined}
    ${'forgejo>acme/presets//gitops.json5'}                               | ${'forgejo'} | ${'acme/presets'}                          | ${'gitops'}              | ${undefined}
  `('$entry names $repo, file $file', ({ entry, source, repo, file, tag }) => {
    expect(parseRepositoryPreset(entry)).toEqual({
      entry,
      source,
      repo,
      file,
      ...(tag ? { tag } : {}),
    });
  });

  it.each([
    'config:recommended',
    ':semanticCommits',
    'group:allNonMajor',
    'npm>@acme/renovate-config',
    '@acme/renovate-config',
    'https://example.com/preset.json',
    './presets/argocd',
  ])('%s is not a repository preset', (entry) => {
    expect(parseRepositoryPreset(entry)).toBeUndefined();
  });

  it.each([
    'local>platform/renovate-config-gitops#v0.1.0',
    'gitlab>platform/renovate-config-gitops//presets/approve-all#v1.2',
    'gitlab>a/b:name#tag',
    'platform/renovate-config-gitops',
    'gitea>org/repo//deep/path/preset',
  ])('takes %s apart as Renovate does', (entry) => {
    const renovate = parsePreset(entry);
    const ours = parseRepositoryPreset(entry);
    expect(ours?.source).toBe(renovate.presetSource);
    expect(ours?.repo).toBe(renovate.repo);
    expect(ours?.file).toBe(
      renovate.presetPath ? `${renovate.presetPath}/${renovate.presetName}` : renovate.presetName,
    );
    expect(ours?.tag).toBe(renovate.tag);
  });
});

describe('this package', () => {
  it.each`
    entry                                                | project                        | ours
    ${'local>platform/renovate-config-gitops'}           | ${undefined}                   | ${true}
    ${'gitlab>any/group/renovate-config-gitops#v1'}      | ${undefined}                   | ${true}
    ${'local>platform/renovate-presets'}                 | ${undefined}                   | ${false}
    ${'local>platform/renovate-presets//presets/argocd'} | ${'platform/renovate-presets'} | ${true}
    ${'local>platform/renovate-config-gitops-fork'}      | ${undefined}                   | ${false}
  `('$entry is this package with project $project: $ours', ({ entry, project, ours }) => {
    const preset = parseRepositoryPreset(entry);
    expect(preset && isThisPackage(preset, project)).toBe(ours);
  });

  it('are found in extends, a list or a single string', () => {
    expect(
      thisPackagePresets({
        extends: ['config:recommended', 'local>platform/renovate-config-gitops#v0.1.0'],
      }).map((preset) => preset.entry),
    ).toEqual(['local>platform/renovate-config-gitops#v0.1.0']);
    expect(thisPackagePresets({ extends: 'gitlab>platform/renovate-config-gitops' })).toHaveLength(
      1,
    );
    expect(thisPackagePresets({})).toEqual([]);
  });
});
