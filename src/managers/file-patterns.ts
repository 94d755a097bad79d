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
