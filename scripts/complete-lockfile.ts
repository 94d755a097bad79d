#!/usr/bin/env node
// After `npm install`, run `npx node scripts/complete-lockfile.ts` so that `npm ci` accepts
// the lock file on our machines (see scripts/lockfile-gaps.ts for why).
import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fillLockfileGaps, type Lockfile, lockfileGaps } from './lockfile-gaps.ts';

const file = path.resolve(import.meta.dirname, '../package-lock.json');
const lock = JSON.parse(await readFile(file, 'utf8')) as Lockfile;
const gaps = lockfileGaps(lock);
if (gaps.length === 0) {
  console.log('package-lock.json: no optional dependency is missing');
} else {
  await writeFile(`${file}.tmp`, `${JSON.stringify(fillLockfileGaps(lock), null, 2)}\n`);
  await rename(`${file}.tmp`, file);
  for (const gap of gaps)
    console.log(`added optional ${gap.name}@${gap.range} (needed by ${gap.neededBy})`);
}
