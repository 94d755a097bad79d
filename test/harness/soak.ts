import { createHash } from 'node:crypto';
import { parse, stringify } from 'yaml';
import { digestOnlyManifest, dockerRegistry } from '../../src/world/docker-registry.ts';
import { staticFiles } from '../../src/world/static-files.ts';
import type { Responder } from '../../src/world/types.ts';
import { worldDataDir } from './paths.ts';

/**
 * Fresh releases for the soak checks. Renovate measures `minimumReleaseAge` against the
 * real clock, so a release younger than the soak (3 days) cannot be a data file: its
 * timestamp is computed when the test runs, an hour before now.
 */
export const freshReleaseAgeMs = 60 * 60 * 1000;

const plainVersion = /^(v?)(\d+)\.(\d+)\.(\d+)$/;

/**
 * For the newest plain version `X.Y.Z` of a package, the two releases a registry may publish
 * next: `X.Y.Z+1` (an update in the bucket most pins already have one in) and `X+1.0.0` (a
 * bucket of its own).
 */
export function nextVersions(versions: readonly string[]): string[] {
  const parsed = versions
    .map((version) => plainVersion.exec(version))
    .filter((match): match is RegExpExecArray => match !== null)
    .map(([, prefix = '', major, minor, patch]) => ({
      prefix,
      parts: [Number(major), Number(minor), Number(patch)] as const,
    }))
    .sort((a, b) => a.parts[0] - b.parts[0] || a.parts[1] - b.parts[1] || a.parts[2] - b.parts[2]);
  const newest = parsed.at(-1);
  if (!newest) {
    return [];
  }
  const [major, minor, patch] = newest.parts;
  return [`${newest.prefix}${major}.${minor}.${patch + 1}`, `${newest.prefix}${major + 1}.0.0`];
}

interface HelmIndex {
  entries?: Record<string, { version: string; created?: string; [key: string]: unknown }[]>;
}

/** Every version the responder made up, by package, so that a test can tell them apart. */
export type FreshVersions = Map<string, Set<string>>;

function remember(fresh: FreshVersions, name: string, versions: readonly string[]): void {
  const known = fresh.get(name) ?? new Set<string>();
  for (const version of versions) {
    known.add(version);
  }
  fresh.set(name, known);
}

/**
 * Serves every Helm repository index and Docker Hub tag list of the world with two releases
 * per package published an hour ago. Packages whose datasource has no timestamps (OCI
 * registries, git) are left alone: Renovate cannot tell their age.
 */
export function freshReleases(fresh: FreshVersions, now = Date.now()): Responder {
  const files = staticFiles(worldDataDir);
  const registry = dockerRegistry(worldDataDir);
  const published = new Date(now - freshReleaseAgeMs).toISOString();
  return async (request) => {
    if (request.url.pathname.endsWith('/index.yaml')) {
      const response = await files(request);
      if (response?.status !== 200) {
        return response;
      }
      const index = parse(response.body.toString()) as HelmIndex;
      for (const [chart, releases] of Object.entries(index.entries ?? {})) {
        const [template] = releases;
        const added = nextVersions(releases.map((release) => release.version));
        remember(fresh, chart, added);
        releases.unshift(...added.map((version) => ({ ...template, version, created: published })));
      }
      return { ...response, body: stringify(index) };
    }
    const hubTags = /^\/v2\/repositories\/(.+)\/tags\/?$/.exec(request.url.pathname);
    if (request.url.hostname === 'hub.docker.com' && hubTags?.[1]) {
      const response = await registry(request);
      if (response?.status !== 200) {
        return response;
      }
      const page = JSON.parse(response.body.toString()) as {
        count: number;
        results: { name: string; [key: string]: unknown }[];
      };
      const added = nextVersions(page.results.map((tag) => tag.name));
      remember(fresh, hubTags[1], added);
      // Renovate drops tags without a numeric id (its schema requires one) without a word.
      const firstId = page.results.length + 1;
      page.results.unshift(
        ...added.map((name, index) => ({
          id: firstId + index,
          name,
          last_updated: published,
          tag_last_pushed: published,
          digest: null,
          images: [],
        })),
      );
      page.count = page.results.length;
      return { ...response, body: JSON.stringify(page) };
    }
    const manifest = /^\/v2\/(.+)\/manifests\/([^/]+)$/.exec(request.url.pathname);
    if (dockerHubRegistries.has(request.url.hostname) && manifest?.[1] && manifest[2]) {
      if (fresh.get(manifest[1])?.has(decodeURIComponent(manifest[2]))) {
        return freshManifest(`${manifest[1]}:${manifest[2]}`, request.method);
      }
    }
    return undefined;
  };
}

const dockerHubRegistries = new Set(['index.docker.io', 'registry-1.docker.io']);

/**
 * A made-up release has no manifest in the data; a pin with a digest asks for the new tag's
 * one (a HEAD, then its digest header). Without an answer the lookup fails, and the update
 * would be missing for the wrong reason. The digest is derived from the name, so runs agree.
 */
function freshManifest(reference: string, method: string) {
  return digestOnlyManifest(
    `sha256:${createHash('sha256').update(reference).digest('hex')}`,
    method,
  );
}
