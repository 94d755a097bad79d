import RE2 from 're2';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import {
  adversarialCases,
  nearMatchContent,
  nearMisses,
  singleLineContent,
} from '../bench/adversarial.ts';
import { apportion, generateClusterRepo, shapes } from '../bench/cluster-repo.ts';
import { customManagerName, shapeCustomManagers } from '../bench/custom-managers.ts';
import type { GeneratedFile } from '../bench/shapes/shape.ts';
import { jsonataDeps } from './harness/jsonata-deps.ts';

const argoKind = /^kind: (Application|ApplicationSet)$/m;

function withKind(files: readonly GeneratedFile[], kind: string): GeneratedFile[] {
  return files.filter((file) => new RegExp(`^kind: ${kind}$`, 'm').test(file.content));
}

describe('generateClusterRepo', () => {
  it('gives the same files for the same seed, other files for another', () => {
    expect(generateClusterRepo(100, 7)).toEqual(generateClusterRepo(100, 7));
    expect(generateClusterRepo(100, 8).files).not.toEqual(generateClusterRepo(100, 7).files);
  });

  it.each`
    size    | helm    | multiSource | kustomize | applicationSet | appOfApps
    ${7}    | ${2}    | ${1}        | ${1}      | ${1}           | ${2}
    ${100}  | ${30}   | ${15}       | ${15}     | ${15}          | ${25}
    ${1000} | ${300}  | ${150}      | ${150}    | ${150}         | ${250}
    ${5000} | ${1500} | ${750}      | ${750}    | ${750}         | ${1250}
  `(
    'N=$size: Argo CD files per shape',
    ({ size, helm, multiSource, kustomize, applicationSet, appOfApps }) => {
      expect(apportion(size)).toEqual([helm, multiSource, kustomize, applicationSet, appOfApps]);
    },
  );

  // The repositories BENCHMARKS.md describes and measured: a change here is a new benchmark.
  it.each`
    size    | files   | bytes
    ${100}  | ${141}  | ${91_695}
    ${1000} | ${1392} | ${908_401}
    ${5000} | ${6922} | ${4_544_298}
  `('N=$size with the default seed: $files files, $bytes bytes', ({ size, files, bytes }) => {
    const repo = generateClusterRepo(size);
    expect({
      files: repo.files.length,
      bytes: repo.files.reduce((sum, file) => sum + Buffer.byteLength(file.content), 0),
    }).toEqual({ files, bytes });
  });

  it.each([100, 1000])('N=%i: the files say what the counts say', (size) => {
    const repo = generateClusterRepo(size);
    expect(Object.values(repo.shapeCounts).reduce((sum, count) => sum + count, 0)).toBe(size);
    expect(repo.shapeCounts).toEqual(
      Object.fromEntries(shapes.map((shape, index) => [shape.name, apportion(size)[index]])),
    );
    expect(repo.files.filter((file) => argoKind.test(file.content))).toHaveLength(size);
    expect(withKind(repo.files, 'ApplicationSet')).toHaveLength(
      repo.shapeCounts['application-set'] ?? -1,
    );
    expect(repo.files.filter((file) => /\/templates\//.test(file.path))).toHaveLength(
      repo.shapeCounts['app-of-apps-template'] ?? -1,
    );
    expect(
      withKind(repo.files, 'Application').filter((f) => /\n {2}sources:\n/.test(f.content)),
    ).toHaveLength(repo.shapeCounts['multi-source-application'] ?? -1);
    expect(new Set(repo.files.map((file) => file.path)).size).toBe(repo.files.length);
  });

  it('writes the values files and Kustomize directories the Applications name', () => {
    const repo = generateClusterRepo(100);
    const paths = new Set(repo.files.map((file) => file.path));
    const named = repo.files.flatMap((file) => [
      ...[...file.content.matchAll(/- \$values\/(\S+)/g)].map((match) => match[1]),
      ...[...file.content.matchAll(/path: (kustomize\/\S+)/g)].map(
        (match) => `${match[1]}/kustomization.yaml`,
      ),
    ]);
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((name) => !paths.has(name as string))).toEqual([]);
  });

  it('writes valid YAML everywhere but in Helm templates', () => {
    const repo = generateClusterRepo(100);
    const broken = repo.files
      .filter((file) => !file.path.includes('/templates/'))
      .filter((file) => parseAllDocuments(file.content).some((doc) => doc.errors.length > 0));
    expect(broken.map((file) => file.path)).toEqual([]);
  });
});

/** Renovate's regex manager: every match string (`g`, RE2), or each within the last for `recursive`. */
function regexMatches(
  manager: { matchStrings: string[]; matchStringsStrategy?: string },
  content: string,
) {
  const all = (pattern: string, text: string) =>
    [...text.matchAll(new RE2(pattern, 'g') as unknown as RegExp)].map((match) => match[0]);
  if (manager.matchStringsStrategy === 'recursive') {
    return manager.matchStrings.reduce(
      (pieces, pattern) => pieces.flatMap((piece) => all(pattern, piece)),
      [content],
    );
  }
  return manager.matchStrings.flatMap((pattern) => all(pattern, content));
}

describe('adversarial files', () => {
  const customManagers = shapeCustomManagers();
  const bytes = 64 * 1024;

  it('every custom manager of the detection presets has near misses', () => {
    const covered = new Set(nearMisses.flatMap((block) => block.managers));
    expect(customManagers.filter((manager) => !covered.has(manager))).toEqual([]);
  });

  const contents = {
    'near-match': nearMatchContent(bytes),
    'single-line': singleLineContent(bytes),
  };

  it.each(Object.entries(contents))('the %s file is valid YAML', (_, content) => {
    expect(parseAllDocuments(content).flatMap((doc) => doc.errors)).toEqual([]);
  });

  it.each(
    customManagers.flatMap((manager) =>
      Object.entries(contents).map(([file, content]) => ({
        name: customManagerName(manager),
        file,
        manager,
        content,
      })),
    ),
  )('$name finds nothing in the $file file', async ({ manager, content }) => {
    const matchStrings = manager.matchStrings ?? [];
    if (manager.customType === 'regex') {
      expect(regexMatches({ ...manager, matchStrings }, content)).toEqual([]);
    } else {
      const data = parseAllDocuments(content).map((doc) => doc.toJS());
      expect(await jsonataDeps(matchStrings[0] ?? '', data)).toEqual([]);
    }
  });

  it('has the size asked for; the single-line file is one line', () => {
    const [singleLine, nearMatches, nearMatchesValues] = adversarialCases(bytes);
    for (const testCase of [singleLine, nearMatches, nearMatchesValues]) {
      const size = testCase?.files[0]?.content.length ?? 0;
      expect(size).toBeGreaterThanOrEqual(bytes);
      expect(size).toBeLessThan(bytes + 8 * 1024);
    }
    expect(singleLine?.files[0]?.content.split('\n')).toHaveLength(2);
    expect(nearMatchesValues?.files[0]?.path).toMatch(/values/);
  });
});
