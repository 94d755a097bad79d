/**
 * `node scripts/release-notes.ts <tag>`: what the release pipeline checks before it publishes
 * anything. The tag must be `vX.Y.Z` with X.Y.Z the `version` of package.json, and CHANGELOG.md
 * must describe that version; then the version's section is printed, as the GitLab release's
 * description. Anything else exits 1 with the reason on stderr, and prints nothing.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ChangelogError, releaseNotes } from './changelog.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The version a release tag names: `v1.2.3` → `1.2.3`. */
export function tagVersion(tag: string): string {
  const match = /^v(\d+\.\d+\.\d+)$/.exec(tag);
  if (!match?.[1]) {
    throw new ChangelogError(`${tag || 'an empty tag'} is not a release tag vX.Y.Z`);
  }
  return match[1];
}

/** The notes for `tag`, after checking it against the package version. */
export function notesForTag(tag: string, packageVersion: string, changelog: string): string {
  const version = tagVersion(tag);
  if (version !== packageVersion) {
    throw new ChangelogError(
      `tag ${tag} is version ${version}, but package.json says ${packageVersion}: tag the commit that sets the version, or set it first`,
    );
  }
  return releaseNotes(changelog, version);
}

function main(args: string[]): number {
  const [tag, ...rest] = args;
  if (tag === undefined || rest.length > 0) {
    process.stderr.write('Usage: node scripts/release-notes.ts vX.Y.Z\n');
    return 2;
  }
  const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    version: string;
  };
  try {
    process.stdout.write(
      notesForTag(tag, version, readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8')),
    );
    return 0;
  } catch (err) {
    if (!(err instanceof ChangelogError)) throw err;
    process.stderr.write(`release-notes: ${err.message}\n`);
    return 1;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
