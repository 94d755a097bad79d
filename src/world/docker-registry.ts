import { stat } from 'node:fs/promises';
import path from 'node:path';
import { type ImageData, readWorldYaml } from './data-files.ts';
import { json, type Responder, unknownPackage, type WorldResponse } from './types.ts';

/** Renovate talks to Docker Hub's registry API on this host, and to its tag API on hub.docker.com. */
const dockerHubRegistry = 'index.docker.io';

function dataHost(host: string): string {
  return host === dockerHubRegistry ? 'docker.io' : host;
}

async function readImage(
  root: string,
  host: string,
  repository: string,
): Promise<ImageData | undefined> {
  return readWorldYaml<ImageData>(root, 'docker', dataHost(host), `${repository}.yaml`);
}

async function hasRegistry(root: string, host: string): Promise<boolean> {
  return stat(path.join(root, 'docker', dataHost(host))).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

/** An image index whose only use is its digest: Renovate reads the digest from the header. */
const imageIndexType = 'application/vnd.oci.image.index.v1+json';

/**
 * A manifest by tag or by digest, for tags whose data gives a `digest`. Renovate asks for one
 * only to update a pin that carries a digest (`name:tag@sha256:...`): a HEAD by the new tag,
 * whose `Docker-Content-Digest` header is the new digest. The body is an empty index, so that
 * Renovate finds no image config to read an architecture from and takes the tag's digest.
 */
function manifestResponse(image: ImageData, reference: string, method: string): WorldResponse {
  const tag = image.tags.find(
    (entry) => entry.digest && [entry.name, entry.digest].includes(reference),
  );
  if (!tag?.digest) {
    return json({ errors: [{ code: 'MANIFEST_UNKNOWN', message: 'manifest unknown' }] }, 404);
  }
  return digestOnlyManifest(tag.digest, method);
}

/** An empty image index whose only content is its digest header (see manifestResponse). */
export function digestOnlyManifest(digest: string, method: string): WorldResponse {
  const body = JSON.stringify({ schemaVersion: 2, mediaType: imageIndexType, manifests: [] });
  return {
    status: 200,
    headers: { 'content-type': imageIndexType, 'docker-content-digest': digest },
    body: method === 'HEAD' ? '' : body,
  };
}

/**
 * The OCI distribution API (`/v2/`, `tags/list`) for every registry with a folder under
 * `docker/`, and Docker Hub's tag API, which is where Renovate gets release timestamps for
 * Docker Hub images. Manifest requests get a 404 unless the tag's data gives a digest:
 * Renovate only reads manifests for labels (source URLs) and digests, and tolerates their
 * absence.
 */
export function dockerRegistry(root: string): Responder {
  return async (request) => {
    const { hostname, pathname } = request.url;
    if (hostname === 'hub.docker.com') {
      const match = /^\/v2\/repositories\/(.+)\/tags\/?$/.exec(pathname);
      const image = match?.[1] ? await readImage(root, 'docker.io', match[1]) : undefined;
      if (!image) {
        return undefined;
      }
      const results = image.tags
        .map((tag, index) => ({
          id: index + 1,
          name: tag.name,
          last_updated: tag.pushed ?? '2020-01-01T00:00:00.000Z',
          tag_last_pushed: tag.pushed ?? null,
          digest: tag.digest ?? null,
          images: [],
        }))
        .reverse();
      return json({ count: results.length, next: null, previous: null, results });
    }
    if (!(await hasRegistry(root, hostname))) {
      return undefined;
    }
    // Quay's own API, which Renovate prefers to the distribution API on quay.io.
    const quayTags = /^\/api\/v1\/repository\/(.+)\/tag\/?$/.exec(pathname);
    if (hostname === 'quay.io' && quayTags?.[1]) {
      const image = await readImage(root, hostname, quayTags[1]);
      return image
        ? json({
            tags: [...image.tags].reverse().map((tag) => ({ name: tag.name })),
            page: 1,
            has_additional: false,
          })
        : unknownPackage(json({ error_message: 'Not Found' }, 404));
    }
    if (pathname === '/v2/' || pathname === '/v2') {
      return json({});
    }
    const tagsList = /^\/v2\/(.+)\/tags\/list$/.exec(pathname);
    if (tagsList?.[1]) {
      const image = await readImage(root, hostname, tagsList[1]);
      return image
        ? json({ name: tagsList[1], tags: image.tags.map((tag) => tag.name) })
        : unknownPackage(
            json(
              {
                errors: [
                  { code: 'NAME_UNKNOWN', message: 'repository name not known to registry' },
                ],
              },
              404,
            ),
          );
    }
    const manifest = /^\/v2\/(.+)\/manifests\/([^/]+)$/.exec(pathname);
    if (manifest?.[1] && manifest[2]) {
      const image = await readImage(root, hostname, manifest[1]);
      return image
        ? manifestResponse(image, decodeURIComponent(manifest[2]), request.method)
        : unknownPackage(
            json({ errors: [{ code: 'NAME_UNKNOWN', message: 'repository name not known' }] }, 404),
          );
    }
    if (/^\/v2\/.+\/blobs\/[^/]+$/.test(pathname)) {
      return json({ errors: [{ code: 'BLOB_UNKNOWN', message: 'blob unknown' }] }, 404);
    }
    return undefined;
  };
}
