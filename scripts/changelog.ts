/**
 * Sections of a changelog in the Keep a Changelog format
 * (https://keepachangelog.com/en/1.1.0/): `## [Unreleased]`, then one `## [X.Y.Z] - YYYY-MM-DD`
 * per release, newest first, each with `### Added`, `### Changed`, ... below it.
 */

export interface ChangelogSection {
  /** `Unreleased`, or the version without `v`. */
  version: string;
  /** The release date, where the heading has one. */
  date?: string;
  /** 1-based line of the `## [...]` heading. */
  line: number;
  /** The text below the heading up to the next one, trimmed; link definitions left out. */
  body: string;
}

export class ChangelogError extends Error {}

const semver = /^\d+\.\d+\.\d+$/;
const sectionHeading = /^## \[([^\]]+)\](?:\s+-\s+(\d{4}-\d{2}-\d{2}))?\s*$/;
/** `[0.1.0]: https://...` at the end of the file: where Keep a Changelog puts its links. */
const linkDefinition = /^\[[^\]]+\]:\s+\S+\s*$/;

/** Every `## [...]` section, in the order of the file. */
export function changelogSections(text: string): ChangelogSection[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const sections: ChangelogSection[] = [];
  let current: { heading: ChangelogSection; lines: string[] } | undefined;
  const close = () => {
    if (current) {
      const body = current.lines.filter((line) => !linkDefinition.test(line));
      sections.push({ ...current.heading, body: body.join('\n').trim() });
    }
  };
  lines.forEach((line, index) => {
    const heading = sectionHeading.exec(line);
    if (heading) {
      close();
      const [, version = '', date] = heading;
      current = {
        heading: { version, line: index + 1, body: '', ...(date ? { date } : {}) },
        lines: [],
      };
    } else if (/^## /.test(line)) {
      throw new ChangelogError(
        `line ${index + 1}: "${line}" is not a section heading such as "## [1.2.3] - 2026-01-31"`,
      );
    } else {
      current?.lines.push(line);
    }
  });
  close();
  return sections;
}

/** The released versions (every section but Unreleased), newest first as the file lists them. */
export function releasedVersions(text: string): string[] {
  return changelogSections(text)
    .filter((section) => section.version !== 'Unreleased')
    .map((section) => section.version);
}

/**
 * The release notes of one version: its section's text without the heading. Fails unless the
 * changelog has exactly one section of that version, with a date, and with something in it.
 */
export function releaseNotes(text: string, version: string): string {
  if (!semver.test(version)) {
    throw new ChangelogError(`${version} is not a version X.Y.Z`);
  }
  const sections = changelogSections(text).filter((section) => section.version === version);
  const [section] = sections;
  if (!section) {
    const known = releasedVersions(text);
    throw new ChangelogError(
      `no section "## [${version}] - YYYY-MM-DD" (released: ${known.length > 0 ? known.join(', ') : 'none'}): move the Unreleased entries into one`,
    );
  }
  if (sections.length > 1) {
    throw new ChangelogError(
      `${sections.length} sections for ${version}, at lines ${sections.map((s) => s.line).join(', ')}`,
    );
  }
  if (!section.date) {
    throw new ChangelogError(`line ${section.line}: the section of ${version} has no date`);
  }
  if (section.body === '') {
    throw new ChangelogError(`line ${section.line}: the section of ${version} is empty`);
  }
  return `${section.body}\n`;
}
