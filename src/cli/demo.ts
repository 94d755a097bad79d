import path from 'node:path';
import { tempGitRepo } from '../renovate/temp-git-repo.ts';
import { packageRoot } from '../shared/package-root.ts';
import { runScan } from './scan.ts';

export const demoHelp = `Usage: renovate-gitops demo [--json]

Runs \`scan --lookup\` on the bundled example cluster repository
(fixtures/repos/gitops-with-monitoring) inside the offline world: the real Renovate finds every
pin, looks up new versions from the bundled registry data, and the table shows what merges by
itself and what waits for approval. Needs no network.
  --json   print the rows as JSON instead of a table

Exit codes: 0 done, 1 Renovate failed.`;

export async function demo(args: string[]): Promise<number> {
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
