import type { GeneratedFile } from '../build/write-presets.ts';
import { validateCustomManagerRegexes } from './custom-manager-regexes.ts';
import type { Problem } from './problem.ts';
import { validateAgainstRenovateSchema } from './renovate-schema.ts';

/** Schema and regex checks for generated presets; an empty list means they are valid. */
export function validateGeneratedPresets(files: readonly GeneratedFile[]): Problem[] {
  return files.flatMap((file) => {
    const document = JSON.parse(file.content) as { customManagers?: [] };
    return [
      ...validateAgainstRenovateSchema(file.path, document),
      ...validateCustomManagerRegexes(file.path, document.customManagers ?? []),
    ];
  });
}
