/** A request as the offline world sees it: the real URL Renovate (or git) asked for. */
export interface WorldRequest {
  method: string;
  url: URL;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** The body's bytes as sent (git's packfiles are binary, and may be gzip-encoded). */
  rawBody: Buffer;
}

export interface WorldResponse {
  status: number;
  headers?: Record<string, string>;
  body: string | Buffer;
  /**
   * The registry's own answer for a package the world has no data for (Docker's
   * `NAME_UNKNOWN`): sent as the registry would, and recorded as unanswered all the same, so
   * that a test cannot pass on "up to date" where the lookup had nothing to find.
   */
  unknownToWorld?: true;
}

/** A registry's "no such package", which the world also records as unanswered. */
export function unknownPackage(response: WorldResponse): WorldResponse {
  return { ...response, unknownToWorld: true };
}

/**
 * One registry protocol. Returns undefined when the request is not one it knows, so that the
 * world can record it as unanswered instead of inventing an answer.
 */
export type Responder = (request: WorldRequest) => Promise<WorldResponse | undefined>;

export function json(body: unknown, status = 200): WorldResponse {
  return {
    status,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  };
}

export function notFound(message: string): WorldResponse {
  return json({ message }, 404);
}
