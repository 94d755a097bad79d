import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { LineCounter } from 'yaml';
import { valuesFiles } from '../managers/file-patterns.ts';
import { parseYamlDocuments } from '../policy/yaml-documents.ts';
import { managerFileMatcher } from '../renovate/renovate-internals.ts';

/** A file a YAML-parsing manager of the preset skips whole, and why. */
export interface DroppedFile {
  file: string;
  line: number;
  reason: string;
}

/**
 * Kinds whose files Renovate's argocd and crossplane managers parse as YAML. The indentation
 * excludes line breaks: `^\s*` would read every blank line to the end of a run of them from
 * each one, quadratic in a file of blank lines.
 */
const parsedKinds =
  /^[^\S\n\r\u2028\u2029]*apiVersion:\s*["']?(argoproj\.io|pkg\.crossplane\.io)\//m;

/**
 * Files that Renovate's YAML-parsing managers (helm-values on values files, argocd and
 * crossplane on their resources) drop without a warning: a duplicate map key, or templating
 * where YAML is needed. Chart `templates/` are Go templates by design; the preset reads them
 * with regex managers, so they are not listed.
 */
export async function filesRenovateDrops(
  root: string,
  files: readonly string[],
): Promise<DroppedFile[]> {
  const dropped: DroppedFile[] = [];
  // The files the preset gives helm-values, matched as Renovate matches them.
  const isValuesFile = await managerFileMatcher([valuesFiles]);
  for (const file of files) {
    if (!/\.ya?ml$/i.test(file) || /(^|\/)templates\//.test(file)) continue;
    const values = isValuesFile(file);
    const text = await readFile(path.join(root, file), 'utf8').catch(() => undefined);
    if (text === undefined || (!values && !parsedKinds.test(text))) continue;
    const lines = new LineCounter();
    const error = parseYamlDocuments(text, { lineCounter: lines })
      .flatMap((doc) => doc.errors)
      .at(0);
    if (!error) continue;
    const manager = values ? 'helm-values' : 'argocd and crossplane';
    const what =
      error.code === 'DUPLICATE_KEY'
        ? 'a duplicate map key'
        : `not YAML (${error.message.split(' at line')[0] ?? error.code}; templating where YAML is needed?)`;
    dropped.push({
      file,
      line: lines.linePos(error.pos[0]).line,
      reason: `${manager} ${values ? 'skips' : 'skip'} the whole file: ${what}`,
    });
  }
  return dropped;
}
