import { parseArgs } from 'node:util';
import { generatedFiles, staleFiles } from '../build/write-presets.ts';
import { allPresets } from '../presets/index.ts';
import { RenovateUnavailableError, renovateEntryPoint } from '../renovate/renovate-binary.ts';
import { packageRoot } from '../shared/package-root.ts';
import { UserError } from '../shared/user-error.ts';
import { runConfigValidator } from '../validate/config-validator.ts';
import { formatProblem } from '../validate/problem.ts';
import { validateGeneratedPresets } from '../validate/validate-presets.ts';

export const checkHelp = `Usage: renovate-gitops check

Checks the presets this package publishes:
  - default.json and presets/*.json are what \`renovate-gitops build\` generates;
  - every preset validates against the JSON schema of the pinned Renovate;
  - every custom manager regex compiles under RE2 and has the named groups Renovate needs;
  - Renovate's own renovate-config-validator --strict accepts every preset.
Exit codes: 0 all good, 1 a check failed or Renovate is not installed, 2 bad arguments.`;

export async function check(args: string[]): Promise<number> {
  try {
    parseArgs({ args, options: {} });
  } catch (err) {
    throw new UserError(`${(err as Error).message}\n\n${checkHelp}`);
  }
  try {
    renovateEntryPoint();
  } catch (err) {
    if (err instanceof RenovateUnavailableError) throw new UserError(err.message, 1);
    throw err;
  }
  const files = generatedFiles(allPresets);
  const failures: string[] = [];
  const stale = await staleFiles(packageRoot, files);
  if (stale.length > 0) {
    failures.push(`out of date (run \`npm run build\`): ${stale.join(', ')}`);
  }
  failures.push(...validateGeneratedPresets(files).map(formatProblem));
  const validator = await runConfigValidator(
    packageRoot,
    files.map((file) => file.path),
  );
  if (!validator.ok) {
    failures.push(`renovate-config-validator --strict failed:\n${validator.output.trim()}`);
  }
  if (failures.length > 0) {
    throw new UserError(
      `check failed:\n${failures.map((failure) => `- ${failure}`).join('\n')}`,
      1,
    );
  }
  console.log(
    `${files.length} presets: up to date, schema-valid, RE2-clean, accepted by renovate-config-validator --strict`,
  );
  return 0;
}
