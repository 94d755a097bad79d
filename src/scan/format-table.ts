import { displayWidth } from './display-width.ts';
import type { ScanRow } from './scan-rows.ts';

/**
 * A plain-text table: one header, columns padded to their widest cell, measured in terminal
 * columns so that a path like `apps/日本/values.yaml` does not push its row out of line.
 */
export function formatTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  // Each cell is measured once, and the widest found by a loop: Math.max(...cells) overflows
  // the stack with the rows of one 200,000-pin file.
  const measure = (row: readonly string[]) => row.map((cell) => displayWidth(cell));
  const headerWidths = measure(header);
  const rowWidths = rows.map(measure);
  const widths = [...headerWidths];
  for (const cells of rowWidths) {
    for (let column = 0; column < widths.length; column++) {
      if ((cells[column] ?? 0) > (widths[column] ?? 0)) widths[column] = cells[column] ?? 0;
    }
  }
  const format = (row: readonly string[], cellWidths: readonly number[]) =>
    row
      .map(
        (cell, column) =>
          cell + ' '.repeat(Math.max(0, (widths[column] ?? 0) - (cellWidths[column] ?? 0))),
      )
      .join('  ')
      .trimEnd();
  return [
    format(header, headerWidths),
    format(
      widths.map((width) => '-'.repeat(width)),
      widths,
    ),
    ...rows.map((row, index) => format(row, rowWidths[index] ?? [])),
  ].join('\n');
}

export function formatScanTable(rows: readonly ScanRow[], lookup: boolean): string {
  const header = lookup
    ? ['file:line', 'dependency', 'datasource', 'current -> proposed', 'update', 'decision']
    : ['file:line', 'dependency', 'datasource', 'current', 'manager'];
  const cells = rows.map((row) => {
    const location = row.line ? `${row.file}:${row.line}` : row.file;
    return lookup
      ? [
          location,
          row.dependency,
          row.datasource,
          row.proposed ? `${row.current} -> ${row.proposed}` : row.current,
          row.updateType ?? '',
          row.decision,
        ]
      : [location, row.dependency, row.datasource, row.current, row.manager];
  });
  return formatTable(header, cells);
}

/**
 * The closing line: pins found, then what happens to their updates. Skipped dependencies
 * (`HEAD`, `latest`, an unpinned preset) are counted apart: they are not pins.
 */
export function summarize(rows: readonly ScanRow[]): string {
  const count = (predicate: (row: ScanRow) => boolean) => rows.filter(predicate).length;
  const pins = new Set(
    rows
      .filter((row) => !row.decision.startsWith('skipped'))
      .map((row) => `${row.file}\0${row.line}\0${row.dependency}\0${row.current}`),
  ).size;
  const updates = count((row) => row.proposed !== undefined);
  const parts = [
    `${pins} pins, ${updates} updates: ${count((row) => row.decision === 'automerge')} automerge`,
    `${count((row) => row.decision.startsWith('needs approval'))} need approval`,
    `${count((row) => row.decision.startsWith('waiting'))} waiting for release age`,
    `${count((row) => row.decision === 'up to date')} pins up to date`,
    `${count((row) => row.decision.startsWith('skipped'))} skipped (not pins)`,
  ];
  return parts.join(', ');
}
