import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempGitRepo } from '../src/renovate/temp-git-repo.ts';
import {
  expectUserError,
  packageWithout,
  packageWithoutRenovate,
  runCli,
  snapshot,
} from './harness/cli.ts';
import { fixturePath } from './harness/offline-renovate.ts';

/** Every command that needs Renovate says so plainly when it is not installed. */
describe('without the renovate package', () => {
  let entry: string;
  let dispose: () => Promise<void>;
  let repo: { dir: string; dispose(): Promise<void> };

  beforeAll(async () => {
    ({ entry, dispose } = await packageWithoutRenovate());
    repo = await tempGitRepo(fixturePath('gitops-with-monitoring'), ['expected.json']);
    await writeFile(
      path.join(repo.dir, 'renovate-gitops.json5'),
      '{ apps: [{ application: "ingress-nginx", automerge: "patch" }] }',
    );
  });
  afterAll(async () => {
    await repo?.dispose();
    await dispose?.();
  });

  it.each`
    command
    ${['scan']}
    ${['scan', '--lookup', '--offline-world']}
    ${['policy']}
    ${['check']}
  `(
    '$command: one message, exit 1, nothing written',
    async ({ command }: { command: string[] }) => {
      const before = await snapshot(repo.dir);
      const args = command[0] === 'check' ? command : [...command, repo.dir];
      expectUserError(
        await runCli(args, { entry }),
        1,
        /the renovate package is not installed: run `npm ci` in this project first/,
      );
      expect(await snapshot(repo.dir)).toEqual(before);
    },
  );
});

/** Renovate runs on the Node of the `node` package; without it, one sentence says what to do. */
describe('without the node package', () => {
  let entry: string;
  let dispose: () => Promise<void>;
  let repo: { dir: string; dispose(): Promise<void> };

  beforeAll(async () => {
    ({ entry, dispose } = await packageWithout(['node']));
    repo = await tempGitRepo(fixturePath('gitops-with-monitoring'), ['expected.json']);
  });
  afterAll(async () => {
    await repo?.dispose();
    await dispose?.();
  });

  it.each`
    command
    ${['scan']}
    ${['policy']}
  `('$command: one message, exit 1', async ({ command }: { command: string[] }) => {
    expectUserError(
      await runCli([...command, repo.dir], { entry }),
      1,
      /the Node 24 that runs Renovate \(the `node` npm package, node-[a-z]+-[a-z0-9]+\) is not installed: reinstall renovate-config-gitops/,
    );
  });

  it('still prints the usage', async () => {
    const result = await runCli(['--help'], { entry });
    expect(result.code).toBe(0);
  });
});
