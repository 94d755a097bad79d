import type { MutationResult } from './run.ts';

function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

/** The catalogue's table, in Markdown, one row per mutation. */
export function formatTable(results: readonly MutationResult[]): string {
  const rows = results.map((result) =>
    [
      `\`${result.id}\``,
      cell(result.breaks),
      result.outcome,
      cell(result.firstFailure ?? result.error ?? ''),
      result.seconds.toFixed(0),
    ].join(' | '),
  );
  return [
    '| mutation | claim it breaks | result | first failing test | s |',
    '|---|---|---|---|---|',
    ...rows.map((row) => `| ${row} |`),
  ].join('\n');
}
