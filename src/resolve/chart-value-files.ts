import path from 'node:path';
import { sourcesOf } from './application-sources.ts';
import { lookupPath, textOf, type Value } from './located-values.ts';

/** A path written with placeholders (`{{ .metadata.x }}charts/y`) as a pattern over repository paths. */
function pathPattern(written: string): RegExp {
  const parts = written.split(/\{\{[^}]*\}\}/);
  const body = parts
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^\\u0000]*?');
  return new RegExp(`(^|/)${body.replace(/^\/+/, '')}$`);
}

/** Where a `valueFiles` entry points: `$ref/` paths from the repository root, others from the chart. */
function valueFileTarget(chartDir: string, written: string): string {
  if (/^\$[A-Za-z0-9_-]+\//.test(written)) return written.replace(/^\$[A-Za-z0-9_-]+\//, '');
  return written.includes('{{')
    ? normalizeTemplatedPath(`${chartDir}/${written}`)
    : path.posix.normalize(`${chartDir}/${written}`);
}

/**
 * `path.posix.normalize` for a path with placeholders (`charts/x/../../envs/{{cluster}}/x.yaml`):
 * `.` and `..` are resolved segment by segment, so the placeholder still matches one folder of
 * the repository. A `..` right after a placeholder stays: the placeholder may stand for several
 * folders, so what it climbs out of is not known.
 */
function normalizeTemplatedPath(written: string): string {
  const segments: string[] = [];
  for (const segment of written.split('/')) {
    if (segment === '' || segment === '.') continue;
    const last = segments.at(-1);
    if (segment === '..' && last !== undefined && last !== '..' && !/[{}]/.test(last)) {
      segments.pop();
    } else {
      segments.push(segment);
    }
  }
  return segments.join('/');
}

/** The sources of an Application, and of an ApplicationSet's template. */
function documentSources(document: Value): Value[] {
  const spec = lookupPath(document, ['spec']);
  return [...sourcesOf(spec), ...sourcesOf(lookupPath(spec, ['template', 'spec']))];
}

/**
 * Paths looked up by a written path (`charts/x`, `envs/{{ .cluster }}/x.yaml`) the way
 * `pathPattern` matches them, without testing every path: a match starts at a segment of the
 * path (`(^|/)`) with the written path's first literal part, so only the paths with a segment
 * suffix that starts with it are tested. Every source of every Application against every chart
 * folder and file grew with the product of the two.
 */
export class PathIndex {
  readonly #paths: readonly string[];
  readonly #known: ReadonlySet<string>;
  /** Each path's suffixes from each segment on, sorted, with the path's position. */
  readonly #suffixes: { suffix: string; index: number }[] = [];

  constructor(paths: readonly string[]) {
    this.#paths = paths;
    this.#known = new Set(paths);
    paths.forEach((file, index) => {
      this.#suffixes.push({ suffix: file, index });
      for (let slash = file.indexOf('/'); slash >= 0; slash = file.indexOf('/', slash + 1))
        this.#suffixes.push({ suffix: file.slice(slash + 1), index });
    });
    this.#suffixes.sort((a, b) => (a.suffix < b.suffix ? -1 : a.suffix > b.suffix ? 1 : 0));
  }

  /** A written path without placeholders names itself; with them, every path they can match. */
  named(written: string): string[] {
    if (written.includes('{{')) return this.matching(written);
    return this.#known.has(written) ? [written] : [];
  }

  /** The paths `pathPattern(written)` matches, in the order they were given. */
  matching(written: string): string[] {
    const pattern = pathPattern(written);
    const head = (written.split(/\{\{[^}]*\}\}/)[0] ?? '').replace(/^\/+/, '');
    const candidates = head ? this.#startingWith(head) : this.#paths.map((_, index) => index);
    return [...new Set(candidates)]
      .sort((a, b) => a - b)
      .map((index) => this.#paths[index] as string)
      .filter((file) => pattern.test(file));
  }

  #startingWith(head: string): number[] {
    let low = 0;
    let high = this.#suffixes.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.#suffixes[middle]?.suffix ?? '') < head) low = middle + 1;
      else high = middle;
    }
    const found: number[] = [];
    for (let at = low; at < this.#suffixes.length; at++) {
      const entry = this.#suffixes[at];
      if (!entry?.suffix.startsWith(head)) break;
      found.push(entry.index);
    }
    return found;
  }
}

/** What a round of `linkedValueFiles` looks paths up in: the chart folders and the files. */
export interface RepositoryPaths {
  chartDirs: PathIndex;
  files: PathIndex;
}

export function repositoryPaths(
  chartDirs: readonly string[],
  files: readonly string[],
): RepositoryPaths {
  return { chartDirs: new PathIndex(chartDirs), files: new PathIndex(files) };
}

/**
 * The values files that Applications and ApplicationSets (written in files, or rendered by an
 * App-of-Apps chart) give the charts of this repository: a source whose `path` is a chart's
 * folder (placeholders match any text) and its `helm.valueFiles`. One pass over the
 * documents; each path is looked up in the index, not matched against every folder and file.
 */
export function linkedValueFiles(
  paths: RepositoryPaths,
  documents: readonly Value[],
): Map<string, string[]> {
  const linked = new Map<string, Set<string>>();
  for (const document of documents) {
    for (const source of documentSources(document)) {
      const sourcePath = textOf(lookupPath(source, ['path'])).replace(/\/+$/, '');
      const valueFiles = lookupPath(source, ['helm', 'valueFiles']);
      if (!sourcePath || !Array.isArray(valueFiles)) continue;
      for (const chartDir of paths.chartDirs.matching(sourcePath)) {
        const given = linked.get(chartDir) ?? new Set<string>();
        for (const written of valueFiles.map(textOf)) {
          for (const file of paths.files.named(valueFileTarget(chartDir, written))) {
            if (file !== `${chartDir}/values.yaml`) given.add(file);
          }
        }
        linked.set(chartDir, given);
      }
    }
  }
  return new Map([...linked].map(([dir, set]) => [dir, [...set].sort()]));
}
