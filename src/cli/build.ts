import { parseArgs } from 'node:util';
import { writeFilesAtomically } from '../build/write-files-atomically.ts';
import { generatedFiles, staleFiles } from '../build/write-presets.ts';
import { allPresets } from '../presets/index.ts';
import { packageRoot } from '../shared/package-root.ts';
import { UserError } from '../shared/user-error.ts';

export const buildHelp = `Usage: renovate-gitops build [--check]

Writes default.json and presets/*.json from the typed sources in src/presets.
  --check   write nothing; exit 1 and name the files that differ from the sources

Exit codes: 0 written or up to date, 1 out of date (--check), 2 bad arguments.`;

function parseBuildArgs(args: string[]): { check: boolean } {
  try {
    return parseArgs({ args, options: { check: { type: 'boolean', default: false } } }).values;
  } catch (err) {
    throw new UserError(`${(err as Error).message}\n\n${buildHelp}`);
  }
}

export async function build(args: string[]): Promise<number> {
  const options = parseBuildArgs(args);
  const files = generatedFiles(allPresets);
  if (options.check) {
    const stale = await staleFiles(packageRoot, files);
    if (stale.length > 0) {
      throw new UserError(
        `generated presets are out of date: ${stale.join(', ')}\nrun \`npm run build\` and commit the result`,
        1,
      );
    }
    console.log(`${files.length} generated presets are up to date`);
    return 0;
  }
  await writeFilesAtomically(packageRoot, files);
  for (const file of files) {
    console.log(`wrote ${file.path}`);
  }
  return 0;
}
