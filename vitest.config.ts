import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // A folder per run in which test/harness/installed-package.ts installs the packed package once.
    globalSetup: ['test/harness/package-run.ts'],
    // Each case runs the real Renovate CLI (4-15 s a run); the machines have two cores.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    maxWorkers: 2,
  },
});
