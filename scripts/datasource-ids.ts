/**
 * Writes src/renovate/datasource-ids.json: the datasource ids of the pinned Renovate, which
 * `renovate-gitops policy` checks a policy's `datasource` entries against. Importing Renovate's
 * datasource registry takes a second or more (it loads every datasource); the list changes only
 * with Renovate's version, which the file records. Run by `npm run build`;
 * test/datasource-ids.test.ts fails when the file is stale.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import {
  datasourceIdsFile,
  renovateDatasourceIds,
  renovateVersion,
} from '../src/renovate/renovate-internals.ts';

const ids = await renovateDatasourceIds();
const content = `${JSON.stringify({ renovateVersion: renovateVersion(), datasourceIds: ids }, null, 2)}\n`;
// Unchanged (the usual case): not rewritten, so that a build beside running tests changes nothing.
if ((await readFile(datasourceIdsFile, 'utf8').catch(() => undefined)) !== content) {
  await writeFile(`${datasourceIdsFile}.tmp`, content);
  await rename(`${datasourceIdsFile}.tmp`, datasourceIdsFile);
  console.log(`wrote ${ids.length} datasource ids of renovate@${renovateVersion()}`);
}
