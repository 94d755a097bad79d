import { readWorldFile } from './data-files.ts';
import type { Responder } from './types.ts';

/**
 * Plain HTTPS GETs answered from `http/<host>/<path>`: Helm repository `index.yaml` files and
 * any other document a datasource fetches as is.
 */
export function staticFiles(root: string): Responder {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return undefined;
    }
    const segments = decodeURIComponent(request.url.pathname).split('/').filter(Boolean);
    const body = await readWorldFile(root, 'http', request.url.hostname, ...segments);
    if (body === undefined) {
      return undefined;
    }
    const type = request.url.pathname.endsWith('.yaml') ? 'application/x-yaml' : 'text/plain';
    return { status: 200, headers: { 'content-type': type }, body };
  };
}
