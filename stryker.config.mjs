/**
 * Mutation testing of the pure modules whose unit tests run no Renovate and finish in seconds:
 * `npm run test:stryker`. Reports go to reports/stryker/ (mutation.html, mutation.json).
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  // The tests of the mutated modules only; see that file for why not Stryker's `testFiles`.
  vitest: { configFile: 'vitest.stryker.config.ts' },
  coverageAnalysis: 'perTest',
  // The machines have two cores.
  concurrency: 2,
  mutate: [
    'src/regex/keys.ts',
    'src/regex/comments.ts',
    'src/policy/compile-policy.ts',
    'src/scan/scan-rows.ts',
    'src/scan/locate-pin.ts',
    'src/corpus/score.ts',
    'src/corpus/names.ts',
    'src/resolve/go-template/parse.ts',
  ],
  // Folders no test of the list reads: kept out of the sandbox copy.
  ignorePatterns: ['/.tmp', '/dist', '/mutations'],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/stryker/mutation.html' },
  jsonReporter: { fileName: 'reports/stryker/mutation.json' },
  // Each module reached 80 % when this was set up; the run fails if all of them together fall below.
  thresholds: { high: 90, low: 80, break: 80 },
};
