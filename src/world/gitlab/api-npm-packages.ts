import { createHash } from 'node:crypto';
import type { WorldResponse } from '../types.ts';
import { json } from '../types.ts';
import { message, type ProjectCall, projectRoute, type Route } from './api-router.ts';
import { accessLevel, type NpmPackage, type Project } from './entities.ts';

/**
 * The project-level endpoint of the npm package registry (docs: user/packages/npm_registry,
 * api/packages/npm.md): `npm publish` and `npm install` against
 * `/api/v4/projects/:id/packages/npm/`. No naming convention is enforced at this level; a job
 * token publishes to its own project and reads the projects whose allowlist names its project.
 */

/** `@scope%2fname` (how npm asks for a scoped package) or `name`. */
const packageName = '((?:@[^/]+(?:%2[fF]))?[^/@][^/]*)';
/** In a tarball's path npm writes the scope's slash as it is. */
const tarballPath = '((?:@[^/]+/)?[^/@][^/]*)/-/((?:@[^/]+/)?[^/]+\\.tgz)';

/**
 * GitLab's API marks its answers `no-store`, so npm keeps neither package documents nor tarballs
 * of this registry in its cache: a later install asks again (and tests that share npm's cache
 * never see a package of an earlier stand-in).
 */
const notStored = { 'cache-control': 'max-age=0, private, must-revalidate, no-store, no-cache' };

function uncached(response: WorldResponse): WorldResponse {
  return { ...response, headers: { ...response.headers, ...notStored } };
}

function sha(algorithm: 'sha1' | 'sha512', data: Buffer, encoding: 'hex' | 'base64'): string {
  return createHash(algorithm).update(data).digest(encoding);
}

function tarballUrl(call: ProjectCall, pkg: NpmPackage): string {
  return `https://${call.instance.host}/api/v4/projects/${call.project.id}/packages/npm/${pkg.name}/-/${pkg.fileName}`;
}

function canRead(call: ProjectCall): boolean {
  return call.instance.accessLevelOf(call.project, call.user) >= accessLevel.reporter;
}

/** What `npm publish` sends: the package document with one version and its tarball attached. */
function publishedVersion(call: ProjectCall, name: string): NpmPackage | WorldResponse {
  const { versions, _attachments: attachments } = call.body as {
    versions?: Record<string, Record<string, unknown>>;
    _attachments?: Record<string, { data?: string; length?: number }>;
  };
  const [version, ...moreVersions] = Object.keys(versions ?? {});
  const [fileName, ...moreFiles] = Object.keys(attachments ?? {});
  const manifest = version ? versions?.[version] : undefined;
  const data = fileName ? attachments?.[fileName]?.data : undefined;
  if (!version || !manifest || !fileName || !data || moreVersions.length + moreFiles.length > 0) {
    return message(400, '400 Bad request - one version with its tarball attached is required');
  }
  if (manifest.name !== name || call.body.name !== name) {
    return message(400, `400 Bad request - the package document does not describe ${name}`);
  }
  const tarball = Buffer.from(data, 'base64');
  const shasum = sha('sha1', tarball, 'hex');
  const { dist, ...rest } = manifest as { dist?: { shasum?: string } };
  if (dist?.shasum !== shasum) {
    return message(400, '400 Bad request - the tarball does not match its shasum');
  }
  return {
    name,
    version,
    manifest: rest,
    fileName,
    tarball,
    shasum,
    integrity: `sha512-${sha('sha512', tarball, 'base64')}`,
    createdAt: call.instance.timestamp(),
  };
}

function versionsOf(project: Project, name: string): NpmPackage[] {
  return project.npmPackages.filter((pkg) => pkg.name === name);
}

/** Newest by semver precedence of X.Y.Z, as `latest` is the highest published release. */
function compareVersions(a: string, b: string): number {
  const parts = (v: string) => v.split(/[.-]/).map((part) => Number(part));
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i += 1) {
    const difference = (x[i] ?? 0) - (y[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

export const npmPackageRoutes: Route[] = [
  projectRoute(
    'PUT',
    `/packages/npm/${packageName}`,
    async (call) => {
      const [name = ''] = call.params;
      // A job token publishes only to its own project's registry; anyone as a Developer.
      const ownProject = !call.job || call.job.project === call.project;
      if (
        !ownProject ||
        call.instance.accessLevelOf(call.project, call.user) < accessLevel.developer
      ) {
        return message(403, '403 Forbidden');
      }
      const published = publishedVersion(call, name);
      if (!('tarball' in published)) return published;
      if (versionsOf(call.project, name).some((pkg) => pkg.version === published.version)) {
        // Docs: "npm publish returns npm ERR! 403 Forbidden - Package already exists".
        return message(403, '403 Forbidden - Package already exists.');
      }
      call.project.npmPackages.push(published);
      return json({ message: 'Package was published' });
    },
    undefined,
    { jobToken: true },
  ),
  projectRoute(
    'GET',
    `/packages/npm/${packageName}`,
    async (call) => {
      const [name = ''] = call.params;
      const published = versionsOf(call.project, name);
      if (!canRead(call) || published.length === 0) {
        return message(404, '404 Package Not Found');
      }
      const latest = [...published].sort((a, b) => compareVersions(b.version, a.version))[0];
      return uncached(
        json({
          name,
          versions: Object.fromEntries(
            published.map((pkg) => [
              pkg.version,
              {
                ...pkg.manifest,
                dist: {
                  shasum: pkg.shasum,
                  integrity: pkg.integrity,
                  tarball: tarballUrl(call, pkg),
                },
              },
            ]),
          ),
          'dist-tags': { latest: latest?.version },
        }),
      );
    },
    undefined,
    { jobToken: true },
  ),
  projectRoute(
    'GET',
    `/packages/npm/${tarballPath}`,
    async (call) => {
      const [name = '', fileName = ''] = call.params;
      const found = versionsOf(call.project, name).find((pkg) => pkg.fileName === fileName);
      if (!canRead(call) || !found) {
        return message(404, '404 Package Not Found');
      }
      return {
        status: 200,
        headers: { 'content-type': 'application/octet-stream', ...notStored },
        body: found.tarball,
      };
    },
    undefined,
    { jobToken: true },
  ),
];
