/**
 * The npm registry reachable from our machines lacks some optional, platform-specific
 * packages (Biome's android/darwin/win32/musl binaries, mockttp's `tls-impersonate@^0.2`).
 * `npm install` drops them from package-lock.json without a word, and `npm ci` then refuses the
 * lock file as out of sync ("Missing: ... from lock file"). An entry that names the package as
 * optional is enough for `npm ci`: on this platform it skips it (wrong os/cpu) or tolerates its
 * failed download, as it does for any optional dependency.
 */

interface LockPackage {
  version?: string;
  dev?: boolean;
  optional?: boolean;
  optionalDependencies?: Record<string, string>;
}

export interface Lockfile {
  packages: Record<string, LockPackage>;
}

/** Where npm would look for `name` needed by the package at `location`: nested, then upward. */
function resolves(lock: Lockfile, location: string, name: string): boolean {
  let base = location;
  for (;;) {
    if (lock.packages[`${base ? `${base}/` : ''}node_modules/${name}`]) return true;
    if (!base) return false;
    const parent = base.lastIndexOf('/node_modules/');
    base = parent >= 0 ? base.slice(0, parent) : '';
  }
}

export interface LockGap {
  name: string;
  range: string;
  neededBy: string;
}

export function lockfileGaps(lock: Lockfile): LockGap[] {
  return Object.entries(lock.packages).flatMap(([location, entry]) =>
    Object.entries(entry.optionalDependencies ?? {})
      .filter(([name]) => !resolves(lock, location, name))
      .map(([name, range]) => ({ name, range, neededBy: location || '(root)' })),
  );
}

/** Adds an optional stub entry for every gap, at the top level, keeping npm's key order. */
export function fillLockfileGaps(lock: Lockfile): Lockfile {
  const packages = { ...lock.packages };
  for (const gap of lockfileGaps(lock)) {
    const parent = packages[gap.neededBy === '(root)' ? '' : gap.neededBy];
    packages[`node_modules/${gap.name}`] = {
      version: gap.range.replace(/^[\^~=]/, ''),
      ...(parent?.dev ? { dev: true } : {}),
      optional: true,
    };
  }
  const sorted = Object.fromEntries(
    Object.entries(packages).sort(([a], [b]) =>
      a === '' ? -1 : b === '' ? 1 : a.localeCompare(b, 'en'),
    ),
  );
  return { ...lock, packages: sorted };
}
