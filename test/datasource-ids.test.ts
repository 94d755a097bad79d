import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import {
  datasourceIds,
  datasourceIdsFile,
  renovateDatasourceIds,
  renovateVersion,
} from '../src/renovate/renovate-internals.ts';

describe('the recorded datasource ids', () => {
  it('are those of the pinned Renovate (else run `npm run build`)', async () => {
    const recorded = JSON.parse(await readFile(datasourceIdsFile, 'utf8')) as unknown;
    expect(recorded).toEqual({
      renovateVersion: renovateVersion(),
      datasourceIds: await renovateDatasourceIds(),
    });
    expect(await datasourceIds()).toEqual(await renovateDatasourceIds());
  });
});
