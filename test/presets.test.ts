import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { serializePreset } from '../src/build/serialize-preset.ts';
import { generatedFiles, staleFiles } from '../src/build/write-presets.ts';
import { allPresets } from '../src/presets/index.ts';
import { runConfigValidator } from '../src/validate/config-validator.ts';
import { validateCustomManagerRegexes } from '../src/validate/custom-manager-regexes.ts';
import { validateAgainstRenovateSchema } from '../src/validate/renovate-schema.ts';
import { validateGeneratedPresets } from '../src/validate/validate-presets.ts';
import { projectRoot } from './harness/paths.ts';

const files = generatedFiles(allPresets);

describe('generated presets', () => {
  it('are checked in exactly as the generator writes them (run `npm run build`)', async () => {
    expect(await staleFiles(projectRoot, files)).toEqual([]);
  });

  it('are deterministic, with $schema and description first', () => {
    for (const preset of allPresets) {
      const text = serializePreset(preset);
      expect(serializePreset(preset)).toBe(text);
      expect(Object.keys(JSON.parse(text)).slice(0, 2)).toEqual(['$schema', 'description']);
    }
  });

  it('describe every custom manager and package rule', () => {
    for (const file of files) {
      const document = JSON.parse(file.content) as {
        customManagers?: { description?: string }[];
        packageRules?: { description?: string }[];
      };
      for (const entry of [...(document.customManagers ?? []), ...(document.packageRules ?? [])]) {
        expect(entry.description, file.path).toMatch(/\S/);
      }
    }
  });

  it('validate against the pinned Renovate schema, with RE2-clean regexes', () => {
    expect(validateGeneratedPresets(files)).toEqual([]);
  });

  it('are accepted by renovate-config-validator --strict', async () => {
    const result = await runConfigValidator(
      projectRoot,
      files.map((file) => file.path),
    );
    expect(result.output).toContain(
      `Config validated successfully against ${files.length} file(s)`,
    );
    expect(result.ok).toBe(true);
  });
});

describe('the checks catch broken presets', () => {
  it.each`
    pattern                                              | problem
    ${'image: (?<depName>\\S+)(?=:)(?<currentValue>.+)'} | ${'does not compile under RE2'}
    ${'version: (?<currentValue>\\S+)'}                  | ${'no (?<depName>...) group'}
    ${'(?<depName>a)(?<currentValue>b)\\1'}              | ${'does not compile under RE2'}
  `('regex $pattern: $problem', ({ pattern, problem }: { pattern: string; problem: string }) => {
    const problems = validateCustomManagerRegexes('presets/x.json', [
      { customType: 'regex', matchStrings: [pattern], datasourceTemplate: 'docker' },
    ]);
    expect(problems.map((entry) => entry.message).join('\n')).toContain(problem);
    expect(problems[0]?.field).toBe('/customManagers/0/matchStrings/0');
  });

  it('a wrongly typed option fails the schema, naming the field', () => {
    const problems = validateAgainstRenovateSchema('presets/x.json', { automerge: 'yes' });
    expect(problems).toEqual([
      { file: 'presets/x.json', field: '/automerge', message: 'must be boolean' },
    ]);
  });

  it('a deprecated option (fileMatch) fails renovate-config-validator --strict', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'bad-preset-'));
    try {
      await writeFile(
        path.join(dir, 'bad.json'),
        JSON.stringify({ argocd: { fileMatch: ['\\.yaml$'] } }),
      );
      const result = await runConfigValidator(dir, ['bad.json']);
      expect(result.ok).toBe(false);
      expect(result.output).toContain('Config migration necessary');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
