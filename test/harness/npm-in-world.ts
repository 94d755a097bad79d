import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { re2Mirror } from './installed-package.ts';

const run = promisify(execFile);

export interface NpmInWorld {
  /** For a CI job's runner environment, over the offline world's. */
  env: Record<string, string>;
  close(): Promise<void>;
}

/**
 * What npm needs in a job that runs inside the offline world, where the world's proxy answers
 * GitLab (the package registry included) and nothing else: this package's dependencies come
 * from npm's cache, which `npm ci` of this checkout filled, and from the npm registry itself
 * (not through the proxy) for anything the cache lacks; re2's prebuilt addon from a mirror on
 * 127.0.0.1 (see installed-package.ts). Jobs get an empty HOME, so the cache is named here.
 */
export async function npmInWorld(): Promise<NpmInWorld> {
  const { stdout } = await run('npm', ['config', 'get', 'cache']);
  const mirror = await re2Mirror();
  const direct = 'registry.npmjs.org,127.0.0.1,localhost';
  return {
    env: {
      npm_config_cache: stdout.trim(),
      npm_config_prefer_offline: 'true',
      npm_config_update_notifier: 'false',
      npm_config_fund: 'false',
      npm_config_audit: 'false',
      NO_PROXY: direct,
      no_proxy: direct,
      RE2_DOWNLOAD_MIRROR: mirror.url,
    },
    close: () => mirror.close(),
  };
}
