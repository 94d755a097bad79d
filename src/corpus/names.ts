/**
 * Whether two package names name the same thing, in the corpus scoring sense: equal, or one a
 * host/registry-qualified form of the other (`docker.io/library/nginx` and `nginx`,
 * `ghcr.io/grafana/helm-charts/grafana-operator` and `grafana-operator`,
 * `https://github.com/o/r.git` and `o/r`).
 */

/** Docker Hub's other spellings; Renovate and image references use all of them. */
const dockerHubHosts = new Set([
  'index.docker.io',
  'registry-1.docker.io',
  'registry.hub.docker.com',
]);

/** A first path segment that is a registry host rather than a namespace (Docker's own rule). */
function isHost(segment: string): boolean {
  return segment.includes('.') || segment.includes(':') || segment === 'localhost';
}

/**
 * The spelling-independent form of a name: lower case (registries and GitHub ignore case), no
 * URL scheme, no `git@host:` prefix, no `.git` or trailing slash, Docker Hub spelled `docker.io`.
 */
export function normalizeName(name: string): string {
  let result = name.trim().toLowerCase();
  result = result.replace(/^[a-z][a-z0-9+.-]*:\/\//, '');
  result = result.replace(/^[^@/\s]+@([^:/]+):/, '$1/');
  result = result.replace(/\/+$/, '').replace(/\.git$/, '');
  const [first, ...rest] = result.split('/');
  if (first !== undefined && dockerHubHosts.has(first) && rest.length > 0) {
    result = ['docker.io', ...rest].join('/');
  }
  return result;
}

/**
 * The fully qualified Docker form of a normalized name: `nginx` and `docker.io/nginx` become
 * `docker.io/library/nginx`, `bitnami/redis` becomes `docker.io/bitnami/redis`.
 */
function dockerCanonical(name: string): string {
  const segments = name.split('/');
  const qualified = isHost(segments[0] ?? '') ? segments : ['docker.io', ...segments];
  if (qualified[0] === 'docker.io' && qualified.length === 2) {
    qualified.splice(1, 0, 'library');
  }
  return qualified.join('/');
}

/** `long` is `short` behind a prefix whose first segment is a registry host. */
function isQualifiedFormOf(long: string, short: string): boolean {
  if (!long.endsWith(`/${short}`)) {
    return false;
  }
  const prefix = long.slice(0, -short.length - 1);
  return isHost(prefix.split('/')[0] ?? '');
}

/** True when `a` and `b` name the same package: equal, or one a qualified form of the other. */
export function sameName(a: string, b: string): boolean {
  const left = normalizeName(a);
  const right = normalizeName(b);
  if (left === '' || right === '') {
    return false;
  }
  return (
    left === right ||
    dockerCanonical(left) === dockerCanonical(right) ||
    isQualifiedFormOf(left, right) ||
    isQualifiedFormOf(right, left)
  );
}
