import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Responder, WorldRequest } from '../../../src/world/types.ts';

export interface LoopbackResponder {
  /** `http://127.0.0.1:<port>`: what the real host's URLs are mapped to. */
  origin: string;
  /** Requests no responder knew, as `METHOD url`: a test expects none. */
  unanswered: string[];
  close: () => Promise<void>;
}

async function worldRequest(request: IncomingMessage, realOrigin: string): Promise<WorldRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const rawBody = Buffer.concat(chunks);
  return {
    method: request.method ?? 'GET',
    url: new URL(request.url ?? '/', realOrigin),
    headers: request.headers,
    body: rawBody.toString(),
    rawBody,
  };
}

/**
 * Serves one responder on a loopback port of its own, plain HTTP, as if it were `realOrigin`
 * (the request's URL is rebuilt on it, so the responder sees the real host). The offline
 * world's GitLab stand-in will take this place: only this module changes then.
 */
export async function serveOnLoopback(
  responder: Responder,
  realOrigin: string,
): Promise<LoopbackResponder> {
  const unanswered: string[] = [];
  const server = createServer(async (request, response) => {
    const asked = await worldRequest(request, realOrigin);
    const answer = await responder(asked);
    if (!answer) {
      unanswered.push(`${asked.method} ${asked.url}`);
      response.writeHead(501).end();
      return;
    }
    response.writeHead(answer.status, answer.headers).end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    unanswered,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // Alertmanager keeps its connection alive: close would wait for it otherwise.
        server.closeAllConnections();
      }),
  };
}
