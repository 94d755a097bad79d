import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import type { Problem } from './problem.ts';
import { re2 } from './re2.ts';

const require = createRequire(import.meta.url);

interface RenovateSchema {
  properties: Record<string, unknown>;
  [keyword: string]: unknown;
}

let schema: RenovateSchema | undefined;
let ajv: Ajv | undefined;
const validators = new Map<string, ValidateFunction>();

/** Renovate compiles `format: regex` fields (extractVersion, ...) with RE2. */
function compilesUnderRe2(pattern: string): boolean {
  // Outside the try: re2 failing to load is not the pattern's fault.
  const RE2 = re2();
  try {
    new RE2(pattern);
    return true;
  } catch {
    return false;
  }
}

/**
 * A validator for documents with these top-level keys, against the JSON schema that ships
 * inside the pinned renovate package, so presets are checked against exactly the Renovate
 * version the tests run. Its `allowComments` and `x-renovate-version` keywords are not JSON
 * Schema, hence `strict: false`.
 *
 * The schema's `properties` keyword is cut down to the document's own keys: `properties` only
 * ever applies to keys that are present, so the answer is the same, but Ajv then compiles the
 * few options a document uses instead of all 300 (about a second, which `policy --check` would
 * otherwise spend on every run). The schema has no `additionalProperties`; its other keywords
 * (`type`, `not`) are kept whole.
 */
function renovateSchemaValidator(keys: readonly string[]): ValidateFunction {
  const cacheKey = JSON.stringify(keys);
  const cached = validators.get(cacheKey);
  if (cached) return cached;
  schema ??= JSON.parse(
    readFileSync(require.resolve('renovate/renovate-schema.json'), 'utf8'),
  ) as RenovateSchema;
  ajv ??= new Ajv({
    strict: false,
    allErrors: true,
    formats: { regex: { validate: compilesUnderRe2 } },
  });
  const full = schema;
  const properties = Object.fromEntries(
    keys
      .filter((key) => Object.hasOwn(full.properties, key))
      .map((key) => [key, full.properties[key]]),
  );
  // Each cut-down schema keeps the `$id` of the whole, which Ajv allows once per instance.
  const { $id: _id, ...withoutId } = full;
  const validator = ajv.compile({ ...withoutId, properties });
  validators.set(cacheKey, validator);
  return validator;
}

export function validateAgainstRenovateSchema(file: string, document: unknown): Problem[] {
  const keys =
    document !== null && typeof document === 'object' && !Array.isArray(document)
      ? Object.keys(document).sort()
      : [];
  const validate = renovateSchemaValidator(keys);
  if (validate(document)) {
    return [];
  }
  return (validate.errors ?? []).map((error) => ({
    file,
    field: error.instancePath,
    message: `${error.message ?? 'is invalid'}${error.params && 'additionalProperty' in error.params ? ` (${String(error.params.additionalProperty)})` : ''}`,
  }));
}
