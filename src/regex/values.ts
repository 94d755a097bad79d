/**
 * Character classes for values. A version starts with a digit, or `v` and a digit, which is
 * what keeps `HEAD`, branch names, `latest` and template placeholders out.
 */
export const versionChars = 'v?[0-9][0-9A-Za-z._+-]*';

/** An image repository, with optional registry host and port: `ghcr.io/org/app`, `nginx`. */
export const imageNameChars = '[a-z0-9][a-z0-9._-]*(?::[0-9]+)?(?:/[a-z0-9][a-z0-9._-]*)*';

/** A content digest as registries print it. */
export const digestChars = 'sha256:[a-f0-9]{64}';

/** An `owner/repo` path on a git forge (GitLab allows nested groups). */
export const repoPathChars = '[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+)+';

/** A Renovate datasource id. */
export const datasourceChars = '[a-z][a-z0-9.-]*';
