import type { CustomManager } from 'renovate/dist/modules/manager/custom/types.js';
import {
  fileClasses,
  valuesOutsideTemplates,
  yamlOutsideTemplatesAndValues,
} from '../managers/file-patterns.ts';
import { namedGroups } from '../validate/custom-manager-regexes.ts';

/**
 * Renovate runs each custom manager on its own: for every file it matches, the manager reads
 * the file again, compiles every regex pattern again (`regEx()` caches no pattern with the `g`
 * flag) or parses the YAML again, and logs again. Our managers are written one per shape, for
 * users who pick single presets; the default gives Renovate the same patterns grouped into one
 * manager per class of files, so each file is read once by one regex manager and parsed once by
 * one JSONata manager. Findings are the same by construction: within a class, each pattern
 * still runs on its own over the whole file (`matchStringsStrategy: any`), and each field's
 * template becomes a choice, made by a named group only that manager's patterns have.
 */

/** The disjoint classes of files managers are merged by, with what the merged one says it reads. */
const mergeClasses: readonly { pattern: string; reads: string }[] = [
  { pattern: fileClasses.values, reads: 'Helm values files' },
  { pattern: fileClasses.kustomizeAndCharts, reads: 'kustomization.yaml and Chart.yaml' },
  {
    pattern: fileClasses.otherYaml,
    reads: 'manifests, chart templates and Argo CD files (any other YAML)',
  },
  { pattern: fileClasses.ciDefinitions, reads: 'CI definitions' },
  {
    pattern: yamlOutsideTemplatesAndValues,
    reads: 'YAML outside chart templates, not named values*',
  },
  { pattern: valuesOutsideTemplates, reads: 'YAML outside chart templates named values*' },
];

type Manager = CustomManager & { description?: string; matchStrings: string[] };

/** A manager whose patterns run one by one and whose file patterns are all merge classes. */
function isMergeable(manager: Manager): boolean {
  const strategy = manager.customType === 'regex' ? manager.matchStringsStrategy : undefined;
  return (
    (strategy === undefined || strategy === 'any') &&
    manager.managerFilePatterns.length > 0 &&
    manager.managerFilePatterns.every((pattern) =>
      mergeClasses.some((mergeClass) => mergeClass.pattern === pattern),
    )
  );
}

/** Groups every pattern of the manager has. */
function groupsOfEveryPattern(manager: Manager): Set<string> {
  const [first = '', ...rest] = manager.matchStrings;
  const common = namedGroups(first);
  for (const pattern of rest) {
    const groups = namedGroups(pattern);
    for (const name of common) if (!groups.has(name)) common.delete(name);
  }
  return common;
}

function groupsOfAnyPattern(managers: readonly Manager[]): Set<string> {
  return new Set(
    managers.flatMap((manager) => manager.matchStrings.flatMap((p) => [...namedGroups(p)])),
  );
}

function describe(manager: Manager): string {
  return manager.description ?? manager.matchStrings[0]?.slice(0, 60) ?? '';
}

/** The named group that tells this member's matches from the other members'. */
function marker(member: Manager, members: readonly Manager[]): string {
  const others = groupsOfAnyPattern(members.filter((other) => other !== member));
  const own = [...groupsOfEveryPattern(member)].find((name) => !others.has(name));
  if (!own) {
    throw new Error(
      `cannot merge "${describe(member)}": none of its named groups is its own among the managers of its file class; add one that every pattern captures`,
    );
  }
  return own;
}

type TemplateKey = `${string}Template`;

/**
 * One field's template in the merged manager. Members without a template pass their own named
 * group through (first, so a captured value wins as in Renovate); members with one are told
 * apart by a marker group; the most common template is the fallback and needs none.
 */
function mergedTemplate(key: TemplateKey, members: readonly Manager[]): string | undefined {
  const field = key.slice(0, -'Template'.length);
  const templateOf = (member: Manager) =>
    (member as unknown as Record<string, unknown>)[key] as string | undefined;
  const templated = members.filter((member) => templateOf(member) !== undefined);
  if (templated.length === 0) return undefined;
  const passing = members.filter((member) => templateOf(member) === undefined);
  for (const member of passing) {
    if (!groupsOfEveryPattern(member).has(field)) {
      throw new Error(
        `cannot merge "${describe(member)}": it has no ${key} and not every pattern captures ${field}`,
      );
    }
  }
  if (passing.length > 0 && groupsOfAnyPattern(templated).has(field)) {
    throw new Error(`cannot merge ${key}: a templated manager also captures ${field}`);
  }
  const byTemplate = new Map<string, Manager[]>();
  for (const member of templated) {
    const template = templateOf(member) ?? '';
    byTemplate.set(template, [...(byTemplate.get(template) ?? []), member]);
  }
  const [fallback = ''] = [...byTemplate.entries()].reduce((most, entry) =>
    entry[1].length > most[1].length ? entry : most,
  );
  if (passing.length === 0 && byTemplate.size === 1) return fallback;
  const conditions: { test: string; render: string }[] = [];
  if (passing.length > 0) conditions.push({ test: field, render: `{{{${field}}}}` });
  for (const [template, group] of byTemplate) {
    if (template === fallback) continue;
    for (const member of group)
      conditions.push({ test: marker(member, members), render: template });
  }
  const chain = conditions
    .map(({ test, render }, index) => `{{${index === 0 ? '#if' : 'else if'} ${test}}}${render}`)
    .join('');
  return `${chain}{{else}}${fallback}{{/if}}`;
}

function mergeMembers(members: readonly Manager[], pattern: string, reads: string): Manager {
  const [first] = members;
  if (!first || members.length === 1) {
    return { ...(first as Manager), managerFilePatterns: [pattern] };
  }
  const templateKeys = new Set(
    members.flatMap((member) => Object.keys(member).filter((key) => key.endsWith('Template'))),
  ) as Set<TemplateKey>;
  const templates: Record<string, string> = {};
  for (const key of templateKeys) {
    const template = mergedTemplate(key, members);
    if (template !== undefined) templates[key] = template;
  }
  const fileFormats = new Set(
    members.map((member) => (member.customType === 'jsonata' ? member.fileFormat : undefined)),
  );
  if (fileFormats.size > 1)
    throw new Error(`cannot merge managers of different file formats (${reads})`);
  const shared = first.customType === 'jsonata' ? { fileFormat: first.fileFormat } : {};
  return {
    customType: first.customType,
    ...shared,
    description: `${reads}, read once for all these: ${members.map(describe).join(' | ')}`,
    managerFilePatterns: [pattern],
    matchStrings: members.flatMap((member) => member.matchStrings),
    ...templates,
  } as Manager;
}

/**
 * The same detection with one manager per file class: mergeable managers (see `isMergeable`)
 * are grouped by class and type, the others are kept as they are, after them.
 */
export function mergeManagersByFileClass(managers: readonly CustomManager[]): CustomManager[] {
  const mergeable = (managers as readonly Manager[]).filter(isMergeable);
  const merged: Manager[] = [];
  for (const customType of ['regex', 'jsonata'] as const) {
    for (const { pattern, reads } of mergeClasses) {
      const members = mergeable.filter(
        (manager) =>
          manager.customType === customType && manager.managerFilePatterns.includes(pattern),
      );
      if (members.length > 0) merged.push(mergeMembers(members, pattern, reads));
    }
  }
  return [
    ...merged,
    ...(managers as readonly Manager[]).filter((manager) => !isMergeable(manager)),
  ];
}
