import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../shared/user-error.ts';

/** The kinds of pin the corpus README defines. */
export const pinKinds = [
  'argocd-chart',
  'argocd-git',
  'appset-element',
  'app-of-apps-value',
  'kustomize-remote',
  'kustomize-raw-url',
  'kustomize-helmchart',
  'kustomize-image',
  'values-image',
  'manifest-image',
  'chart-dependency',
  'crossplane-package',
  'versioned-url',
  'annotated',
] as const;

export type PinKind = (typeof pinKinds)[number];

/** One labelled pin of a corpus repository (`<folder>.labels.json`). */
export interface CorpusLabel {
  /** Relative to the repository folder. */
  file: string;
  /** 1-based line that holds the pin's value. */
  line: number;
  kind: PinKind;
  depName: string;
  currentValue: string;
  datasource: string;
  registryUrl?: string;
  /** Other names a correct detection may report. */
  altNames?: string[];
  currentDigest?: string;
  /** For `annotated` pins: the structural kind underneath. */
  shape?: PinKind;
  note?: string;
}

/** A repository folder of the corpus with its labels. */
export interface CorpusRepo {
  name: string;
  dir: string;
  labels: CorpusLabel[];
  /** Labels whose line does not hold their value: worth a closing note, not an error. */
  warnings: string[];
}

const labelKeys = new Set([
  'file',
  'line',
  'kind',
  'depName',
  'currentValue',
  'datasource',
  'registryUrl',
  'altNames',
  'currentDigest',
  'shape',
  'note',
]);

function isPinKind(value: unknown): value is PinKind {
  return (pinKinds as readonly unknown[]).includes(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(entry: Record<string, unknown>, key: string, where: string): void {
  if (entry[key] !== undefined && typeof entry[key] !== 'string') {
    throw new UserError(`${where}: \`${key}\` must be a string`);
  }
}

function parseLabel(entry: unknown, where: string): CorpusLabel {
  if (!isRecord(entry)) {
    throw new UserError(`${where}: a label must be an object`);
  }
  for (const key of Object.keys(entry)) {
    if (!labelKeys.has(key)) {
      throw new UserError(`${where}: unknown field \`${key}\``);
    }
  }
  for (const key of ['file', 'depName', 'currentValue', 'datasource']) {
    if (typeof entry[key] !== 'string') {
      throw new UserError(`${where}: \`${key}\` must be a string`);
    }
  }
  if (!Number.isInteger(entry.line) || (entry.line as number) < 1) {
    throw new UserError(`${where}: \`line\` must be a 1-based line number`);
  }
  if (!isPinKind(entry.kind)) {
    throw new UserError(`${where}: \`kind\` must be one of ${pinKinds.join(', ')}`);
  }
  if (entry.shape !== undefined && !isPinKind(entry.shape)) {
    throw new UserError(`${where}: \`shape\` must be one of ${pinKinds.join(', ')}`);
  }
  for (const key of ['registryUrl', 'currentDigest', 'note']) {
    optionalString(entry, key, where);
  }
  const altNames = entry.altNames;
  if (
    altNames !== undefined &&
    !(Array.isArray(altNames) && altNames.every((name) => typeof name === 'string'))
  ) {
    throw new UserError(`${where}: \`altNames\` must be an array of strings`);
  }
  return entry as unknown as CorpusLabel;
}

/** Parses and validates a labels file; `source` names it in errors. */
export function parseLabels(text: string, source: string): CorpusLabel[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new UserError(`${source}: not valid JSON (${(err as Error).message})`);
  }
  if (!Array.isArray(data)) {
    throw new UserError(`${source}: expected an array of labels`);
  }
  return data.map((entry, index) => parseLabel(entry, `${source} [${index}]`));
}

/** Reads every labelled file once and checks that each label's line exists and holds its value. */
async function checkLabelLines(
  dir: string,
  labels: CorpusLabel[],
  source: string,
): Promise<string[]> {
  const warnings: string[] = [];
  const lines = new Map<string, string[] | undefined>();
  for (const [index, label] of labels.entries()) {
    if (!lines.has(label.file)) {
      const text = await readFile(path.join(dir, label.file), 'utf8').catch(() => undefined);
      lines.set(label.file, text?.split('\n'));
    }
    const fileLines = lines.get(label.file);
    const where = `${source} [${index}] ${label.file}:${label.line}`;
    if (!fileLines) {
      throw new UserError(`${where}: the labelled file does not exist in ${dir}`);
    }
    const line = fileLines[label.line - 1];
    if (line === undefined) {
      throw new UserError(`${where}: the file has only ${fileLines.length} lines`);
    }
    if (label.currentValue !== '' && !line.includes(label.currentValue)) {
      warnings.push(`${where}: the line does not contain \`${label.currentValue}\``);
    }
  }
  return warnings;
}

/**
 * The corpus repositories: every folder of `corpusDir` with a `<folder>.labels.json` beside it.
 * A labels file without its folder is an error; a folder without labels is not a repository.
 */
export async function loadCorpus(corpusDir: string): Promise<CorpusRepo[]> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(corpusDir, { withFileTypes: true });
  } catch {
    throw new UserError(
      `corpus folder ${corpusDir} does not exist: pass its path with --corpus DIR`,
    );
  }
  const folders = new Set(
    entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name),
  );
  const labelFiles = entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.labels.json'))
    .map((entry) => entry.name)
    .sort();
  if (labelFiles.length === 0) {
    throw new UserError(`${corpusDir} has no <folder>.labels.json files: is it the corpus folder?`);
  }
  const repos: CorpusRepo[] = [];
  for (const labelFile of labelFiles) {
    const name = labelFile.slice(0, -'.labels.json'.length);
    if (!folders.has(name)) {
      throw new UserError(`${path.join(corpusDir, labelFile)}: no folder \`${name}\` beside it`);
    }
    const dir = path.join(corpusDir, name);
    const source = path.join(corpusDir, labelFile);
    const labels = parseLabels(await readFile(source, 'utf8'), source);
    const warnings = await checkLabelLines(dir, labels, labelFile);
    repos.push({ name, dir, labels, warnings });
  }
  return repos;
}
