import type { JsonataManager } from './application-set-generators.ts';
import { valuesOutsideTemplates, yamlOutsideTemplatesAndValues } from './file-patterns.ts';
import { neverEmpty } from './jsonata-query.ts';

/** Keys that name a chart, its repository and its version in add-on registries, by convention. */
const nameKeys = ['chartName', 'chart', 'helmChart'];
const repositoryKeys = [
  'chartRepository',
  'chartRepo',
  'chartRepoURL',
  'chartRepositoryURL',
  'chartRepositoryUrl',
  'helmRepository',
  'helmRepo',
  'repoURL',
  'repository',
  'repo',
];
const versionKeys = [
  'defaultVersion',
  'chartVersion',
  'helmChartVersion',
  'version',
  'targetRevision',
];

const list = (keys: readonly string[]) => `[${keys.map((key) => `'${key}'`).join(', ')}]`;

/**
 * Add-on registries: a map per add-on with a chart name, its repository and a version under
 * keys of any of the usual names (`chartName` + `chartRepository` + `defaultVersion`,
 * `chart` + `repository` + `chartVersion`, ...), at any depth and in any order, which a chart
 * template or an ApplicationSet turns into Applications. The keys sit together, so one parsed
 * file is enough to read them.
 *
 * Left to other managers, so each pin is found once: Application and ApplicationSet documents
 * (argocd), the `chart` + `repoURL` + `targetRevision` trio of App-of-Apps values
 * (`appOfAppsValues`), and entries keyed `name` (kustomize `helmCharts`, `Chart.yaml`
 * dependencies). A repository without a scheme (`public.ecr.aws`) is left out: how a template
 * composes it with the chart name is the template's to say (`renovate-gitops annotate` reads
 * it). Renovate validates `matchStrings` as Handlebars templates: two braces are written `\{\{`.
 */
const query = `(
  $nameKeys := ${list(nameKeys)};
  $repositoryKeys := ${list(repositoryKeys)};
  $versionKeys := ${list(versionKeys)};
  $keyIn := function($object, $keys) { $keys[$exists($lookup($object, $))][0] };
  $documents := $$[$not(kind in ['Application', 'ApplicationSet'])];
  [$documents.**[$type($) = 'object'].(
    $entry := $;
    $nameKey := $keyIn($entry, $nameKeys);
    $repositoryKey := $keyIn($entry, $repositoryKeys);
    $versionKey := $keyIn($entry, $versionKeys);
    $argoTrio := $nameKey = 'chart' and $repositoryKey = 'repoURL' and $versionKey = 'targetRevision';
    $name := $nameKey ? $lookup($entry, $nameKey);
    $repository := $repositoryKey ? $lookup($entry, $repositoryKey);
    $version := $versionKey ? $string($lookup($entry, $versionKey));
    ($not($argoTrio) and $type($name) = 'string' and $type($repository) = 'string'
      and $exists($version) and $match($version, /^v?[0-9][0-9A-Za-z._+-]*$/)
      and $not($contains($name & $repository, /\\{\\{/)))
      ? (
        $contains($repository, /^https?:\\/\\//)
          ? { 'depName': $name, 'currentValue': $version, 'registryUrl': $repository, 'datasource': 'helm' }
          : $contains($repository, /^oci:\\/\\//)
            ? {
                'depName': $replace($replace($repository, 'oci://', ''), /\\/$/, '') & '/' & $name,
                'currentValue': $version,
                'datasource': 'docker'
              }
      )
  )]
)`;

export const chartRegistryEntries: JsonataManager = {
  customType: 'jsonata',
  description:
    'Add-on registries in values or plain YAML: chart name, repository and version kept together in one map under the usual key names, any order: Helm and OCI charts.',
  fileFormat: 'yaml',
  // Every YAML file outside a chart's `templates/` (Go templates never parse as YAML).
  managerFilePatterns: [yamlOutsideTemplatesAndValues, valuesOutsideTemplates],
  matchStrings: [neverEmpty(query)],
};
