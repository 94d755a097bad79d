import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import JSON5 from 'json5';
import { closestMatch, typoDistance } from './closest-match.ts';
import { byPosition, type Diagnostic } from './diagnostics.ts';
import { formatPath, json5Locator, type PathSegment, pointerSegments } from './json5-locate.ts';

/** The file `renovate-gitops policy` reads, at the root of the cluster repository. */
export const policyFileName = 'renovate-gitops.json5';

export type AutomergeLevel = 'none' | 'patch' | 'minor';

/** One entry of `apps`: what it names (at least one selector) and what applies to it. */
export interface PolicyApp {
  application?: string;
  chart?: string;
  path?: string;
  datasource?: string;
  automerge?: AutomergeLevel;
  approveMajor?: boolean;
  schedule?: string[];
  labels?: string[];
  reviewers?: string[];
}

export interface PolicyFile {
  apps: PolicyApp[];
}

/** A parsed policy file that still knows its source, so later checks can point into it. */
export interface ParsedPolicy {
  file: string;
  policy: PolicyFile;
  /** Where a field is, for diagnostics: the key for `'key'`, else the value. */
  locate(path: readonly PathSegment[], at?: 'key' | 'value'): Diagnostic['position'];
}

export type ParseResult = { ok: true; parsed: ParsedPolicy } | { ok: false; errors: Diagnostic[] };

let validator: ValidateFunction | undefined;

/** The schema lives beside this module as data (editors can use it too). */
function policyValidator(): ValidateFunction {
  validator ??= new Ajv({ allErrors: true, verbose: true }).compile(
    JSON.parse(
      readFileSync(new URL('./policy-file.schema.json', import.meta.url), 'utf8'),
    ) as object,
  );
  return validator;
}

const typeNames: Record<string, string> = {
  string: 'a string',
  array: 'a list',
  object: 'an object',
  boolean: 'true or false',
};

/** Where one schema error points (the key for an unknown key) and what it says, in words. */
function describe(error: ErrorObject): {
  path: PathSegment[];
  message: string;
  at: 'key' | 'value';
} {
  const path = pointerSegments(error.instancePath);
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String((error.params as { additionalProperty: string }).additionalProperty);
      const known = Object.keys(
        (error.parentSchema as { properties?: Record<string, unknown> }).properties ?? {},
      ).filter((name) => name !== '$schema');
      const nearest = closestMatch(key, known, typoDistance(key));
      return {
        path: [...path, key],
        at: 'key',
        message: `unknown key${nearest ? ` (did you mean "${nearest}"?)` : ''}; allowed: ${known.join(', ')}`,
      };
    }
    case 'enum':
      return {
        path,
        at: 'value',
        message: `must be one of ${(error.params as { allowedValues: string[] }).allowedValues.join(', ')}`,
      };
    case 'type': {
      const type = String((error.params as { type: string }).type);
      return { path, at: 'value', message: `must be ${typeNames[type] ?? type}` };
    }
    case 'required':
      return {
        path: [...path, (error.params as { missingProperty: string }).missingProperty],
        at: 'value',
        message: 'is required',
      };
    case 'anyOf': {
      const selectors = (error.schema as { required: string[] }[]).flatMap(
        (branch) => branch.required,
      );
      return {
        path,
        at: 'value',
        message: `names no app: give at least one of ${selectors.join(', ')}`,
      };
    }
    case 'minItems':
    case 'minLength':
      return { path, at: 'value', message: 'must not be empty' };
    default:
      return { path, at: 'value', message: error.message ?? 'is invalid' };
  }
}

/** Drops the per-branch errors of an `anyOf` whose own error says it all. */
function withoutAnyOfBranches(errors: readonly ErrorObject[]): ErrorObject[] {
  // By the value they are about: an error is compared with the anyOf errors of its own value.
  const anyOfAt = new Map<string, string[]>();
  for (const error of errors) {
    if (error.keyword !== 'anyOf') continue;
    const schemaPaths = anyOfAt.get(error.instancePath);
    if (schemaPaths) schemaPaths.push(error.schemaPath);
    else anyOfAt.set(error.instancePath, [error.schemaPath]);
  }
  return errors.filter(
    (error) =>
      error.keyword === 'anyOf' ||
      !(anyOfAt.get(error.instancePath) ?? []).some((schemaPath) =>
        error.schemaPath.startsWith(`${schemaPath}/`),
      ),
  );
}

/**
 * Parses and validates a policy file. Errors name the file, line, column and field, e.g.
 * `renovate-gitops.json5:12:5 apps[2].automerge: must be one of none, patch, minor`.
 */
export function parsePolicyFile(file: string, source: string): ParseResult {
  let data: unknown;
  try {
    data = JSON5.parse(source);
  } catch (err) {
    const syntax = err as SyntaxError & { lineNumber?: number; columnNumber?: number };
    const message = syntax.message.replace(/^JSON5: /, '').replace(/ at \d+:\d+$/, '');
    return {
      ok: false,
      errors: [
        {
          file,
          ...(syntax.lineNumber
            ? { position: { line: syntax.lineNumber, column: syntax.columnNumber ?? 1 } }
            : {}),
          field: '',
          message: `invalid JSON5: ${message}`,
        },
      ],
    };
  }
  let locator: ReturnType<typeof json5Locator> | undefined;
  const locate: ParsedPolicy['locate'] = (path, at = 'value') => {
    locator ??= json5Locator(source);
    const location = locator(path);
    return at === 'key' ? (location?.key ?? location?.value) : location?.value;
  };
  const validate = policyValidator();
  if (!validate(data)) {
    const errors = withoutAnyOfBranches(validate.errors ?? []).map((error): Diagnostic => {
      const { path, message, at } = describe(error);
      const position = locate(path, at) ?? locate(path.slice(0, -1));
      return { file, ...(position ? { position } : {}), field: formatPath(path), message };
    });
    return { ok: false, errors: errors.sort(byPosition) };
  }
  return { ok: true, parsed: { file, policy: data as PolicyFile, locate } };
}
