import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fixtureReposDir } from './paths.ts';

/**
 * What the policy decided for an update, as read from Renovate's branch config. `automerge` is
 * the README's promise: a merge request that merges itself once its pipeline passes. `approval`
 * is the other promise: a box on the dashboard, and once ticked a merge request a human merges.
 * The two decisions no expectation names are the ways those promises break: an automerge
 * without a merge request (Renovate's `automergeType: branch`), and an approval whose merge
 * request then merges by itself (approval and automerge on one branch).
 */
export type Decision =
  | 'automerge'
  | 'automerge-without-merge-request'
  | 'approval'
  | 'approval-then-automerge'
  | 'review';

export interface ExpectedUpdate {
  /** For a digest update, the new digest. */
  newValue: string;
  updateType: string;
  decision: Decision;
}

/** One version pin, exactly as the one manager that must find it reports it. */
export interface ExpectedPin {
  file: string;
  manager: string;
  depName: string;
  packageName: string;
  /** Absent where the manager leaves it to the lookup (helmv3 reports none in extract mode). */
  datasource?: string;
  /** Absent for a pin by digest alone (`image: nginx@sha256:...`): the digest is its version. */
  currentValue?: string;
  registryUrls?: string[];
  currentDigest?: string;
  updates?: ExpectedUpdate[];
}

/** Something Renovate reports that is not a pin, and the reason it gets no update. */
export interface ExpectedIgnored {
  file: string;
  manager: string;
  depName: string;
  currentValue?: string;
  /** Renovate's skip reason in lookup mode; absent where it looks the value up and proposes nothing. */
  skipReason?: string;
  why: string;
}

/** A pin the presets cannot detect yet: asserted as not found, so detecting it flips a test. */
export interface KnownGap {
  file: string;
  /** The kind of manager that will find it once the gap is closed. */
  manager: string;
  currentValue: string;
  depName: string;
  why: string;
}

export interface FixtureExpectations {
  name: string;
  dir: string;
  pins: ExpectedPin[];
  ignored: ExpectedIgnored[];
  knownGaps: KnownGap[];
  /** Values that look like pins but are not (HEAD, branches, placeholders): never reported. */
  negatives: { file: string; value: string; why: string }[];
}

export function loadFixtures(): FixtureExpectations[] {
  return readdirSync(fixtureReposDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => {
      const dir = path.join(fixtureReposDir, entry.name);
      const raw = JSON.parse(
        readFileSync(path.join(dir, 'expected.json'), 'utf8'),
      ) as Partial<FixtureExpectations>;
      return {
        name: entry.name,
        dir,
        pins: raw.pins ?? [],
        ignored: raw.ignored ?? [],
        knownGaps: raw.knownGaps ?? [],
        negatives: raw.negatives ?? [],
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}
