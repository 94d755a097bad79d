import type { PresetSource } from '../presets/preset.ts';

export const renovateSchemaUrl = 'https://docs.renovatebot.com/renovate-schema.json';

/**
 * The JSON text of a generated preset: `$schema` first, then `description`, then the config in
 * source order, two-space indented with a final newline, so that a build is byte-for-byte
 * reproducible and diffs stay small.
 */
export function serializePreset(preset: PresetSource): string {
  const document = {
    $schema: renovateSchemaUrl,
    description: preset.description,
    ...preset.config,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
