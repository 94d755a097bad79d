import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GlobalConfig } from 'renovate/dist/config/global.js';
import { addStream, init as initLogger, levels } from 'renovate/dist/logger/index.js';
import type { BunyanRecord } from 'renovate/dist/logger/types.js';
import {
  extractPackageFile,
  get as getManagerFunction,
} from 'renovate/dist/modules/manager/index.js';
import type { PackageDependency } from 'renovate/dist/modules/manager/types.js';
import type { RawBranch, RawUpgrade } from './branch-lookup.ts';

/**
 * The modules of the pinned `renovate` package that write an update into a file. They ship
 * without type declarations, so they are imported by a plain string and typed here by what
 * this harness calls (lib/workers/repository/update/branch/auto-replace.ts and
 * lib/util/string-match.ts in Renovate's source).
 */
interface AutoReplaceModule {
  doAutoReplace(
    upgrade: RawUpgrade,
    existingContent: string,
    reuseExistingBranch: boolean,
    firstUpdate?: boolean,
  ): Promise<string | null>;
}

interface StringMatchModule {
  matchRegexOrGlob(input: string, pattern: string): boolean;
}

type UpdateDependency = (args: {
  packageFile: string;
  fileContent: string;
  upgrade: RawUpgrade;
}) => Promise<string | null>;

const autoReplaceModule: string = 'renovate/dist/workers/repository/update/branch/auto-replace.js';
const stringMatchModule: string = 'renovate/dist/util/string-match.js';

const { doAutoReplace } = (await import(autoReplaceModule)) as AutoReplaceModule;
const { matchRegexOrGlob } = (await import(stringMatchModule)) as StringMatchModule;

/** What Renovate logged while it wrote one branch: the reason when a replacement fails. */
const captured: string[] = [];

let ready: Promise<void> | undefined;

/** Renovate's logger and global config, set up once per test worker. */
function setUp(): Promise<void> {
  ready ??= (async () => {
    await initLogger();
    levels('stdout', 'fatal');
    addStream({
      name: 'byte-exact-capture',
      level: 'debug',
      type: 'raw',
      stream: {
        writable: true,
        write(record: BunyanRecord) {
          captured.push(String(record.msg));
        },
      } as unknown as NodeJS.WritableStream,
    });
  })();
  return ready;
}

export interface FileChange {
  before: string;
  after: string;
}

export interface AppliedBranch {
  branchName: string;
  /** Every file the branch touches, before and after Renovate wrote the branch's upgrades. */
  files: Map<string, FileChange>;
  /** Set when Renovate's writer gave up (it throws `update-failure`), with what it logged. */
  failure?: string;
}

/**
 * Writes one branch's upgrades into the files the way Renovate's branch worker does
 * (`getUpdatedPackageFiles` in lib/workers/repository/update/branch/get-updated.ts): upgrade
 * after upgrade, each into the content the previous one left, through the manager's own
 * `updateDependency` where it has one and Renovate's `doAutoReplace` otherwise. That loop is
 * the only part reproduced here; it is copied because the real one reads the files from a
 * git clone. Lock files and `bumpVersion` are left out: no manager this package uses has them.
 */
export async function applyBranch(
  branch: RawBranch,
  readOriginal: (packageFile: string) => Promise<string>,
): Promise<AppliedBranch> {
  await setUp();
  const localDir = await mkdtemp(path.join(tmpdir(), 'renovate-writer-'));
  GlobalConfig.set({ localDir });
  captured.length = 0;
  const files = new Map<string, FileChange>();
  let firstUpdate = true;
  try {
    for (const upgrade of branch.upgrades) {
      const file = upgrade.packageFile;
      const change = files.get(file) ?? { before: await readOriginal(file), after: '' };
      const content = files.has(file) ? change.after : change.before;
      const updateDependency = getManagerFunction(upgrade.manager, 'updateDependency') as
        | UpdateDependency
        | undefined;
      let written: string | null;
      if (updateDependency) {
        written = await updateDependency({ packageFile: file, fileContent: content, upgrade });
      } else {
        written = await doAutoReplace(upgrade, content, false, firstUpdate);
        firstUpdate = false;
      }
      if (written === null) {
        throw new Error(`no content for ${file}`);
      }
      files.set(file, { before: change.before, after: written });
    }
    return { branchName: branch.branchName, files };
  } catch (err) {
    const reasons = captured.filter((msg) => /not|fail|cannot|mismatch/i.test(msg));
    return {
      branchName: branch.branchName,
      files,
      failure: `${(err as Error).message}: ${reasons.join('; ') || 'Renovate logged no reason'}`,
    };
  } finally {
    await rm(localDir, { recursive: true, force: true });
  }
}

/** The dependencies one manager finds in one file's content, with the config it runs with. */
export async function extractDeps(
  manager: string,
  content: string,
  packageFile: string,
  config: Record<string, unknown>,
): Promise<PackageDependency[]> {
  await setUp();
  try {
    const result = await extractPackageFile(manager, content, packageFile, config);
    return result?.deps ?? [];
  } catch {
    return [];
  }
}

/** Whether a manager with these `managerFilePatterns` reads this file, decided as Renovate does. */
export function managerReads(packageFile: string, patterns: readonly string[]): boolean {
  return patterns.some((pattern) => matchRegexOrGlob(packageFile, pattern));
}
