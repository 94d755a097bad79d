import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFixtures } from './harness/expectations.ts';
import { markdownTable } from './harness/markdown-table.ts';
import { projectRoot } from './harness/paths.ts';

/**
 * The README says what backs each claim. These checks keep the pointers true: a row that names
 * a fixture pin must name one that is there, in that file, found by the row's manager with the
 * row's datasource; the pins themselves are checked through the real Renovate by detection and
 * lookup tests. A row whose backing disappears fails here, not in a reader's repository.
 */

const readme = readFileSync(path.join(projectRoot, 'README.md'), 'utf8');
const fixtures = new Map(loadFixtures().map((fixture) => [fixture.name, fixture]));

const datasources = [
  'helm',
  'docker',
  'git-tags',
  'github-tags',
  'github-releases',
  'gitlab-tags',
] as const;

/** The manager a "Found by" cell names: Renovate's own by name, or the kind of custom manager. */
function managerOf(foundBy: string): string | undefined {
  if (foundBy.startsWith('custom regex')) return 'regex';
  if (foundBy.startsWith('custom JSONata')) return 'jsonata';
  return /^(?:Renovate's )?`([a-z0-9-]+)`/.exec(foundBy)?.[1];
}

interface PinReference {
  fixture: string;
  file: string;
  depName: string;
}

/** `` `repo/path/file` (depName) `` items of a cell; anything else is a test or folder. */
function pinReferences(cell: string): PinReference[] {
  return [...cell.matchAll(/`([^`]+)` \(([^)]+)\)/g)].map(([, where = '', depName = '']) => {
    const [fixture = '', ...rest] = where.split('/');
    return { fixture, file: rest.join('/'), depName };
  });
}

const detectionRows = markdownTable(
  readme,
  '| Where the pin is | Example | Found by | Datasource | Backed by',
);

describe("the README's detection table", () => {
  it('has a row per shape, each with its backing', () => {
    expect(detectionRows.length).toBeGreaterThan(15);
    for (const row of detectionRows) {
      expect(row, row[0]).toHaveLength(5);
      expect(row[4], `${row[0]}: no backing named`).not.toBe('');
    }
  });

  const pinRows = detectionRows.filter((row) => pinReferences(row[4] ?? '').length > 0);
  let previousManager: string | undefined;
  const rowsWithManager = detectionRows.map((row) => {
    // "…" rows continue the row above: `argocd` alone names the same manager.
    const manager = managerOf(row[2] ?? '') ?? previousManager;
    previousManager = manager;
    return { row, manager };
  });

  it.each(
    rowsWithManager
      .filter(({ row }) => pinRows.includes(row))
      .map(({ row, manager }) => ({ shape: row[0] ?? '', row, manager })),
  )('$shape', ({ row, manager }) => {
    const cell = row[3] ?? '';
    const allowed =
      cell === 'any'
        ? [...datasources]
        : datasources.filter((id) => new RegExp(`(^|[ ,(])${id}\\b`).test(cell));
    expect(allowed, 'the row names no datasource').not.toEqual([]);
    for (const reference of pinReferences(row[4] ?? '')) {
      const fixture = fixtures.get(reference.fixture);
      expect(fixture, `no fixture repository ${reference.fixture}`).toBeDefined();
      const backing = (fixture?.pins ?? []).filter(
        (pin) =>
          pin.file === reference.file &&
          pin.depName === reference.depName &&
          pin.manager === manager &&
          // helmv3 leaves the datasource to the lookup: a Chart.yaml dependency is a Helm chart.
          (allowed as readonly string[]).includes(pin.datasource ?? 'helm'),
      );
      expect(
        backing,
        `${reference.fixture}/${reference.file} has no pin of ${reference.depName} by ${manager} (${allowed.join(', ')})`,
      ).not.toEqual([]);
    }
  });

  it.each(
    detectionRows
      .filter((row) => !pinRows.includes(row))
      .map((row) => ({ shape: row[0] ?? '', cell: row[4] ?? '' })),
  )('$shape: names a test or fixture that exists', ({ cell }) => {
    const named = [...cell.matchAll(/`([^`]+)`/g)].map(([, where = '']) => where);
    expect(named).not.toEqual([]);
    for (const where of named) {
      const candidates = [path.join(projectRoot, where), path.join(projectRoot, 'fixtures', where)];
      expect(
        candidates.some((candidate) => existsSync(candidate)),
        `${where} does not exist`,
      ).toBe(true);
    }
  });
});

/** Every code span of a cell that names a file or folder of the project (or of fixtures/). */
function namedPaths(cell: string): string[] {
  return [...cell.matchAll(/`([^`\s]+\/[^`\s]*)`/g)].map(([, where = '']) => where);
}

function exists(where: string): boolean {
  return [path.join(projectRoot, where), path.join(projectRoot, 'fixtures', where)].some(
    (candidate) => existsSync(candidate),
  );
}

describe("the README's policy tables", () => {
  const defaultRows = markdownTable(readme, '| Update | What happens | Backed by');
  const blockRows = markdownTable(readme, '| Preset | Effect | Backed by');

  it.each([...defaultRows, ...blockRows].map((row) => ({ claim: row[0] ?? '', row })))(
    '$claim: names tests or cases that exist',
    ({ row }) => {
      const named = namedPaths(row[2] ?? '');
      expect(named, 'no backing named').not.toEqual([]);
      for (const where of named) {
        expect(exists(where), `${where} does not exist`).toBe(true);
      }
    },
  );

  it.each(blockRows.map((row) => ({ preset: row[0] ?? '', row })))(
    '$preset: its policy case extends it',
    ({ preset, row }) => {
      const name = /presets\/([a-z-]+)/.exec(preset)?.[1];
      const cases = namedPaths(row[2] ?? '').filter((where) => where.startsWith('policy-cases/'));
      expect(cases, 'no policy case named').not.toEqual([]);
      for (const where of cases) {
        const config = readFileSync(
          path.join(projectRoot, 'fixtures', where, 'renovate.json'),
          'utf8',
        );
        expect(config).toContain(`//presets/${name}"`);
      }
    },
  );
});
