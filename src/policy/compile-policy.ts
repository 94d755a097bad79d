import path from 'node:path';
import type { PackageRule } from 'renovate/dist/config/types.js';
import { zeroMajorVersion } from '../presets/policy.ts';
import { closestMatch } from './closest-match.ts';
import type { ApplicationDefinition, ClusterRepo } from './cluster-repo.ts';
import type { Diagnostic } from './diagnostics.ts';
import type { PathSegment } from './json5-locate.ts';
import type { ParsedPolicy, PolicyApp } from './policy-file.ts';

/** Every rule the compiler writes starts with this, so that a later run can replace them all. */
export const policyRuleMarker = 'renovate-gitops policy: ';

/** A package rule as we write it: always with a one-sentence description. */
export type PolicyRule = Matchers & { description: string };

/** A package rule without its description: matchers and what they set. */
type Matchers = Omit<PackageRule, 'description'>;

/** What Renovate knows that the policy file is checked against; loaded only when needed. */
export interface RenovateChecks {
  datasourceIds(): Promise<string[]>;
  scheduleProblem(schedule: string): Promise<string | undefined>;
  migrateSchedule(schedule: readonly string[]): Promise<string[]>;
}

/** What one `apps` entry decides, per update type, for the `policy` table and `--json`. */
export interface AppSummary {
  entry: string;
  app: string;
  /** The file globs or dependency names its rules match. */
  matches: string[];
  patch: Decision;
  minor: Decision;
  major: Decision;
  schedule?: string[];
  labels?: string[];
  reviewers?: string[];
}

/** `preset`: the entry leaves this update type to the presets renovate.json extends. */
export type Decision = 'automerge' | 'review' | 'approval' | 'preset' | 'skipped';

export interface CompiledPolicy {
  packageRules: PolicyRule[];
  apps: AppSummary[];
  warnings: Diagnostic[];
  errors: Diagnostic[];
}

