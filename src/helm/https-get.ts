import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';

/**
 * The proxy and certificate settings a download honours, as Helm does: `HTTPS_PROXY` /
 * `NO_PROXY`, and `NODE_EXTRA_CA_CERTS` for a corporate (or the offline world's) CA.
 */
export type NetworkEnv = Record<string, string | undefined>;

export class DownloadError extends Error {}

const maxRedirects = 5;
const timeoutMs = 30_000;

function proxyFor(url: URL, env: NetworkEnv): URL | undefined {
  const proxy = env.HTTPS_PROXY ?? env.https_proxy;
  if (!proxy) return undefined;
  const noProxy = (env.NO_PROXY ?? env.no_proxy ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const host = url.hostname;
  if (
    noProxy.some(
      (entry) =>
        entry === '*' ||
        host === entry.replace(/^\./, '') ||
        host.endsWith(entry.startsWith('.') ? entry : `.${entry}`),
    )
  ) {
    return undefined;
  }
  return new URL(proxy);
}

function certificateAuthorities(env: NetworkEnv): string[] {
  const extra = env.NODE_EXTRA_CA_CERTS;
  return extra ? [...tls.rootCertificates, readFileSync(extra, 'utf8')] : [...tls.rootCertificates];
}

/** A TLS connection to `url`'s host, through an HTTP CONNECT tunnel when a proxy is set. */
function connect(url: URL, env: NetworkEnv): Promise<tls.TLSSocket> {
  const port = Number(url.port || 443);
  const options = { servername: url.hostname, ca: certificateAuthorities(env) };
  const proxy = proxyFor(url, env);
  if (!proxy) return Promise.resolve(tls.connect({ ...options, host: url.hostname, port }));
  return new Promise((resolve, reject) => {
    const request = http.request({
      host: proxy.hostname,
      port: Number(proxy.port || 80),
      method: 'CONNECT',
      path: `${url.hostname}:${port}`,
      timeout: timeoutMs,
    });
    request.once('connect', (response, socket) => {
      if (response.statusCode !== 200) {
        socket.destroy();
        reject(
          new DownloadError(`proxy ${proxy.host} refused ${url.host}: HTTP ${response.statusCode}`),
        );
        return;
      }
      resolve(tls.connect({ ...options, socket }));
    });
    request.once('timeout', () =>
      request.destroy(new DownloadError(`proxy ${proxy.host} did not answer`)),
    );
    request.once('error', reject);
    request.end();
  });
}

/** GETs an https URL whole, following redirects. Throws DownloadError for any non-200 answer. */
export async function httpsGet(address: string, env: NetworkEnv, redirects = 0): Promise<Buffer> {
  const url = new URL(address);
  if (url.protocol !== 'https:') throw new DownloadError(`${address}: only https is fetched`);
  const socket = await connect(url, env);
  const response = await new Promise<http.IncomingMessage>((resolve, reject) => {
    const request = https.request(
      url,
      {
        method: 'GET',
        createConnection: () => socket,
        timeout: timeoutMs,
        headers: { 'user-agent': 'renovate-gitops' },
      },
      resolve,
    );
    request.once('timeout', () =>
      request.destroy(new DownloadError(`${address}: no answer in ${timeoutMs / 1000} s`)),
    );
    request.once('error', reject);
    request.end();
  });
  const location = response.headers.location;
  if (response.statusCode && response.statusCode >= 300 && response.statusCode < 400 && location) {
    response.resume();
    if (redirects >= maxRedirects) throw new DownloadError(`${address}: too many redirects`);
    return httpsGet(new URL(location, url).toString(), env, redirects + 1);
  }
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  if (response.statusCode !== 200)
    throw new DownloadError(`${address}: HTTP ${response.statusCode}`);
  return Buffer.concat(chunks);
}
