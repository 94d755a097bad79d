import { execFile } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { OfflineWorld } from '../src/world/offline-world.ts';
import { startTestWorld } from './harness/offline-renovate.ts';

/**
 * The offline world is what makes "every unanswered request fails the test" true: it must
 * record what it cannot answer, not invent an answer. Asked through its proxy as Renovate asks
 * (HTTPS, its CA), each case below must land in `unanswered`, and the known ones must not.
 */

let world: OfflineWorld;
beforeAll(async () => {
  world = await startTestWorld();
});
afterAll(() => world?.stop());

function get(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    execFile(
      'curl',
      ['--silent', '--output', '/dev/null', '--write-out', '%{http_code}', url],
      { env: { ...process.env, ...world.env, CURL_CA_BUNDLE: world.env.NODE_EXTRA_CA_CERTS } },
      (error, stdout) => (error && !stdout ? reject(error) : resolve(Number(stdout))),
    );
  });
}

it.each`
  request                          | url
  ${'a host it does not serve'}    | ${'https://registry.example.org/v2/app/tags/list'}
  ${'an unknown path on its host'} | ${'https://charts.jetstack.io/no-such-file.yaml'}
  ${'an unknown image'}            | ${'https://index.docker.io/v2/library/no-such-image/tags/list'}
  ${'an unknown quay.io image'}    | ${'https://quay.io/api/v1/repository/no-org/no-image/tag/'}
`('records $request as unanswered', async ({ url }: { url: string }) => {
  const before = world.unanswered.length;
  const status = await get(url);
  expect(status).toBeGreaterThanOrEqual(400);
  expect(world.unanswered.slice(before).map((request) => request.url)).toEqual([url]);
});

it('answers what it knows without recording it as unanswered', async () => {
  const before = world.unanswered.length;
  expect(await get('https://index.docker.io/v2/library/nginx/tags/list')).toBe(200);
  expect(await get('https://charts.jetstack.io/index.yaml')).toBe(200);
  expect(world.unanswered.slice(before)).toEqual([]);
});
