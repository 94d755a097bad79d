import { renovateSchemaUrl } from '../build/serialize-preset.ts';

/** The cluster repository's merge request checks, which `init`'s CI file includes. */
export const clusterRepoTemplatePath = '/templates/cluster-repo.gitlab-ci.yml';

export interface StarterOptions {
  /** The GitLab project that hosts renovate-config-gitops, e.g. `platform/renovate-config-gitops`. */
  project: string;
  /** The tag (or branch) of it the CI include pins. */
  ref: string;
  /** metadata.name of the Applications found in the repository, for the starter's comments. */
  applications: readonly string[];
}

/**
 * renovate.json: the default preset, read with `local>` through the API of the GitLab that runs
 * Renovate (the runner template's onboarding does the same), which works on GitLab.com and on a
 * self-managed instance alike.
 */
export function starterRenovateJson(options: StarterOptions): string {
  const config = { $schema: renovateSchemaUrl, extends: [`local>${options.project}`] };
  return `${JSON.stringify(config, null, 2)}\n`;
}

/** A policy file that changes nothing yet and explains itself, with this repository's app names. */
export function starterPolicyFile(options: StarterOptions): string {
  const example = options.applications[0] ?? 'my-app';
  const known =
    options.applications.length > 0
      ? `// Applications in this repository: ${options.applications.join(', ')}.\n`
      : '// No Argo CD Application was found in this repository yet.\n';
  return `// Per-application update policy: which applications and which update types merge by
// themselves, which wait for approval. \`renovate-gitops policy\` turns this file into
// packageRules in renovate.json; run it after every change (\`renovate-gitops policy --check\`
// in CI tells when that was forgotten). Applications not listed follow the preset: minor and
// patch updates merge once the pipeline passes, majors wait for approval on the Dependency
// Dashboard.
//
// Each entry names its app by one (or, except application with chart/path, several) of
//   application   metadata.name of an Argo CD Application or ApplicationSet in this repository
//   chart         a Helm chart name          path   a file glob, e.g. "clusters/prod/**"
//   datasource    a Renovate datasource, e.g. "docker"
// and sets any of
//   automerge     "none" | "patch" | "minor"  which updates merge by themselves
//   approveMajor  true | false                 majors (and 0.x minors) wait for approval, or open an MR
//   schedule      ["* 6-9 * * 1-4"]           when its updates are created and merged
//   labels        ["team-a"]                  reviewers  ["alice"]
// Where entries overlap, the later one wins.
${known}{
  apps: [
    // { application: "${example}", automerge: "patch", approveMajor: true },
    // { datasource: "docker", labels: ["image"] },
  ],
}
`;
}

/** The GitLab CI include of the cluster repository's merge request checks. */
export function starterGitlabCi(options: StarterOptions): string {
  return `# Checks on every merge request, Renovate's included: the Renovate config is valid and up to
# date with renovate-gitops.json5, no \`# renovate:\` annotation is missing or stale, and the pins
# Renovate sees (an artifact). Renovate itself runs in a runner project, whose filter must
# include this repository: docs/gitlab.md in ${options.project}.
include:
  - project: ${options.project}
    ref: ${options.ref}
    file: ${clusterRepoTemplatePath}

variables:
  # Where the checks install renovate-gitops from: the package registry of the project above,
  # which must let this repository's job token read it (its Settings > CI/CD > Job token
  # permissions), unless it is public.
  RENOVATE_GITOPS_PROJECT: ${options.project}
`;
}
