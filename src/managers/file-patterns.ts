import { segmentOtherThan, stemNotStartingWith } from '../regex/paths.ts';

/**
 * File patterns shared by presets and managers, defined once so that the files one manager
 * reads and the files another must leave alone cannot drift apart. Globs are matched by
 * Renovate with minimatch (`dot`, `nocase`); a glob starting with `!` matches every file the
 * rest does not, which is how "all YAML but ..." is written without RE2 lookahead.
 */

/** The stems of Helm values files, whatever the environment suffix: `values`, `values-prod`, `prod-values`. */
const valuesStems = ['values', 'values[-.]*', '*[-.]values'];

/** The stems of the files Renovate's kustomize and helmv3 managers read (their default patterns). */
const kustomizeAndChartStems = ['kustomization', 'Chart'];

/** Helm values files, whatever the environment suffix: `values.yaml`, `values-prod.yaml`, `prod-values.yaml`. */
export const valuesFiles = `**/{${valuesStems.join(',')}}.{yaml,yml}`;

/** Every YAML file that is not a Helm values file (minimatch extglob). */
export const yamlOtherThanValues = `**/!(${valuesStems.join('|')}).{yaml,yml}`;

/** CI definitions, read by Renovate's gitlabci and github-actions managers. */
const ciFiles = [
  '**/.gitlab-ci.{yaml,yml}',
  '**/*.gitlab-ci.{yaml,yml}',
  '**/.github/workflows/**',
];

/** Every YAML file that is neither a Helm values file nor a CI definition. */
export const yamlOtherThanValuesAndCi = `!{**/!(*.yaml|*.yml),${[...valuesStems.map((stem) => `**/${stem}.{yaml,yml}`), ...ciFiles].join(',')}}`;

/**
 * YAML files inside a Helm chart's `templates/` folder (at any depth), values files excepted.
 * They are Go templates: a `{{- if }}` around a document makes Renovate's YAML-parsing managers
 * drop the whole file, so regex managers read them instead.
 */
export const chartTemplates = `**/templates/**/!(${valuesStems.join('|')}).{yaml,yml}`;

/**
 * Every YAML file that is neither a values file nor inside a `templates/` folder: where a
 * YAML-parsing manager (crossplane) can read a manifest. With `chartTemplates` it splits
 * `yamlOtherThanValues` in two, so no file is read by both.
 */
export const yamlOutsideChartTemplatesAndValues = `!{**/templates/**,**/!(*.yaml|*.yml),${valuesStems.map((stem) => `**/${stem}.{yaml,yml}`).join(',')}}`;

/** `kustomization.yaml` and `Chart.yaml`, where Renovate's kustomize and helmv3 managers read list items. */
export const kustomizeAndChartFiles = `**/{${kustomizeAndChartStems.join(',')}}.{yaml,yml}`;

/** Every YAML file that is not a values file, a `kustomization.yaml` or a `Chart.yaml`. */
export const yamlOtherThanValuesKustomizeAndCharts = `**/!(${[...valuesStems, ...kustomizeAndChartStems].join('|')}).{yaml,yml}`;

/**
 * YAML files outside any `templates/` folder and not named `values*`: where an ApplicationSet
 * can be parsed as YAML. Helm chart templates never parse (so a YAML-parsing manager only pays
 * for failing on them), and values files are parsed by helm-values already.
 */
export const yamlOutsideTemplatesAndValues = `/^(?:${segmentOtherThan('templates')}/)*${stemNotStartingWith('values')}\\.ya?ml$/`;

/**
 * YAML files outside any `templates/` folder whose name starts with `values`: with
 * `yamlOutsideTemplatesAndValues` it makes up every YAML file a YAML-parsing manager of ours
 * can read, in two disjoint classes.
 */
export const valuesOutsideTemplates = `/^(?:${segmentOtherThan('templates')}/)*values[^/]*\\.ya?ml$/`;

/** Every pattern in one `!{...}` glob: the files that match none of them. */
function noneOf(patterns: readonly string[]): string {
  return `!{${patterns.join(',')}}`;
}

const notYaml = '**/!(*.yaml|*.yml)';
const stemGlobs = (stems: readonly string[]) => stems.map((stem) => `**/${stem}.{yaml,yml}`);
const ciYaml = [
  '**/.gitlab-ci.{yaml,yml}',
  '**/*.gitlab-ci.{yaml,yml}',
  '**/.github/workflows/**/*.{yaml,yml}',
];

/**
 * The four disjoint classes of YAML files our regex managers read: each regex manager lists
 * the classes it reads, so the preset can give Renovate one manager per class holding every
 * pattern of that class (Renovate reads a file again and compiles every pattern again for
 * each manager). A CI definition is one whatever its name, so the classes are written as "none
 * of the others", which minimatch can say and RE2 could not.
 */
export const fileClasses = {
  /** `.gitlab-ci.yml`, `*.gitlab-ci.yml`, GitHub workflows: read by gitlabci and github-actions. */
  ciDefinitions: `{${ciYaml.join(',')}}`,
  /** Helm values files, whatever the environment suffix. */
  values: noneOf([notYaml, yamlOtherThanValues, ...ciYaml]),
  /** `kustomization.yaml` and `Chart.yaml`, where kustomize and helmv3 read list items. */
  kustomizeAndCharts: noneOf([
    notYaml,
    `**/!(${kustomizeAndChartStems.join('|')}).{yaml,yml}`,
    ...ciYaml,
  ]),
  /** Every other YAML file: manifests, Applications, chart templates. */
  otherYaml: noneOf([
    notYaml,
    ...stemGlobs(valuesStems),
    ...stemGlobs(kustomizeAndChartStems),
    ...ciYaml,
  ]),
} as const;

export type FileClass = keyof typeof fileClasses;

/** The file patterns of a manager that reads the given classes. */
export function readingClasses(...classes: FileClass[]): string[] {
  return classes.map((name) => fileClasses[name]);
}

/** The class a file pattern names, if it is one of the four. */
export function fileClassOf(pattern: string): FileClass | undefined {
  return (Object.keys(fileClasses) as FileClass[]).find((name) => fileClasses[name] === pattern);
}