/** One way an entry matches dependencies; several are alternatives (Renovate ANDs within a rule). */
interface Alternative {
  label: string;
  match: Matchers;
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

function selectorLabel(app: PolicyApp): string {
  const parts: string[] = [];
  if (app.application) parts.push(`application "${app.application}"`);
  if (app.chart) parts.push(`chart "${app.chart}"`);
  if (app.path) parts.push(`path "${app.path}"`);
  if (app.datasource) parts.push(`datasource "${app.datasource}"`);
  return parts.join(' and ');
}

/** Applications and ApplicationSets by name, in the repository's order: looked up per entry. */
function byName(repo: ClusterRepo): Map<string, ApplicationDefinition[]> {
  const definitions = new Map<string, ApplicationDefinition[]>();
  for (const definition of repo.applications) {
    const named = definitions.get(definition.name);
    if (named) named.push(definition);
    else definitions.set(definition.name, [definition]);
  }
  return definitions;
}

/** The dependencies an `application` entry stands for, as rule matchers. */
function applicationAlternatives(
  name: string,
  definitions: readonly ApplicationDefinition[],
): Alternative[] {
  if (definitions.length === 0) return [];
  const files = unique([
    ...definitions.map((definition) => definition.file),
    ...definitions.flatMap((definition) => definition.sourcePaths),
  ]);
  const valuesPins = unique(
    definitions.flatMap((definition) =>
      definition.valuesPins.map((pin) => JSON.stringify([pin.file, pin.chart])),
    ),
  ).map((pin) => JSON.parse(pin) as [string, string]);
  return [
    { label: `application "${name}"`, match: { matchFileNames: files } },
    ...valuesPins.map(([file, chart]) => ({
      label: `application "${name}" (its chart version in ${file})`,
      match: { matchFileNames: [file], matchDepNames: [chart] },
    })),
  ];
}

function rulesFor(app: PolicyApp, alternative: Alternative): PolicyRule[] {
  const rule = (what: string, settings: Matchers): PolicyRule => ({
    description: `${policyRuleMarker}${alternative.label}: ${what}`,
    ...alternative.match,
    ...settings,
  });
  const rules: PolicyRule[] = [];
  if (app.schedule || app.labels || app.reviewers) {
    const what = [
      app.schedule
        ? `updates are created and merged only ${app.schedule.map((s) => `"${s}"`).join(' or ')}`
        : '',
      app.labels ? `its MRs are labelled ${app.labels.join(', ')}` : '',
      app.reviewers ? `reviewed by ${app.reviewers.join(', ')}` : '',
    ].filter(Boolean);
    rules.push(
      rule(`${what.join('; ')}.`, {
        ...(app.schedule ? { schedule: app.schedule, automergeSchedule: app.schedule } : {}),
        ...(app.labels ? { addLabels: app.labels } : {}),
        ...(app.reviewers ? { reviewers: app.reviewers } : {}),
      }),
    );
  }
  // 0.x minors are approveMajor's to decide, not automerge's: the minor rules skip them, so an
  // entry silent about approveMajor leaves them to earlier entries and the presets.
  const minorFromOne: Matchers = {
    matchCurrentVersion: `!${zeroMajorVersion}`,
    matchUpdateTypes: ['minor'],
  };
  const merged = 'merge by themselves once the pipeline passes';
  const review = { automerge: false, dependencyDashboardApproval: false };
  const automerge = { automerge: true, dependencyDashboardApproval: false };
  switch (app.automerge) {
    case 'none':
      rules.push(
        rule('patch updates open an MR for review; nothing merges by itself.', {
          matchUpdateTypes: ['patch'],
          ...review,
        }),
        rule('minor updates from 1.0 on open an MR for review.', { ...minorFromOne, ...review }),
      );
      break;
    case 'patch':
      rules.push(
        rule(`patch updates ${merged}.`, { matchUpdateTypes: ['patch'], ...automerge }),
        rule('minor updates from 1.0 on open an MR for review.', { ...minorFromOne, ...review }),
      );
      break;
    case 'minor':
      rules.push(
        rule(`patch updates ${merged}.`, { matchUpdateTypes: ['patch'], ...automerge }),
        rule(`minor updates from 1.0 on ${merged}.`, { ...minorFromOne, ...automerge }),
      );
      break;
    case undefined:
      break;
  }
  if (app.approveMajor !== undefined) {
    rules.push(
      rule(
        app.approveMajor
          ? 'major updates wait for approval on the Dependency Dashboard.'
          : 'major updates open an MR for review.',
        {
          matchUpdateTypes: ['major'],
          automerge: false,
          dependencyDashboardApproval: app.approveMajor,
        },
      ),
      rule(
        `below 1.0 a minor update may break (semver 0.y.z), so it ${app.approveMajor ? 'waits for approval on the Dependency Dashboard' : 'opens an MR for review'} like a major.`,
        {
          matchCurrentVersion: zeroMajorVersion,
          matchUpdateTypes: ['minor'],
          automerge: false,
          dependencyDashboardApproval: app.approveMajor,
        },
      ),
    );
  }
  return rules;
}

function summarize(app: PolicyApp, entry: string, alternatives: Alternative[]): AppSummary {
  const nonMajor = (level: 'patch' | 'minor'): Decision => {
    if (app.automerge === undefined) return 'preset';
    if (app.automerge === 'none') return 'review';
    return level === 'patch' || app.automerge === 'minor' ? 'automerge' : 'review';
  };
  const skipped = alternatives.length === 0;
  return {
    entry,
    app: selectorLabel(app),
    // The most telling matcher of each alternative: files, else names, else datasources.
    matches: unique(
      alternatives.flatMap(
        ({ match }) => match.matchFileNames ?? match.matchDepNames ?? match.matchDatasources ?? [],
      ),
    ),
    patch: skipped ? 'skipped' : nonMajor('patch'),
    minor: skipped ? 'skipped' : nonMajor('minor'),
    major: skipped
      ? 'skipped'
      : app.approveMajor === undefined
        ? 'preset'
        : app.approveMajor
          ? 'approval'
          : 'review',
    ...(app.schedule ? { schedule: app.schedule } : {}),
    ...(app.labels ? { labels: app.labels } : {}),
    ...(app.reviewers ? { reviewers: app.reviewers } : {}),
  };
}

/**
 * Turns a validated policy file into Renovate package rules, checked against the cluster
 * repository (do the named applications and charts exist?) and against Renovate (datasource
 * ids, schedule syntax). Entries keep their order: where two match the same update, the later
 * one wins, as in Renovate.
 */
export async function compilePolicy(
  parsed: ParsedPolicy,
  repo: ClusterRepo,
  checks: RenovateChecks,
): Promise<CompiledPolicy> {
  const errors: Diagnostic[] = [];
  const warnings: Diagnostic[] = [];
  const report = (list: Diagnostic[], at: PathSegment[], field: string, message: string) => {
    const position = parsed.locate(at);
    list.push({ file: parsed.file, ...(position ? { position } : {}), field, message });
  };
  const knownDatasources = parsed.policy.apps.some((app) => app.datasource)
    ? await checks.datasourceIds()
    : [];
  const applications = byName(repo);
  const applicationNames = [...applications.keys()].sort();
  const charts = new Set(repo.charts);
  const globMatches = new Map<string, boolean>();
  const matchesAnyFile = (glob: string) => {
    let matches = globMatches.get(glob);
    if (matches === undefined) {
      matches = repo.files.some((file) => path.posix.matchesGlob(file, glob));
      globMatches.set(glob, matches);
    }
    return matches;
  };

  const packageRules: PolicyRule[] = [];
  const apps: AppSummary[] = [];
  for (const [index, app] of parsed.policy.apps.entries()) {
    const entry = `apps[${index}]`;
    if (app.application && (app.chart || app.path)) {
      report(
        errors,
        ['apps', index, app.chart ? 'chart' : 'path'],
        `${entry}.${app.chart ? 'chart' : 'path'}`,
        'cannot be combined with application, which already names the files: use a separate entry',
      );
      continue;
    }
    if (app.datasource && !knownDatasources.includes(app.datasource)) {
      const nearest = closestMatch(app.datasource, knownDatasources);
      report(
        errors,
        ['apps', index, 'datasource'],
        `${entry}.datasource`,
        `Renovate has no datasource "${app.datasource}"${nearest ? ` (did you mean "${nearest}"?)` : ''}`,
      );
    }
    for (const [position, schedule] of (app.schedule ?? []).entries()) {
      const problem = await checks.scheduleProblem(schedule);
      if (problem) {
        report(
          errors,
          ['apps', index, 'schedule', position],
          `${entry}.schedule[${position}]`,
          problem,
        );
      }
    }
    const schedule = app.schedule ? await checks.migrateSchedule(app.schedule) : undefined;
    if (app.chart && !charts.has(app.chart)) {
      const nearest = closestMatch(app.chart, repo.charts);
      report(
        warnings,
        ['apps', index, 'chart'],
        `${entry}.chart`,
        `no chart "${app.chart}" is pinned in this repository${nearest ? ` (closest: "${nearest}")` : ''}; the rules are written anyway`,
      );
    }
    if (app.path && !matchesAnyFile(app.path)) {
      report(
        warnings,
        ['apps', index, 'path'],
        `${entry}.path`,
        `"${app.path}" matches no file in this repository; the rules are written anyway`,
      );
    }

    const base: Matchers = {
      ...(app.path ? { matchFileNames: [app.path] } : {}),
      ...(app.chart ? { matchDepNames: [app.chart, `**/${app.chart}`] } : {}),
      ...(app.datasource
        ? { matchDatasources: [app.datasource] }
        : app.chart
          ? { matchDatasources: ['helm', 'docker'] }
          : {}),
    };
    let alternatives: Alternative[] = [{ label: selectorLabel(app), match: base }];
    if (app.application) {
      const definitions = applications.get(app.application) ?? [];
      alternatives = applicationAlternatives(app.application, definitions).map((alternative) => ({
        label: app.datasource
          ? `${alternative.label} (datasource "${app.datasource}")`
          : alternative.label,
        match: { ...alternative.match, ...base },
      }));
      if (alternatives.length === 0) {
        const nearest = closestMatch(app.application, applicationNames);
        report(
          warnings,
          ['apps', index, 'application'],
          `${entry}.application`,
          `no Application or ApplicationSet named "${app.application}" in this repository${nearest ? ` (closest: "${nearest}")` : ''}; entry skipped`,
        );
      }
    }
    const settings: PolicyApp = { ...app, ...(schedule ? { schedule } : {}) };
    packageRules.push(...alternatives.flatMap((alternative) => rulesFor(settings, alternative)));
    apps.push(summarize(settings, entry, alternatives));
  }
  return { packageRules, apps, warnings, errors };
}
