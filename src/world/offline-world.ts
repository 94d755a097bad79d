import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateCACertificate, getLocal, type Mockttp } from 'mockttp';
import { chartArchives } from './chart-archives.ts';
import { dockerRegistry } from './docker-registry.ts';
import { gitSmartHttp } from './git-smart-http.ts';
import { githubGraphql } from './github-graphql.ts';
import { gitlabPresets } from './gitlab-presets.ts';
import { gitlabTags } from './gitlab-tags.ts';
import { staticFiles } from './static-files.ts';
import type { Responder, WorldRequest, WorldResponse } from './types.ts';

export interface OfflineWorldOptions {
  /** Folder with `http/`, `docker/` and `git/` data (see fixtures/world/README.md). */
  dataDir: string;
  /** Working tree served as the GitLab project that holds this package's presets. */
  presetTree: string;
  /** GitLab project path under which the presets are served. */
  presetProject: string;
  /** Extra responders tried before the data files (fault injection, one-off answers). */
  responders?: Responder[];
}

export interface RecordedRequest {
  method: string;
  url: string;
  status: number;
}

export interface OfflineWorld {
  /** Environment that routes Renovate's HTTP and git's HTTPS through the world. */
  env: Record<string, string>;
  /** Every request the world answered, in order. */
  answered: RecordedRequest[];
  /** Requests no responder knew: each is a test failure. */
  unanswered: RecordedRequest[];
  stop(): Promise<void>;
}

let caPromise: Promise<{ key: string; cert: string }> | undefined;

/** Key generation takes a moment; one CA per process is enough, every world trusts it. */
function sharedCertificateAuthority(): Promise<{ key: string; cert: string }> {
  caPromise ??= generateCACertificate({
    subject: { commonName: 'renovate-config-gitops offline world' },
  });
  return caPromise;
}

async function answer(
  responders: Responder[],
  request: WorldRequest,
): Promise<WorldResponse | undefined> {
  for (const responder of responders) {
    const response = await responder(request);
    if (response) {
      return response;
    }
  }
  return undefined;
}

/**
 * Starts an HTTPS man-in-the-middle proxy on 127.0.0.1 that answers for real registry hosts
 * from data files. Fixture repositories keep their real URLs; nothing leaves the machine.
 */
export async function startOfflineWorld(options: OfflineWorldOptions): Promise<OfflineWorld> {
  const ca = await sharedCertificateAuthority();
  const stateDir = await mkdtemp(path.join(tmpdir(), 'offline-world-'));
  const caFile = path.join(stateDir, 'ca.pem');
  await writeFile(caFile, ca.cert);

  const responders: Responder[] = [
    ...(options.responders ?? []),
    gitlabPresets(options.presetProject, options.presetTree),
    githubGraphql(options.dataDir),
    gitSmartHttp(options.dataDir),
    gitlabTags(options.dataDir),
    dockerRegistry(options.dataDir),
    chartArchives(options.dataDir),
    staticFiles(options.dataDir),
  ];
  const answered: RecordedRequest[] = [];
  const unanswered: RecordedRequest[] = [];

  const server: Mockttp = getLocal({ https: { key: ca.key, cert: ca.cert } });
  await server.start({ startPort: 20000, endPort: 60000 });
  await server.forAnyRequest().thenCallback(async (completed) => {
    const request: WorldRequest = {
      method: completed.method,
      url: new URL(completed.url),
      headers: completed.headers,
      body: (await completed.body.getText()) ?? '',
      rawBody: completed.body.buffer,
    };
    const response = await answer(responders, request).catch(
      (err: Error): WorldResponse => ({
        status: 500,
        body: `offline world failed: ${err.message}`,
      }),
    );
    if (!response) {
      unanswered.push({ method: request.method, url: completed.url, status: 599 });
      return {
        statusCode: 599,
        statusMessage: 'Not In Offline World',
        body: 'not in the offline world',
      };
    }
    (response.unknownToWorld ? unanswered : answered).push({
      method: request.method,
      url: completed.url,
      status: response.status,
    });
    return { statusCode: response.status, headers: response.headers ?? {}, body: response.body };
  });

  const proxy = `http://127.0.0.1:${server.port}`;
  return {
    env: {
      HTTP_PROXY: proxy,
      HTTPS_PROXY: proxy,
      http_proxy: proxy,
      https_proxy: proxy,
      NO_PROXY: '',
      no_proxy: '',
      NODE_EXTRA_CA_CERTS: caFile,
      GIT_SSL_CAINFO: caFile,
    },
    answered,
    unanswered,
    async stop() {
      await server.stop();
      await rm(stateDir, { recursive: true, force: true });
    },
  };
}
