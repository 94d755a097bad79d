/**
 * Compiles src/ to dist/ (JavaScript, declarations, source maps): what the published package
 * runs, on any Node from 20 on, where Node would not strip types inside node_modules. dist/ is
 * emptied first so that a module renamed or deleted in src/ is not shipped from an old build,
 * and the data files beside the modules (JSON schemas, configs read by path) are copied, since
 * tsc emits only the ones that are imported.
 *
 * Run by `npm run build` and, through it, by `npm pack`/`npm publish` (prepack).
 */
import { execFileSync } from 'node:child_process';
import { chmod, cp, readdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(root, 'src');
const dist = path.join(root, 'dist');

await rm(dist, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json')], {
  stdio: 'inherit',
});
const data = (await readdir(src, { recursive: true, withFileTypes: true }))
  .filter((entry) => entry.isFile() && !entry.name.endsWith('.ts'))
  .map((entry) => path.relative(src, path.join(entry.parentPath, entry.name)));
for (const file of data) {
  await cp(path.join(src, file), path.join(dist, file));
}
// npm makes a bin executable when it installs the package; this is for running it from here.
await chmod(path.join(dist, 'cli/main.js'), 0o755);
console.log(`compiled src/ to dist/ (${data.length} data files copied: ${data.join(', ')})`);
