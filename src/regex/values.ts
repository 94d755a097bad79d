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

/** A Docker tag as registries accept it, so `latest` is read too and left to the lookup. */
export const dockerTagChars = '[A-Za-z0-9_][A-Za-z0-9._-]*';

/**
 * A Docker tag that does not start with a capital letter. Outside `image:` keys a
 * `host/path:Word` value is far more often a Kubernetes taint
 * (`node-role.kubernetes.io/control-plane:NoSchedule`) than an image: tags starting with a
 * capital letter are rare, taint effects always do.
 */
export const uncapitalisedTagChars = '[a-z0-9_][A-Za-z0-9._-]*';

/**
 * A Docker tag that names a version: it holds a digit (`1.27.1`, `2024.1-ubuntu_jammy`,
 * `prod-1.100.2`) and does not start with a capital letter. Under a key no image manager owns,
 * `latest`, `stable` or `main` name no version and are not pins.
 */
export const versionedTagChars = '(?:[0-9]|[a-z_][A-Za-z._-]*[0-9])[A-Za-z0-9._-]*';

/**
 * A registry host as Docker tells one apart from a Docker Hub namespace: it holds a dot
 * (`ghcr.io`) or a port (`registry:5000`), or it is `localhost`.
 */
export const registryHostChars =
  '(?:[a-z0-9][a-z0-9-]*(?:\\.[a-z0-9-]+)+(?::[0-9]+)?|[a-z0-9][a-z0-9-]*:[0-9]+|localhost)';

/**
 * An image named with its registry: `ghcr.io/org/app`, `localhost:5000/team/app`. A value
 * this specific names an image wherever it stands; `org/app` alone could be anything.
 */
export const qualifiedImageNameChars = `${registryHostChars}(?:/[a-z0-9][a-z0-9._-]*)+`;
