import { imageNameChars } from '../regex/values.ts';
import { type ChartSource, chartSources } from './application-sources.ts';
import {
  type Origin,
  type Piece,
  piecesOf,
  Text,
  textOf,
  unknownMark,
  type Value,
  versionLike,
} from './located-values.ts';
import type { PinCollector, ResolvedPin } from './pin-collector.ts';
import { tagOnlyImages } from './tag-only-overrides.ts';

/**
 * Reads pins out of documents as a template (or a plain file) makes them: chart sources of
 * Applications and ApplicationSets, images and Crossplane packages, tag-only image overrides.
 */

/** The one value copied verbatim into a field, when the field is exactly that value. */
export function soleOrigin(value: Value): { origin: Origin; text: string } | undefined {
  const pieces = piecesOf(value).filter((piece) => piece.text !== '');
  const [only] = pieces;
  if (pieces.length !== 1 || !only?.origin) return undefined;
  return { origin: only.origin, text: only.text };
}

export function known(value: Value): string | undefined {
  const text = textOf(value).trim();
  return text && !text.includes(unknownMark) && !text.includes('{{') ? text : undefined;
}

/** Renovate's reading of a chart source (as its argocd manager does): helm for https, docker for OCI. */
function chartIdentity(
  repoURL: string,
  chart: string,
): Pick<ResolvedPin, 'datasource' | 'depName' | 'registryUrl'> {
  if (/^https?:\/\//.test(repoURL))
    return { datasource: 'helm', depName: chart, registryUrl: repoURL.replace(/\/$/, '') };
  const registry = repoURL.replace(/^oci:\/\//, '').replace(/\/$/, '');
  return { datasource: 'docker', depName: `${registry}/${chart}` };
}

/** Tag-only image overrides in the Helm values a chart source gives its chart. */
function collectSourceOverrides(source: ChartSource, where: string, pins: PinCollector): void {
  const chart = known(source.chart);
  if (!chart) return;
  const repoURL = known(source.repoURL);
  const version = known(source.targetRevision);
  const ref =
    repoURL && version && versionLike.test(version)
      ? {
          repoURL: /^https?:\/\//.test(repoURL)
            ? repoURL
            : `oci://${repoURL.replace(/^oci:\/\//, '')}`,
          chart,
          version,
        }
      : {
          reason: `${source.via} does not write the repoURL and version of chart ${chart} in this repository`,
        };
  for (const values of source.helmValues) {
    for (const image of tagOnlyImages(values))
      pins.override({
        ...image,
        chart: ref,
        where: `${where}: ${source.via} gives chart ${chart}`,
      });
  }
}

export function collectChartSource(source: ChartSource, where: string, pins: PinCollector): void {
  collectSourceOverrides(source, where, pins);
  const version = soleOrigin(source.targetRevision);
  if (!version || !versionLike.test(version.text)) return;
  const chart = known(source.chart);
  const repoURL = known(source.repoURL);
  if (!chart) return; // a git source: its revision is a path's, not a chart's
  if (!repoURL) {
    pins.miss(
      version.origin,
      version.text,
      `${where} reads it as the version of chart ${chart}, but its repoURL is not written in this repository`,
    );
    return;
  }
  pins.add({
    file: version.origin.file,
    line: version.origin.line,
    currentValue: version.text,
    ...chartIdentity(repoURL, chart),
    because: `${where}: ${source.via} reads it as targetRevision of chart ${chart} from ${repoURL}`,
  });
}

/** An image name as the preset's image managers read one (registry, port and path). */
const imageName = new RegExp(`^${imageNameChars}$`);

/** `ref:tag` built from pieces, where the tag is one value written elsewhere. */
function collectImageString(value: Value, key: string, where: string, pins: PinCollector): void {
  const pieces = piecesOf(value).filter((piece) => piece.text !== '');
  const last = pieces.at(-1);
  if (!last?.origin || pieces.length < 2) return;
  const prefix = pieces
    .slice(0, -1)
    .map((piece: Piece) => piece.text)
    .join('');
  if (!prefix.endsWith(':') || !versionLike.test(last.text)) return;
  const ref = prefix.slice(0, -1);
  if (ref.includes(unknownMark) || ref.includes('{{') || !imageName.test(ref)) {
    pins.miss(
      last.origin,
      last.text,
      `${where} reads it as the tag of ${key} \`${prefix}\`, whose name is not written in this repository`,
    );
    return;
  }
  pins.add({
    file: last.origin.file,
    line: last.origin.line,
    currentValue: last.text,
    datasource: 'docker',
    depName: ref,
    because: `${where} reads it as the tag of ${key} ${ref}`,
  });
}

function collectImageMap(map: Map<string, Value>, where: string, pins: PinCollector): void {
  const tag = soleOrigin(map.get('tag') ?? undefined);
  const repository = known(map.get('repository'));
  if (!tag || !versionLike.test(tag.text) || !repository) return;
  if (!(map.get('tag') instanceof Text)) return; // a literal: the values file's own image map
  const registry = known(map.get('registry'));
  pins.add({
    file: tag.origin.file,
    line: tag.origin.line,
    currentValue: tag.text,
    datasource: 'docker',
    depName: registry ? `${registry}/${repository}` : repository,
    because: `${where} reads it as the tag of image ${repository}`,
  });
}

/** Images and Crossplane packages whose tag a template reads from a value written elsewhere. */
function collectImages(value: Value, where: string, pins: PinCollector, depth = 0): void {
  if (depth > 64) return;
  if (value instanceof Map) {
    for (const [key, item] of value) {
      if ((key === 'image' || key === 'package') && item instanceof Text)
        collectImageString(item, key, where, pins);
      else if (/image$/i.test(key) && item instanceof Map) collectImageMap(item, where, pins);
      collectImages(item, where, pins, depth + 1);
    }
  } else if (Array.isArray(value)) {
    for (const item of value) collectImages(item, where, pins, depth + 1);
  }
}

export function collectDocument(document: Value, where: string, pins: PinCollector): void {
  for (const source of chartSources(document)) collectChartSource(source, where, pins);
  collectImages(document, where, pins);
}
