/**
 * The rows of the Markdown table that starts with `header` in `text`, each as its cells.
 * A `|` inside a code span belongs to the cell, as GitHub renders it; `\|` is a literal bar.
 */
export function markdownTable(text: string, header: string): string[][] {
  const start = text.indexOf(header);
  if (start < 0) {
    throw new Error(`no table with the header ${JSON.stringify(header)}`);
  }
  const lines = text.slice(start).split('\n');
  const rows: string[][] = [];
  for (const line of lines.slice(2)) {
    if (!line.startsWith('|')) break;
    rows.push(cellsOf(line));
  }
  return rows;
}

function cellsOf(line: string): string[] {
  const cells: string[] = [];
  let current = '';
  let inCode = false;
  for (let index = 1; index < line.length; index++) {
    const char = line[index];
    if (char === '\\' && line[index + 1] === '|') {
      current += '|';
      index++;
    } else if (char === '`') {
      inCode = !inCode;
      current += char;
    } else if (char === '|' && !inCode) {
      cells.push(current.trim());
      current = '';
    } else {
      current += char;
    }
  }
  return cells;
}
