import { defineConfig } from 'vitest/config';

/**
 * The tests `npm run test:stryker` runs against each mutant: the unit tests of the mutated
 * modules, which run no Renovate and finish in seconds. A list of files here rather than
 * Stryker's `testFiles`: with `testFiles`, Stryker 10.1 activates a mutant in module-level code
 * only after the module has loaded, and reports it as survived (stryker-js#6144).
 */
export default defineConfig({
  test: {
    include: [
      'test/compile-policy.test.ts',
      'test/corpus-score.test.ts',
      'test/go-template.test.ts',
      'test/regex-pieces.test.ts',
      'test/scan-table.test.ts',
    ],
  },
});
