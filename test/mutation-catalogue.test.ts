import { describe, expect, it } from 'vitest';
import { catalogue } from '../mutations/catalogue.ts';
import { StaleMutationError } from '../mutations/edits.ts';
import { copyProject } from '../mutations/project-copy.ts';
import { runSuites } from '../mutations/run-suites.ts';
import { projectRoot } from './harness/paths.ts';

/**
 * The catalogue itself, in CI. Running all of it takes the better part of an hour (README), so
 * `npm test` checks what keeps it from rotting: every breakage still applies to the project as
 * it is (a refactor that moves an anchor fails here, not months later in a release run), and the
 * breakages whose suites run in seconds are caught for real.
 */
const mutations = catalogue(projectRoot, { eachPattern: true });

/** The ones whose suites need no Renovate run: seconds each, so CI can afford them. */
const fast = [
  'world-answers-unknown',
  'world-unknown-package-answered',
  'writer-not-atomic',
  'writer-no-rollback',
];

describe('the mutation catalogue', () => {
  it('holds every breakage the README lists, each once', () => {
    const ids = mutations.map((mutation) => mutation.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of [...fast, 'automerge-type-branch', 'major-automerge', 're2-ignored']) {
      expect(ids).toContain(id);
    }
  });

  it('applies every breakage to the project as it is: none is stale, each changes a file', async () => {
    const copy = await copyProject(projectRoot);
    try {
      const problems: string[] = [];
      for (const mutation of mutations) {
        // Each on pristine files: two breakages of one file must not meet.
        const restore = await copy.snapshot();
        try {
          await mutation.apply(copy.dir);
        } catch (err) {
          if (!(err instanceof StaleMutationError)) throw err;
          problems.push(`${mutation.id}: ${err.message}`);
        }
        const changed = await restore();
        if (changed.length === 0) problems.push(`${mutation.id}: changes no file`);
      }
      expect(problems).toEqual([]);
    } finally {
      await copy.dispose();
    }
  }, 300_000);

  it('the suites of the fast breakages pass on the unmutated project', async () => {
    const suites = [
      ...new Set(mutations.filter((m) => fast.includes(m.id)).flatMap((m) => m.suites)),
    ];
    const copy = await copyProject(projectRoot);
    try {
      const run = await runSuites(copy.dir, suites);
      expect(run.exitCode, run.output.slice(-2000)).toBe(0);
    } finally {
      await copy.dispose();
    }
  }, 120_000);

  it.each(fast)(
    '%s is caught by its suites',
    async (id) => {
      const mutation = mutations.find((candidate) => candidate.id === id);
      if (!mutation) throw new Error(`no mutation ${id}`);
      const copy = await copyProject(projectRoot);
      try {
        await mutation.apply(copy.dir);
        const run = await runSuites(copy.dir, mutation.suites);
        expect(run.exitCode, run.output.slice(-2000)).not.toBe(0);
        expect(run.firstFailure).toMatch(/\.test\.ts > /);
      } finally {
        await copy.dispose();
      }
    },
    120_000,
  );
});
