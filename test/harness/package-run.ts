import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A folder for this test run only, shared by all workers (see installed-package.ts). */
    packageRunDir: string;
  }
}

/**
 * vitest globalSetup: an empty folder per test run, where `installedPackage()` packs and installs
 * this package once for every test file that asks. Costs nothing when none does.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(path.join(tmpdir(), 'package-run-'));
  project.provide('packageRunDir', dir);
  return () => rm(dir, { recursive: true, force: true });
}
