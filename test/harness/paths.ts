import { readFileSync } from 'node:fs';
import path from 'node:path';

export const projectRoot = path.resolve(import.meta.dirname, '../..');
export const fixtureReposDir = path.join(projectRoot, 'fixtures/repos');
export const worldDataDir = path.join(projectRoot, 'fixtures/world');

/** This package's package.json, as the tests compare versions, names and pins with it. */
export const packageJson = JSON.parse(
  readFileSync(path.join(projectRoot, 'package.json'), 'utf8'),
) as { name: string; version: string; dependencies: Record<string, string> };
