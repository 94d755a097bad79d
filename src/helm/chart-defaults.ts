import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse } from 'yaml';
import { DownloadError, httpsGet, type NetworkEnv } from './https-get.ts';
import { readTar } from './tar-archive.ts';

/** A chart at one version, where Helm would fetch it from. */
export interface ChartRef {
  repoURL: string;
  chart: string;
  version: string;
}

/** The chart's own `values.yaml` text, or why it could not be had. */
export type ChartValues = { text: string; source: string } | { reason: string };

interface HelmIndex {
  entries?: Record<string, { version?: string; urls?: string[] }[]>;
}

/** Where fetched charts are kept between runs (Helm keeps its own in a cache folder too). */
export function defaultChartCacheDir(env: NetworkEnv = process.env): string {
  return path.join(
    env.XDG_CACHE_HOME ?? path.join(homedir(), '.cache'),
    'renovate-gitops',
    'charts',
  );
}

/**
 * Reads a chart's default `values.yaml` at a pinned version the way Helm fetches the chart:
 * the repository's `index.yaml`, then the archive it lists. Archives are cached on disk by
 * URL; a failed fetch is reported, never guessed around. OCI charts are not fetched: their
 * defaults are reported unresolved.
 */
export class ChartDefaults {
  private readonly env: NetworkEnv;
  private readonly cacheDir: string;
  private readonly indexes = new Map<string, Promise<HelmIndex>>();
  private readonly results = new Map<string, Promise<ChartValues>>();

  constructor(env: NetworkEnv, cacheDir: string) {
    this.env = env;
    this.cacheDir = cacheDir;
  }

  values(ref: ChartRef): Promise<ChartValues> {
    const key = `${ref.repoURL} ${ref.chart} ${ref.version}`;
    let result = this.results.get(key);
    if (!result) {
      result = this.fetchValues(ref).catch((err: unknown) => ({
        reason:
          err instanceof DownloadError || err instanceof SyntaxError
            ? err.message
            : `cannot read chart ${ref.chart} ${ref.version}: ${(err as Error).message}`,
      }));
      this.results.set(key, result);
    }
    return result;
  }

  private index(repoURL: string): Promise<HelmIndex> {
    let index = this.indexes.get(repoURL);
    if (!index) {
      index = httpsGet(`${repoURL.replace(/\/$/, '')}/index.yaml`, this.env).then(
        (body) => parse(body.toString('utf8')) as HelmIndex,
      );
      this.indexes.set(repoURL, index);
    }
    return index;
  }

  private async archive(url: string): Promise<Buffer> {
    const file = path.join(this.cacheDir, `${createHash('sha256').update(url).digest('hex')}.tgz`);
    const cached = await readFile(file).catch(() => undefined);
    if (cached) return cached;
    const body = await httpsGet(url, this.env);
    await mkdir(this.cacheDir, { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    await writeFile(temp, body);
    await rename(temp, file);
    return body;
  }

  private async fetchValues(ref: ChartRef): Promise<ChartValues> {
    if (!/^https:\/\//.test(ref.repoURL)) {
      return {
        reason: `chart ${ref.chart} is in an OCI registry (${ref.repoURL}): its default values are not fetched`,
      };
    }
    const entries = (await this.index(ref.repoURL)).entries?.[ref.chart] ?? [];
    const entry = entries.find((candidate) => candidate.version === ref.version);
    const [address] = entry?.urls ?? [];
    if (!address)
      return { reason: `chart ${ref.chart} ${ref.version} is not in ${ref.repoURL}/index.yaml` };
    const url = new URL(address, `${ref.repoURL.replace(/\/$/, '')}/`).toString();
    const files = readTar(gunzipSync(await this.archive(url)));
    const values =
      files.find((file) => file.name === `${ref.chart}/values.yaml`) ??
      files.find((file) => /^[^/]+\/values\.yaml$/.test(file.name));
    if (!values) return { reason: `chart ${ref.chart} ${ref.version} (${url}) has no values.yaml` };
    return {
      text: values.content.toString('utf8'),
      source: `${ref.chart} ${ref.version} (${url})`,
    };
  }
}
