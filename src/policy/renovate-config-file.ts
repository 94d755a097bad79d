import { readFile } from 'node:fs/promises';
import path from 'node:path';
import JSON5 from 'json5';
import { renovateSchemaUrl } from '../build/serialize-preset.ts';
import { UserError } from '../shared/user-error.ts';
import { type PolicyRule, policyRuleMarker } from './compile-policy.ts';

/** Renovate's repository config files, in the order it looks for them (lib/config/app-strings.ts). */
export const configFileNames = [
  'renovate.json',
  'renovate.jsonc',
  'renovate.json5',
  '.github/renovate.json',
  '.github/renovate.jsonc',
  '.github/renovate.json5',
  '.gitlab/renovate.json',
  '.gitlab/renovate.jsonc',
  '.gitlab/renovate.json5',
  '.renovaterc',
  '.renovaterc.json',
  '.renovaterc.jsonc',
  '.renovaterc.json5',
  'package.json',
];

/** The config files we can rewrite without losing anything: plain JSON, no comments. */
const plainJson = /(^|\/)(renovate\.json|\.renovaterc(\.json)?)$/;

export interface RenovateConfigFile {
  /** Relative to the repository root. */
  path: string;
  text: string;
  /** False for JSON5/JSONC (comments would be lost) and package.json. */
  rewritable: boolean;
}

/**
 * Every Renovate config file in this repository, in the order Renovate looks for them: the
 * first is the one it reads. package.json counts only with a "renovate" key.
 */
export async function findRenovateConfigs(root: string): Promise<RenovateConfigFile[]> {
  const found: RenovateConfigFile[] = [];
  for (const name of configFileNames) {
    const text = await readFile(path.join(root, name), 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    if (name === 'package.json' && !/"renovate"\s*:/.test(text)) continue;
    found.push({ path: name, text, rewritable: plainJson.test(name) });
  }
  return found;
}

/** The config file Renovate would read in this repository, if there is one. */
export async function findRenovateConfig(root: string): Promise<RenovateConfigFile | undefined> {
  return (await findRenovateConfigs(root))[0];
}

/**
 * The config a Renovate config file holds. Renovate reads renovate.json as JSON with comments
 * and .json5 as JSON5; JSON5 accepts both, and its errors carry a line. package.json holds it
 * under "renovate" (a string there is one preset to extend).
 */
export function parseRenovateConfig(file: RenovateConfigFile): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON5.parse(file.text);
  } catch (err) {
    const { message, lineNumber, columnNumber } = err as SyntaxError & {
      lineNumber?: number;
      columnNumber?: number;
    };
    const at = lineNumber ? `:${lineNumber}:${columnNumber ?? 1}` : '';
    const reason = message
      .replace(/^JSON5: /, '')
      .replace(/ at \d+:\d+$/, '')
      .replaceAll(`'\\"'`, `'"'`);
    throw new UserError(`${file.path}${at}: not valid JSON: ${reason}`, 1);
  }
  if (file.path === 'package.json') {
    const renovate = (parsed as { renovate?: unknown } | null)?.renovate;
    parsed = typeof renovate === 'string' ? { extends: [renovate] } : renovate;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new UserError(`${file.path}: must hold a JSON object, the Renovate config`, 1);
  }
  return parsed as Record<string, unknown>;
}

export class ConfigFileError extends Error {}

/** The indentation a JSON text uses, so a rewrite keeps the user's style. */
function indentOf(text: string): string {
  return /^([ \t]+)"/m.exec(text)?.[1] ?? '  ';
}

function isPolicyRule(rule: unknown): boolean {
  const description = (rule as { description?: unknown } | null)?.description;
  const first = Array.isArray(description) ? description[0] : description;
  return typeof first === 'string' && first.startsWith(policyRuleMarker);
}

/**
 * The config text with this tool's package rules replaced by `rules`: rules from an earlier
 * run (recognised by the description prefix) go, the new ones take the place of the first of
 * them (or the end), and every other key and rule of the user's stays as it was.
 */
export function mergePolicyRules(file: string, text: string, rules: readonly PolicyRule[]): string {
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch (err) {
    throw new ConfigFileError(`${file}: not valid JSON: ${(err as Error).message}`);
  }
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw new ConfigFileError(`${file}: must hold a JSON object`);
  }
  const document = config as Record<string, unknown>;
  const existing = document.packageRules ?? [];
  if (!Array.isArray(existing)) {
    throw new ConfigFileError(`${file}: packageRules must be a list`);
  }
  const firstOwn = existing.findIndex(isPolicyRule);
  const kept = existing.filter((rule) => !isPolicyRule(rule));
  const at =
    firstOwn < 0
      ? kept.length
      : existing.slice(0, firstOwn).filter((rule) => !isPolicyRule(rule)).length;
  const packageRules = [...kept.slice(0, at), ...rules, ...kept.slice(at)];
  const before = JSON.stringify(document);
  if (packageRules.length > 0 || ('packageRules' in document && kept.length > 0)) {
    document.packageRules = packageRules;
  } else {
    delete document.packageRules;
  }
  // Unchanged config keeps the user's formatting; a change rewrites the file in JSON.stringify's.
  return JSON.stringify(document) === before
    ? text
    : `${JSON.stringify(document, null, indentOf(text))}\n`;
}

/** A preset file that holds only the policy's rules, for `policy --out`. */
export function policyPreset(source: string, rules: readonly PolicyRule[]): string {
  const preset = {
    $schema: renovateSchemaUrl,
    description: `Per-application update policy, generated by \`renovate-gitops policy\` from ${source}: edit that file, not this one.`,
    packageRules: rules,
  };
  return `${JSON.stringify(preset, null, 2)}\n`;
}
