import path from 'node:path';
import { tempGitRepo } from '../renovate/temp-git-repo.ts';
import { packageRoot } from '../shared/package-root.ts';
import { assertBundledWorldAvailable } from '../world/bundled-world.ts';
import { runScan } from './scan.ts';

export const demoHelp = `Usage: renovate-gitops demo [--json]

Runs \`scan --lookup\` on the bundled example cluster repository
(fixtures/repos/gitops-with-monitoring) inside the offline world: the real Renovate finds every
pin, looks up new versions from the bundled registry data, and the table shows what merges by
itself and what waits for approval. Needs no network, but a checkout of renovate-config-gitops
after \`npm ci\`: the bundled world is test data, not part of the installed package.
  --json   print the rows as JSON instead of a table

Exit codes: 0 done, 1 Renovate failed, 2 not run from a checkout.`;

export async function demo(args: string[]): Promise<number> {
  assertBundledWorldAvailable('demo');
  const example = path.join(packageRoot, 'fixtures/repos/gitops-with-monitoring');
  const repo = await tempGitRepo(example, ['expected.json']);
  try {
    return await runScan({
      dir: repo.dir,
      lookup: true,
      offlineWorld: true,
      json: args.includes('--json'),
    });
  } finally {
    await repo.dispose();
  }
}
