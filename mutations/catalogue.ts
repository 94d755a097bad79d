import { readFileSync } from 'node:fs';
import path from 'node:path';
import { at, editJson, replaceOnce } from './edits.ts';

/** One semantic breakage of the product, and the suites that back the claim it breaks. */
export interface Mutation {
  id: string;
  /** The claim it breaks, in a user's words. */
  breaks: string;
  suites: readonly string[];
  apply(root: string): Promise<void>;
}

const detectionSuites = ['test/detection.test.ts'];
const policySuites = [
  'test/policy-lookup.test.ts',
  'test/lookup-policy.test.ts',
  'test/policy-safety.test.ts',
];

type Json = Record<string, unknown>;
type Rule = Json;

/** A package rule of a generated preset, by index. */
function rule(preset: Json, index: number, file: string): Rule {
  return at<Rule>(preset.packageRules, index, `${file} packageRules`);
}

function presetMutation(
  id: string,
  breaks: string,
  file: string,
  change: (preset: Json) => void,
  suites: readonly string[] = policySuites,
): Mutation {
  return { id, breaks, suites, apply: (root) => editJson(root, file, change) };
}

const policy = 'presets/policy.json';
const window = 'presets/maintenance-window.json';

const policyMutations: Mutation[] = [
  presetMutation(
    'automerge-type-branch',
    'minor and patch updates merge through a merge request when its pipeline passes',
    policy,
    (preset) => {
      rule(preset, 0, policy).automergeType = 'branch';
    },
  ),
  presetMutation(
    'minor-patch-no-automerge',
    'minor and patch updates merge by themselves',
    policy,
    (preset) => {
      rule(preset, 0, policy).automerge = false;
    },
  ),
  presetMutation('major-automerge', 'majors never merge by themselves', policy, (preset) => {
    rule(preset, 1, policy).automerge = true;
  }),
  presetMutation(
    'major-no-approval',
    'majors wait for approval on the dashboard',
    policy,
    (preset) => {
      rule(preset, 1, policy).dependencyDashboardApproval = false;
    },
  ),
  presetMutation(
    'major-no-breaking-label',
    'majors carry the `breaking` label',
    policy,
    (preset) => {
      delete rule(preset, 1, policy).addLabels;
    },
  ),
  presetMutation(
    'zero-minor-no-approval',
    '0.x minors wait for approval like majors',
    policy,
    (preset) => {
      rule(preset, 2, policy).dependencyDashboardApproval = false;
    },
  ),
  presetMutation(
    'zero-minor-automerge',
    '0.x minors never merge by themselves',
    policy,
    (preset) => {
      rule(preset, 2, policy).automerge = true;
    },
  ),
  presetMutation('no-soak', 'a release waits 3 days before it is proposed', policy, (preset) => {
    delete preset.minimumReleaseAge;
  }),
  presetMutation(
    'soak-not-strict',
    'an update still soaking is not proposed (no branch waits on it)',
    policy,
    (preset) => {
      // Deleting the setting would change nothing: `strict` is Renovate 44's default too.
      preset.internalChecksFilter = 'none';
    },
  ),
  presetMutation(
    'no-platform-automerge',
    "GitLab merges (merge when pipeline succeeds), not Renovate's next run",
    policy,
    (preset) => {
      preset.platformAutomerge = false;
    },
  ),
  presetMutation(
    'approve-all-not-approval',
    'approve-all: every update waits for approval',
    'presets/approve-all.json',
    (preset) => {
      rule(preset, 0, 'approve-all').dependencyDashboardApproval = false;
    },
  ),
  presetMutation(
    'patch-only-minor-automerge',
    'automerge-patch-only: minors open a merge request for review',
    'presets/automerge-patch-only.json',
    (preset) => {
      rule(preset, 0, 'automerge-patch-only').automerge = true;
    },
  ),
  presetMutation(
    'group-argocd-ungrouped',
    "group-argocd: Argo CD's chart, image and manifests move in one branch",
    'presets/group-argocd.json',
    (preset) => {
      delete rule(preset, 0, 'group-argocd').groupName;
    },
  ),
  presetMutation(
    'window-no-schedule',
    'maintenance-window: branches only inside the window',
    window,
    (preset) => {
      delete preset.schedule;
    },
  ),
  presetMutation(
    'window-no-automerge-schedule',
    'maintenance-window: merges only inside the window',
    window,
    (preset) => {
      delete preset.automergeSchedule;
    },
  ),
  presetMutation(
    'window-merges-outside',
    'maintenance-window: nothing lands outside it (Renovate merges, not GitLab; branches wait)',
    window,
    (preset) => {
      delete preset.platformAutomerge;
      delete preset.updateNotScheduled;
    },
  ),
];

const compiler = 'src/policy/compile-policy.ts';

/** `renovate-gitops policy`: the CLI runs from src/, so an edit there needs no rebuild. */
const policyFileMutations: Mutation[] = [
  {
    id: 'policy-entries-reversed',
    breaks: 'per-application policy: where entries overlap, the later one wins',
    suites: ['test/policy-lookup.test.ts'],
    apply: (root) =>
      replaceOnce(
        root,
        compiler,
        'return { packageRules, apps, warnings, errors };',
        'return { packageRules: [...packageRules].reverse(), apps, warnings, errors };',
      ),
  },
  {
    id: 'policy-approve-major-false-ignored',
    breaks: 'per-application policy: approveMajor false sends majors to review',
    suites: ['test/policy-lookup.test.ts'],
    apply: (root) =>
      replaceOnce(
        root,
        compiler,
        "matchUpdateTypes: ['major'],\n          automerge: false,\n          dependencyDashboardApproval: app.approveMajor,",
        "matchUpdateTypes: ['major'],\n          automerge: false,\n          dependencyDashboardApproval: true,",
      ),
  },
  {
    id: 'policy-automerge-takes-zero-minors',
    breaks: "per-application policy: 0.x minors are approveMajor's, not automerge's",
    suites: ['test/policy-lookup.test.ts'],
    apply: (root) =>
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the anchor is source text
      replaceOnce(root, compiler, 'matchCurrentVersion: `!${zeroMajorVersion}`,', ''),
  },
];

