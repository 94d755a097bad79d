import type { CustomManager } from 'renovate/dist/modules/manager/custom/types.js';
import { yamlOutsideTemplatesAndValues } from './file-patterns.ts';
import { neverEmpty } from './jsonata-query.ts';

/**
 * A JSONata custom manager as we publish it: always with a description.
 */
export interface JsonataManager extends CustomManager {
  customType: 'jsonata';
  description: string;
  fileFormat: 'yaml';
  managerFilePatterns: string[];
  matchStrings: string[];
}

/**
 * Chart versions (and git tags) that ApplicationSet generators feed into the template:
 * list `elements`, cluster generator `values`, nested in `merge`/`matrix` generators.
 *
 * Instead of guessing key names (`version`, `addonChartVersion`, ...) the query renders the
 * template the way the ApplicationSet controller does: for each parameter set a generator
 * produces, the template's `chart`, `repoURL` and `targetRevision` placeholders are filled
 * in, and a pin is reported where a generator itself writes the value `targetRevision` reads.
 * A `merge`/`matrix` child that only overrides the version inherits chart and repoURL from
 * the first child, as the controller merges them. JSONata sees the parsed YAML, so key order
 * and formatting do not matter; files that do not parse (Helm-templated ones) are skipped.
 * Values files are left out: no ApplicationSet lives there, and parsing a large values file
 * twice (helm-values reads it too) is where extract time goes.
 * The query rejects early, since it runs on every YAML file: an ApplicationSet whose sources
 * read no placeholder in `targetRevision` generates nothing, and a parameter set whose own
 * value there is no version is dropped before parameter sets are merged and the template is
 * rendered (rendering every element of a large list first was most of the query's cost).
 * Renovate validates `matchStrings` as Handlebars templates, so the query never spells two
 * braces unescaped in a row: the query writes them as `\{\{`.
 */
const query = `(
  $placeholder := /\\{\\{-?\\s*\\.?([A-Za-z0-9_.]+)\\s*-?\\}\\}/;
  $keyOf := function($template) {
    $type($template) = 'string' ? $match($template, /^\\s*\\{\\{-?\\s*\\.?([A-Za-z0-9_.]+)\\s*-?\\}\\}\\s*$/).groups[0]
  };
  $get := function($params, $path) {
    $reduce($split($path, '.'), function($acc, $key) { $type($acc) = 'object' ? $lookup($acc, $key) }, $params)
  };
  $render := function($template, $params) {
    $type($template) = 'string'
      ? $replace($template, $placeholder, function($m) {
          ($value := $get($params, $m.groups[0]); $exists($value) ? $string($value) : $m.match)
        })
  };
  $deepMerge := function($a, $b) {
    $merge([$a, $b, { 'values': $merge([$a.values, $b.values]) }])
  };
  $sets := function($generator, $base) {
    $generator.list ? [$generator.list.elements.{ 'own': $, 'base': $base }]
    : $generator.clusters ? [{ 'own': { 'values': $generator.clusters.values }, 'base': $base }]
    : ($generator.merge or $generator.matrix) ? (
        $children := ($generator.merge ? $generator.merge.generators : $generator.matrix.generators);
        $firstSet := $sets($children[0], $base)[0];
        $first := $deepMerge($firstSet.base, $firstSet.own);
        $reduce(
          $map($children, function($child, $index) {
            $sets($child, $index = 0 ? $base : $deepMerge($base, $first))
          }),
          function($all, $childSets) { $append($all, $childSets) },
          []
        )
      )
    : []
  };
  $appset := $$[kind = 'ApplicationSet'];
  $pins := $appset.(
    $spec := spec;
    $keyed := [$spec.template.spec.source, $spec.template.spec.sources][$keyOf(targetRevision)];
    $keyed ? $spec.generators.(
      $sets($, {}).(
        $set := $;
        $keyed.(
          $version := $get($set.own, $keyOf(targetRevision));
          ($exists($version) and $match($string($version), /^v?[0-9]/)) ? (
            $all := $deepMerge($set.base, $set.own);
            {
              'currentValue': $string($version),
              'chart': $render(chart, $all),
              'repo': $render(repoURL, $all)
            }
          )
        )
      )
    )
  );
  [$pins[
    $match(currentValue, /^v?[0-9]/) and $not($exists(chart) and $contains(chart, /\\{\\{/)) and $exists(repo) and $not($contains(repo, /\\{\\{/))
  ].(
    $oci := $exists(chart) and ($contains(repo, 'oci://') or $not($contains(repo, '://')));
    $host := $replace(repo, 'oci://', '');
    $registry := $substring($host, -1) = '/' ? $substring($host, 0, $length($host) - 1) : $host;
    $exists(chart) and $not($oci)
      ? { 'depName': chart, 'currentValue': currentValue, 'registryUrl': repo, 'datasource': 'helm' }
      : $oci
        ? { 'depName': $registry & '/' & chart, 'currentValue': currentValue, 'datasource': 'docker' }
        : { 'depName': repo, 'currentValue': currentValue, 'datasource': 'git-tags' }
  )]
)`;

export const applicationSetGenerators: JsonataManager = {
  customType: 'jsonata',
  description:
    'ApplicationSet generators (list elements, cluster values, merge/matrix) that feed chart versions or git tags into the template: Helm, OCI and git.',
  fileFormat: 'yaml',
  managerFilePatterns: [yamlOutsideTemplatesAndValues],
  matchStrings: [neverEmpty(query)],
};
