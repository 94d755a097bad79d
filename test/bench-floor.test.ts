import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSameDeps, depLine, floorSizes } from '../bench/floor.ts';
import { BenchRunError } from '../bench/measure-run.ts';
import { applyPatch } from '../bench/patched-renovate.ts';
import { type RenovatePatch, renovatePatches } from '../bench/renovate-patches.ts';
import { renovatePackageDir } from '../src/renovate/renovate-binary.ts';
import type { FoundDep } from '../src/renovate/report.ts';

function installed(file: string): Promise<string> {
  return readFile(path.join(renovatePackageDir(), file), 'utf8');
}

describe('the floor patches of the installed Renovate', () => {
  // A Renovate upgrade that moves the patched code fails here, not halfway through a bench.
  it.each(renovatePatches.map((patch) => [patch.name, patch] as const))(
    '%s applies to it',
    async (_name, patch) => {
      const text = await installed(patch.file);
      const patched = applyPatch(text, patch);
      for (const edit of patch.edits) {
        expect(patched).toContain(edit.replace);
      }
      expect(patched).not.toBe(text);
    },
  );

  it('fails on a missing or a repeated anchor', () => {
    const patch: RenovatePatch = {
      name: 'example',
      upstream: '',
      description: '',
      file: 'dist/example.js',
      edits: [{ find: 'const a = 1;', replace: 'const a = 2;' }],
    };
    expect(applyPatch('let x;\nconst a = 1;\n', patch)).toBe('let x;\nconst a = 2;\n');
    expect(() => applyPatch('const b = 1;', patch)).toThrow(BenchRunError);
    expect(() => applyPatch('const a = 1;\nconst a = 1;', patch)).toThrow(/only one occurrence/);
  });
});

describe('floorSizes', () => {
  it.each`
    sizes                | floor
    ${[100, 1000, 5000]} | ${[1000]}
    ${[100]}             | ${[100]}
    ${[5000]}            | ${[5000]}
    ${[]}                | ${[]}
  `('measures $sizes at $floor', ({ sizes, floor }) => {
    expect(floorSizes(sizes)).toEqual(floor);
  });
});

describe('checkSameDeps', () => {
  const dep = (depName: string, currentValue: string): FoundDep => ({
    manager: 'regex',
    packageFile: 'apps/a.yaml',
    depName,
    currentValue,
    datasource: 'docker',
  });
  const lines = (...deps: FoundDep[]) => deps.map(depLine);
  const reference = { variant: 'preset', lines: lines(dep('nginx', '1.0'), dep('redis', '7.2')) };

  it('accepts the same dependencies in any order', () => {
    expect(() =>
      checkSameDeps(
        'N=7',
        'preset (patched)',
        reference,
        lines(dep('redis', '7.2'), dep('nginx', '1.0')),
      ),
    ).not.toThrow();
  });

  it.each`
    case                 | found
    ${'one missing'}     | ${lines(dep('nginx', '1.0'))}
    ${'one found twice'} | ${lines(dep('nginx', '1.0'), dep('redis', '7.2'), dep('redis', '7.2'))}
    ${'another value'}   | ${lines(dep('nginx', '1.0'), dep('redis', '7.4'))}
  `('fails on $case', ({ found }) => {
    expect(() => checkSameDeps('N=7', 'preset (patched)', reference, found)).toThrow(
      /N=7: the preset \(patched\) run found other dependencies than the preset run/,
    );
  });
});
