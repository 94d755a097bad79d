import { type Chart, environments, type Image, teams } from '../catalog.ts';
import type { Random } from '../random.ts';

/** The catalog entry for the n-th app: every entry is used evenly, whatever N is. */
export function cycle<T>(items: readonly T[], index: number): T {
  const item = items[index % items.length];
  if (item === undefined) throw new Error('cycle over an empty catalog');
  return item;
}

export interface AppIdentity {
  name: string;
  team: string;
  environment: string;
  namespace: string;
}

/** A unique, realistic application name: `payments-redis-0042`. */
export function appIdentity(index: number, base: string, random: Random): AppIdentity {
  const team = random.pick(teams);
  const environment = random.pick(environments);
  const name = `${team}-${base}-${String(index).padStart(4, '0')}`;
  return { name, team, environment, namespace: `${team}-${base}` };
}

/** A chart's repository as Argo CD's `repoURL` writes it. */
export function chartSource(chart: Chart, random: Random): string[] {
  return [
    `repoURL: ${chart.repoURL}`,
    `chart: ${chart.name}`,
    `targetRevision: ${random.pick(chart.versions)}`,
  ];
}

/** The key that holds an image object in a chart's values: `image`, `prometheusImage`, ... */
export function imageKey(chart: Chart): string {
  return chart.imageKey ?? 'image';
}

/**
 * An image object as Helm values write it (`registry`, `repository`, `tag`), indented by
 * `indent` spaces; tags are quoted now and then, as people write them.
 */
export function imageObject(key: string, image: Image, indent: number, random: Random): string[] {
  const pad = ' '.repeat(indent);
  const tag = random.pick(image.tags);
  const quoted = random.chance(0.3) ? `"${tag}"` : tag;
  return [
    `${pad}${key}:`,
    ...(image.registry ? [`${pad}  registry: ${image.registry}`] : []),
    `${pad}  repository: ${image.repository}`,
    `${pad}  tag: ${quoted}`,
    `${pad}  pullPolicy: IfNotPresent`,
  ];
}

/** `name:tag` as a container spec writes it, registry included. */
export function imageReference(image: Image, random: Random): string {
  const repository = image.registry ? `${image.registry}/${image.repository}` : image.repository;
  return `${repository}:${random.pick(image.tags)}`;
}

export function yamlLines(lines: readonly string[]): string {
  return `${lines.join('\n')}\n`;
}

/** Indents every line of a block by `indent` spaces. */
export function indented(lines: readonly string[], indent: number): string[] {
  const pad = ' '.repeat(indent);
  return lines.map((line) => (line ? `${pad}${line}` : line));
}
