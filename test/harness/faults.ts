import type { OfflineWorld } from '../../src/world/offline-world.ts';
import { json, type Responder, type WorldRequest } from '../../src/world/types.ts';
import { startTestWorld } from './offline-renovate.ts';

/**
 * A registry failure injected into the offline world: a responder tried before the data
 * files, which answers the requests it is about and counts them.
 */
export interface Fault {
  /** What the registry does wrong, for test names and the closing table. */
  kind: string;
  host: string;
  responder: Responder;
  /** Requests this fault answered (a hang counts the requests it held). */
  hits(): number;
  /** Lets go of anything the fault still holds; called when the world stops. */
  release(): void;
}

function counting(
  kind: string,
  host: string,
  answer: (request: WorldRequest) => ReturnType<Responder>,
): Fault {
  let hits = 0;
  return {
    kind,
    host,
    responder: async (request) => {
      if (request.url.hostname !== host) {
        return undefined;
      }
      const response = await answer(request);
      if (response) {
        hits += 1;
      }
      return response;
    },
    hits: () => hits,
    release: () => {},
  };
}

/** Every request to the host fails with this status, or only the first `times` requests. */
export function failingHost(host: string, status: number, times = Number.POSITIVE_INFINITY): Fault {
  let failed = 0;
  const kind = Number.isFinite(times) ? `HTTP ${status} ${times}x, then healthy` : `HTTP ${status}`;
  return counting(kind, host, async () => {
    if (failed >= times) {
      return undefined;
    }
    failed += 1;
    return json({ message: `injected ${status}` }, status);
  });
}

/**
 * Every request to the host is held without an answer until the world stops, so that only
 * Renovate's own timeout (a `hostRules` `timeout`) ends it. Nothing sleeps: the held
 * requests are released when the test stops the world.
 */
export function hangingHost(host: string): Fault {
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let held = 0;
  const fault = counting('hangs past the timeout', host, async () => {
    held += 1;
    await released;
    return { status: 503, body: 'released when the offline world stopped' };
  });
  return { ...fault, hits: () => held, release };
}

/** A Helm repository whose `index.yaml` is cut off in the middle of an entry. */
export function malformedHelmIndex(host: string): Fault {
  return counting('malformed index.yaml', host, async (request) =>
    request.url.pathname.endsWith('/index.yaml')
      ? {
          status: 200,
          headers: { 'content-type': 'application/x-yaml' },
          body: 'apiVersion: v1\nentries:\n  chart:\n    - version: [1.0.0\n      created: "2024-',
        }
      : undefined,
  );
}

const offlineToken = 'offline-world-registry-token';

/**
 * An OCI registry that demands a bearer token, as ghcr.io, Docker Hub and most registries do:
 * `/v2/...` without the token answers 401 with a `WWW-Authenticate` challenge naming the
 * token service. When `grant` is true the token service hands out an anonymous pull token
 * and the registry then answers from the world's data; when false it refuses (403), as it
 * does for a private image without credentials.
 */
export function tokenRequiringRegistry(host: string, grant: boolean): Fault {
  const realm = `https://${host}/token`;
  return counting(
    grant ? 'OCI registry demands a token (granted)' : 'OCI registry demands a token (refused)',
    host,
    async (request) => {
      if (request.url.pathname === '/token') {
        return grant
          ? json({ token: offlineToken, access_token: offlineToken, expires_in: 300 })
          : json({ errors: [{ code: 'DENIED', message: 'requested access is denied' }] }, 403);
      }
      if (!request.url.pathname.startsWith('/v2')) {
        return undefined;
      }
      if (request.headers.authorization === `Bearer ${offlineToken}`) {
        return undefined;
      }
      return {
        status: 401,
        headers: {
          'content-type': 'application/json',
          'www-authenticate': `Bearer realm="${realm}",service="${host}",scope="repository:*:pull"`,
        },
        body: JSON.stringify({
          errors: [{ code: 'UNAUTHORIZED', message: 'authentication required' }],
        }),
      };
    },
  );
}

/** The test world with these faults in front of the data files; stopping it releases them. */
export async function startFaultyWorld(faults: readonly Fault[]): Promise<OfflineWorld> {
  const world = await startTestWorld({ responders: faults.map((fault) => fault.responder) });
  return {
    ...world,
    async stop() {
      for (const fault of faults) {
        fault.release();
      }
      await world.stop();
    },
  };
}