const detection = 'presets/detection.json';

interface CustomManager {
  description?: string;
  matchStrings?: string[];
}

/** One mutation per custom manager of the detection preset, each removing it. */
function managerRemovals(root: string): Mutation[] {
  const preset = JSON.parse(readFileSync(path.join(root, detection), 'utf8')) as {
    customManagers?: CustomManager[];
  };
  return (preset.customManagers ?? []).map((manager, index) => ({
    id: `manager-${index}-removed`,
    breaks: `detection: ${(manager.description ?? `custom manager ${index}`).split(/[.:]\s/)[0]}`,
    suites: detectionSuites,
    apply: (copy) =>
      editJson(copy, detection, (json) => {
        at(json.customManagers, index, `${detection} customManagers`);
        (json.customManagers as unknown[]).splice(index, 1);
      }),
  }));
}

/**
 * One mutation per pattern of a merged manager, each removing it: a shape that no fixture
 * spells survives. Slower (one detection run per pattern), so behind `--each-pattern`.
 */
function patternRemovals(root: string): Mutation[] {
  const preset = JSON.parse(readFileSync(path.join(root, detection), 'utf8')) as {
    customManagers?: CustomManager[];
  };
  return (preset.customManagers ?? []).flatMap((manager, index) =>
    (manager.matchStrings ?? []).map(
      (pattern, patternIndex): Mutation => ({
        id: `manager-${index}-pattern-${patternIndex}-removed`,
        breaks: `detection: ${pattern.length > 60 ? `${pattern.slice(0, 60)}…` : pattern}`,
        suites: detectionSuites,
        apply: (copy) =>
          editJson(copy, detection, (json) => {
            const managers = json.customManagers as CustomManager[];
            const patterns = at<CustomManager>(managers, index, detection).matchStrings;
            at(patterns, patternIndex, `${detection} customManagers[${index}].matchStrings`);
            patterns?.splice(patternIndex, 1);
          }),
      }),
    ),
  );
}

/** The built-in managers the detection preset widens to more files. */
const widenedBuiltIns = ['argocd', 'helm-values', 'crossplane'].map(
  (manager): Mutation => ({
    id: `builtin-${manager}-not-widened`,
    breaks: `detection: Renovate's ${manager} manager reads the files where GitOps repositories keep them`,
    suites: detectionSuites,
    apply: (root) =>
      editJson(root, detection, (json) => {
        delete json[manager];
      }),
  }),
);

const harnessMutations: Mutation[] = [
  {
    id: 'world-answers-unknown',
    breaks:
      'a request the offline world cannot answer fails the test (it answers 200, records nothing)',
    suites: ['test/world-guard.test.ts'],
    apply: async (root) => {
      const file = 'src/world/offline-world.ts';
      await replaceOnce(
        root,
        file,
        'unanswered.push({ method: request.method, url: completed.url, status: 599 });',
        '',
      );
      await replaceOnce(root, file, 'statusCode: 599,', 'statusCode: 200,');
    },
  },
  {
    id: 'world-unknown-package-answered',
    breaks: "a registry's 'no such package' counts as unanswered",
    suites: ['test/world-guard.test.ts'],
    apply: (root) =>
      replaceOnce(
        root,
        'src/world/offline-world.ts',
        '(response.unknownToWorld ? unanswered : answered).push(',
        'answered.push(',
      ),
  },
  {
    id: 're2-ignored',
    breaks: 'Renovate matches with RE2 (RENOVATE_X_IGNORE_RE2 set: RegExp, no warning)',
    suites: detectionSuites,
    apply: (root) =>
      replaceOnce(
        root,
        'src/renovate/run-renovate.ts',
        "LOG_FORMAT: 'json',",
        "LOG_FORMAT: 'json',\n    RENOVATE_X_IGNORE_RE2: 'true',",
      ),
  },
  {
    id: 'writer-not-atomic',
    breaks: 'a generated file is written whole or not at all (written in place)',
    suites: ['test/atomic-build.test.ts'],
    apply: (root) =>
      replaceOnce(
        root,
        'src/build/write-files-atomically.ts',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: the anchor is source text
        'temp: `${target}.${tag}.tmp`',
        'temp: target',
      ),
  },
  {
    id: 'writer-no-rollback',
    breaks: 'a failed write puts the previous files back',
    suites: ['test/atomic-build.test.ts'],
    apply: (root) =>
      replaceOnce(
        root,
        'src/build/write-files-atomically.ts',
        'for (const entry of replaced.reverse()) {',
        'for (const entry of replaced.reverse().slice(replaced.length)) {',
      ),
  },
];

/** Every mutation, read against the project at `root` (the manager list comes from its preset). */
export function catalogue(root: string, options: { eachPattern?: boolean } = {}): Mutation[] {
  return [
    ...policyMutations,
    ...policyFileMutations,
    ...managerRemovals(root),
    ...(options.eachPattern ? patternRemovals(root) : []),
    ...widenedBuiltIns,
    ...harnessMutations,
  ];
}
