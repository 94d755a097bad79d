import { skippingIgnoredLines } from '../regex/comments.ts';
import { named, optional, sequence } from '../regex/compose.ts';
import { repoPathChars } from '../regex/values.ts';
import type { RegexManager } from './custom-manager.ts';
import { readingClasses } from './file-patterns.ts';

/** Any YAML file: a URL is a URL wherever it stands. */
const everyYamlClass = readingClasses('values', 'kustomizeAndCharts', 'otherYaml', 'ciDefinitions');

/**
 * A tag inside a URL path. It must contain a dot: a commit SHA (which may start with a digit)
 * or a branch name in the same position is then never taken for a version.
 */
const urlTag = named('currentValue', 'v?[0-9]+\\.[0-9A-Za-z._+-]*');

/** From the start of the line, with no `#` before the URL: a commented-out URL is not a pin. */
const uncommentedLineUpTo = '(?:^|\\n)[^#\\n]*?';

const githubRepo = named('depName', '[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+');

/*
 * Each pattern names a part only it matches (`githubRawHost`, `githubReleaseDownload`,
 * `gitlabRawPath`): where the default merges these managers into one, that group is what picks
 * the datasource of a match.
 */

/** `https://raw.githubusercontent.com/<owner>/<repo>/<tag>/<file>` (also `refs/tags/<tag>`). */
export const githubRawUrls: RegexManager = {
  customType: 'regex',
  description:
    'Versioned raw.githubusercontent.com URLs (Kustomize resources, Application manifests): GitHub tags.',
  managerFilePatterns: everyYamlClass,
  matchStrings: [
    skippingIgnoredLines(
      sequence(
        uncommentedLineUpTo,
        'https://',
        named('githubRawHost', 'raw\\.githubusercontent\\.com'),
        '/',
        githubRepo,
        '/',
        optional('refs/tags/'),
        urlTag,
        '/',
      ),
    ),
  ],
  datasourceTemplate: 'github-tags',
};

/** `https://github.com/<owner>/<repo>/releases/download/<tag>/<asset>`. */
export const githubReleaseDownloads: RegexManager = {
  customType: 'regex',
  description: 'GitHub release download URLs (install manifests, CRD bundles): GitHub releases.',
  managerFilePatterns: everyYamlClass,
  matchStrings: [
    skippingIgnoredLines(
      sequence(
        uncommentedLineUpTo,
        'https://github\\.com/',
        githubRepo,
        '/',
        named('githubReleaseDownload', 'releases/download'),
        '/',
        urlTag,
        '/',
      ),
    ),
  ],
  datasourceTemplate: 'github-releases',
};

/**
 * `https://<gitlab host>/<group>/<project>/-/raw/<tag>/<file>`, on gitlab.com or a self-hosted
 * GitLab. The host is captured as `registryUrl` itself rather than through a template: a
 * template is compiled for every match, also for a line `# renovate: ignore` consumes, and an
 * empty URL makes Renovate warn.
 */
export const gitlabRawUrls: RegexManager = {
  customType: 'regex',
  description:
    'Versioned GitLab raw file URLs (`/-/raw/<tag>/`), on gitlab.com or self-hosted GitLab: GitLab tags.',
  managerFilePatterns: everyYamlClass,
  matchStrings: [
    skippingIgnoredLines(
      sequence(
        uncommentedLineUpTo,
        named('registryUrl', 'https://gitlab\\.[A-Za-z0-9.-]+'),
        '/',
        named('depName', repoPathChars),
        '/',
        named('gitlabRawPath', '-/raw'),
        '/',
        urlTag,
        '/',
      ),
    ),
  ],
  datasourceTemplate: 'gitlab-tags',
};

export const versionedRawUrls: readonly RegexManager[] = [
  githubRawUrls,
  githubReleaseDownloads,
  gitlabRawUrls,
];
