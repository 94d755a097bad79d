import path from 'node:path';

export const projectRoot = path.resolve(import.meta.dirname, '../..');
export const fixtureReposDir = path.join(projectRoot, 'fixtures/repos');
export const worldDataDir = path.join(projectRoot, 'fixtures/world');
