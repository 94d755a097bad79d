import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { parse } from 'yaml';
import { writeTar } from '../helm/tar-archive.ts';
import { readWorldFile } from './data-files.ts';
import type { Responder } from './types.ts';

/**
 * Helm chart archives (`GET https://<host>/<path>.tgz`), packed on request from the readable
 * folder `charts/<host>/<path>/` (Chart.yaml, values.yaml): the chart's files under its name,
 * as `helm package` lays them out.
 */
export function chartArchives(root: string): Responder {
  return async (request) => {
    if (request.method !== 'GET' || !request.url.pathname.endsWith('.tgz')) return undefined;
    const segments = decodeURIComponent(request.url.pathname.slice(0, -'.tgz'.length))
      .split('/')
      .filter(Boolean);
    const chartYaml = await readWorldFile(
      root,
      'charts',
      request.url.hostname,
      ...segments,
      'Chart.yaml',
    );
    if (chartYaml === undefined) return undefined;
    const dir = path.join(root, 'charts', request.url.hostname, ...segments);
    const name = (parse(chartYaml.toString('utf8')) as { name?: string }).name ?? 'chart';
    const files = (await readdir(dir)).sort();
    const entries = [];
    for (const file of files) {
      const content = await readWorldFile(root, 'charts', request.url.hostname, ...segments, file);
      if (content !== undefined) entries.push({ name: `${name}/${file}`, content });
    }
    return {
      status: 200,
      headers: { 'content-type': 'application/x-gzip' },
      body: gzipSync(writeTar(entries)),
    };
  };
}
