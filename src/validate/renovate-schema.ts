import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import RE2 from 're2';
import type { Problem } from './problem.ts';

const require = createRequire(import.meta.url);

let validator: ValidateFunction | undefined;

/** Renovate compiles `format: regex` fields (extractVersion, ...) with RE2. */
function compilesUnderRe2(pattern: string): boolean {
  try {
    new RE2(pattern);
    return true;
  } catch {
    return false;
  }
}

/**
 * The JSON schema that ships inside the pinned renovate package, so presets are checked
 * against exactly the Renovate version the tests run. Its `allowComments` and
 * `x-renovate-version` keywords are not JSON Schema, hence `strict: false`.
 */
function renovateSchemaValidator(): ValidateFunction {
  if (!validator) {
    const schema = JSON.parse(
      readFileSync(require.resolve('renovate/renovate-schema.json'), 'utf8'),
    ) as object;
    validator = new Ajv({
      strict: false,
      allErrors: true,
      formats: { regex: { validate: compilesUnderRe2 } },
    }).compile(schema);
  }
  return validator;
}

export function validateAgainstRenovateSchema(file: string, document: unknown): Problem[] {
  const validate = renovateSchemaValidator();
  if (validate(document)) {
    return [];
  }
  return (validate.errors ?? []).map((error) => ({
    file,
    field: error.instancePath,
    message: `${error.message ?? 'is invalid'}${error.params && 'additionalProperty' in error.params ? ` (${String(error.params.additionalProperty)})` : ''}`,
  }));
}
